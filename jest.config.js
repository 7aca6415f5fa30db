/**
 * One jest run for every concern, as three projects:
 * - node: core, functions, local cloud, e2e (Chromium is driven from node);
 * - pages: the H5 flavour of pages and components in jsdom (@testing-library/react);
 * - weapp: the built mini-program (dist/) in miniprogram-simulate.
 */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2020'
  },
  module: { type: 'commonjs' }
}]

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // The locale file zod publishes under this path is ESM only; jest runs CommonJS.
    '^zod/v4/locales/(.*)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs'
  }
}

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/pages/', '<rootDir>/tests/weapp/'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts'
    },
    {
      ...shared,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts', '<rootDir>/tests/pages/**/*.test.tsx'],
      // Taro's H5 runtime and components ship as ES modules: transform them, leave the rest alone.
      transformIgnorePatterns: ['^<rootDir>/node_modules/(?!(@tarojs|@stencil|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|history|resolve-pathname|value-equal|tiny-invariant|tiny-warning|mobile-detect|abortcontroller-polyfill|whatwg-fetch|jsonp-retry|swiper|dom7|ssr-window)/)'],
      moduleNameMapper: {
        ...shared.moduleNameMapper,
        // What the H5 build aliases these to (see @tarojs/plugin-platform-h5), plus the page hooks.
        '^@tarojs/taro$': '<rootDir>/tests/pages/support/taro-h5.ts',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '\\.css$': '<rootDir>/tests/pages/support/style-stub.ts'
      },
      setupFiles: ['<rootDir>/tests/pages/support/setup.ts'],
      // Compile-time constants the H5 build defines (Taro's runtime reads them as globals).
      globals: {
        LOCAL_CLOUD: true,
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react'
      }
    },
    {
      ...shared,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      // The built mini-program runs as WeChat would run it, untransformed.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/']
    }
  ]
}
