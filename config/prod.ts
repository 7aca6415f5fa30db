import type { UserConfigExport } from '@tarojs/cli'

/**
 * Production minifying. Taro's defaults turn most of terser's compression off and write every
 * Chinese character as a \uXXXX escape (6 bytes instead of UTF-8's 3; the questionnaire and the
 * contracts' messages are mostly Chinese). Both targets already ship ES2020 syntax (zod is not
 * transpiled), so terser may write ES2020 too. Measured by bench/size.ts; see the README's size section.
 */
const terser = {
  enable: true,
  config: {
    parse: { ecma: 2020 },
    compress: {
      ecma: 2020,
      arrows: true,
      collapse_vars: true,
      comparisons: true,
      computed_props: true,
      hoist_props: true,
      inline: true,
      loops: true,
      negate_iife: true,
      properties: true,
      reduce_funcs: true,
      reduce_vars: true,
      switches: true,
      typeofs: true,
      passes: 2
    },
    output: { ecma: 2020, comments: false, ascii_only: false }
  }
}

const isH5 = process.env.TARO_ENV === 'h5'

export default {
  // Taro's H5 defaults also keep every function name and quote every object key.
  terser: isH5 ? { enable: true, config: { ...terser.config, keep_fnames: false, output: { ...terser.config.output, quote_keys: false, keep_quoted_props: false } } } : terser,
  mini: {
    // No page sets innerHTML (no dangerouslySetInnerHTML): Taro then leaves its HTML parser out.
    runtime: { enableInnerHTML: false }
  },
  h5: {}
} satisfies UserConfigExport<'webpack5'>
