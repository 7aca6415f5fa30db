export default definePageConfig({
  navigationBarTitleText: '谢谢参与'
})
