/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 30000,
  // PGlite and BullMQ suites each open their own engines; two workers keep a 2-core machine responsive.
  maxWorkers: 2,
  // Same as bin/cloudward.js: the SDK's Node-version notice would be printed by every suite.
  setupFiles: ['<rootDir>/test/setup-env.js'],
};
