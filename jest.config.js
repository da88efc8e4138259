/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // every response of a test gateway is checked against its dialect's OpenAPI document
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/checkResponses.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose@6 is ESM-only; Jest's CommonJS loader on Node 20 cannot require() it, so swc transpiles it.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  // a networked database (TEST_DATABASE_URL) answers each statement a round trip later than in-memory SQLite
  testTimeout: process.env.TEST_DATABASE_URL ? 60000 : 20000,
};
