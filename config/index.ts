import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { join } from 'path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { BundleManifestPlugin } from './bundle-manifest'
import { WxmlWhitespacePlugin } from './wxml-whitespace'
import devConfig from './dev'
import prodConfig from './prod'

/** webpack-chain types `target` as one string; webpack takes the list (platform, then ES level). */
const esTarget = (chain: { target(value: string): unknown }) => chain.target(['web', 'es2020'] as unknown as string)

// One config builds both targets; the output folder depends on the target so both can coexist.
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'pingan-mindiao',
    date: '2026-11-30',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      // The local "switch user" panel exists only in the H5 build served by the local cloud.
      LOCAL_CLOUD: JSON.stringify(isH5)
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Levels of base.wxml's templates (WeChat templates cannot recurse, so Taro writes one set per
    // level, ~2.7 KB each). The resident pages nest 8 deep at most (the question screen); deeper
    // nodes, as in some cadre and admin tables, go through Taro's comp component instead.
    baseLevel: 10,
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('bundle-manifest').use(BundleManifestPlugin, ['weapp'])
        chain.plugin('wxml-whitespace').use(WxmlWhitespacePlugin)
        // Taro targets ES5, so webpack writes its glue (module wrappers, ~700 export getters) as
        // function(){return x}; the bundles already need ES2020 (see babel.config.js).
        esTarget(chain)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('bundle-manifest').use(BundleManifestPlugin, ['h5'])
        chain.resolve.alias.set('swiper/bundle$', join(__dirname, 'h5', 'swiper.mjs'))
        esTarget(chain)
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of React
        // helpers, zod and the core (~400 KB each); shared code now goes into chunks the pages share.
        // minSize: no shared chunk under 10 KB (before minifying); the home page's first visit was 21
        // requests, 8 of them under 1 KB gzipped, and is 11 (and 2 KB less) with each page keeping
        // its own copy of such small pieces.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 10000 })
      }
    }
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
