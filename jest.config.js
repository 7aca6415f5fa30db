/** One jest run for every concern: core, functions, local cloud, pages, e2e. */
module.exports = {
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.tsx'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2020'
      },
      module: { type: 'commonjs' }
    }]
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // The locale file zod publishes under this path is ESM only; jest runs CommonJS.
    '^zod/v4/locales/(.*)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs'
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  testTimeout: 30000
}
