export default definePageConfig({
  navigationBarTitleText: '全县乡镇排名'
})
