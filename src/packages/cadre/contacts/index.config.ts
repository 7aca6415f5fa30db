export default definePageConfig({
  navigationBarTitleText: '本村登记名单'
})
