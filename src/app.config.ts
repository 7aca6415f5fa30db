// Resident pages live in the main package (what a resident opening the link loads);
// cadre pages are a subpackage so residents never download them.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/survey/index', 'pages/thanks/index', 'pages/concern/index'],
  subPackages: [
    { root: 'packages/cadre', pages: ['interview/index', 'home/index', 'register/index', 'contacts/index', 'import/index', 'export/index', 'visits/index', 'visit/index', 'concerns/index', 'tasks/index'] },
    { root: 'packages/admin', pages: ['ranking/index', 'village/index', 'indicators/index', 'people/index', 'exports/index', 'conflicts/index', 'content/index', 'county/index', 'towns/index', 'visits/index', 'concerns/index', 'inspections/index', 'inspections/ranking/index', 'inspections/sheet/index', 'inspections/units/index', 'inspections/circular/index', 'campaigns/index'] },
    { root: 'packages/inspector', pages: ['home/index', 'score/index', 'verify/index'] }
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '平安民调',
    navigationBarTextStyle: 'white'
  }
})
