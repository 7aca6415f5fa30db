// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Targets: the oldest engines both builds already need. zod ships untranspiled ES2020 (?. and ??) in
// every bundle, so an engine older than these could not load the app anyway; transpiling our code and
// Taro's further back only added helpers and regenerator code to what a resident downloads.
const { dirname } = require('path')

// Safari before 16.3 and Chrome before 91 each have a narrow bug in destructuring, default parameters
// and optional chaining; preset-env would transpile those features everywhere (every `const [a, b] =
// useState()`). Its `bugfixes` mode instead runs one small plugin per bug, but babel-preset-taro does
// not pass that option on, so the same is done here: the three transforms out, their bugfix plugins in
// (the list `bugfixes: true` gives for these targets).
const presetEnv = dirname(require.resolve('@babel/preset-env/package.json'))
const bugfix = (name) => require.resolve(`@babel/plugin-bugfix-${name}`, { paths: [presetEnv] })

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        targets: { chrome: '80', safari: '13.1', ios: '13.4' },
        exclude: ['transform-destructuring', 'transform-parameters', 'transform-optional-chaining']
      }
    ]
  ],
  plugins: [
    bugfix('safari-id-destructuring-collision-in-function-expression'),
    bugfix('safari-rest-destructuring-rhs-array'),
    bugfix('v8-spread-parameters-in-optional-chaining')
  ]
}
