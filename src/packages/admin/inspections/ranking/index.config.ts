export default definePageConfig({
  navigationBarTitleText: '督查排名'
})
