// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Targets: the oldest engines both builds already need. zod ships untranspiled ES2020 (?. and ??) in
// every bundle, so an engine older than these could not load the app anyway; transpiling our code and
// Taro's further back only added helpers and regenerator code to what a resident downloads.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: { chrome: '80', safari: '13.1', ios: '13.4' } }]]
}
