export default definePageConfig({
  navigationBarTitleText: '导出Excel表格'
})
