export default definePageConfig({
  navigationBarTitleText: '干部与邀请码'
})
