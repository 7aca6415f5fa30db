// Resident pages live in the main package (what a resident opening the link loads);
// cadre and admin pages will go in subpackages so residents never download them.
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '平安民调',
    navigationBarTextStyle: 'white'
  }
})
