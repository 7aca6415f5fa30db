export default definePageConfig({
  navigationBarTitleText: '考核对象'
})
