export default definePageConfig({
  navigationBarTitleText: '民意指标'
})
