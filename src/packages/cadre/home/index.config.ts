export default definePageConfig({
  navigationBarTitleText: '我的村(社区)'
})
