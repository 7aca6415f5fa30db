export default definePageConfig({
  navigationBarTitleText: '导入Excel表格'
})
