export default definePageConfig({
  navigationBarTitleText: '平安民调'
})
