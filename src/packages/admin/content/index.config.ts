export default definePageConfig({
  navigationBarTitleText: '公开信和标语'
})
