import type { Compiler } from 'webpack'

/**
 * Taro writes its templates (base.wxml holds every component's template at every level) indented,
 * and WeChat counts every byte of the main package. Taro's own minifyXML runs an HTML minifier that
 * drops </input> (an HTML void element), which WXML requires, so only the whitespace between tags
 * is taken out here.
 */
export class WxmlWhitespacePlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('WxmlWhitespacePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'WxmlWhitespacePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.wxml')) continue
          const text = assets[name].source().toString()
          compilation.updateAsset(name, new sources.RawSource(text.replace(/>\s+</g, '><').trim()))
        }
      })
    })
  }
}
