export default definePageConfig({
  navigationBarTitleText: '乡镇(街道)管理'
})
