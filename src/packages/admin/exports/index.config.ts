export default definePageConfig({
  navigationBarTitleText: '导出与清除'
})
