export default definePageConfig({
  navigationBarTitleText: '登记住户电话'
})
