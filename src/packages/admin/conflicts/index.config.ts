export default definePageConfig({
  navigationBarTitleText: '号码冲突'
})
