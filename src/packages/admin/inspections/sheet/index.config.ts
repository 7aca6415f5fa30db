export default definePageConfig({
  navigationBarTitleText: '评分细则'
})
