export default definePageConfig({
  navigationBarTitleText: '模拟民调'
})
