// Jest runs the TypeScript sources as native ES modules (ts-jest ESM mode);
// `npm test` sets NODE_OPTIONS=--experimental-vm-modules for that.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // the end-to-end tests run a bundle built from src/ now, never a stale dist/
  globalSetup: '<rootDir>/scripts/test-bundle.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
  // one line at the end naming the tools suites were skipped for (__tests__/helpers/tools.ts)
  reporters: ['default', '<rootDir>/scripts/skip-reporter.mjs'],
}
