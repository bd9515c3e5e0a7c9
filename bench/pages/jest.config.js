// The mini-program part of `npm run bench` (bench/miniprogram.ts runs it): list pages rendered under
// miniprogram-simulate against real functions on localcloud, their setData payloads measured. Not part of
// `npm test` (the root jest.config.js looks only in test/).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/bench/pages'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 120000,
};
