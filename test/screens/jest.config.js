// `npm run screens` (scripts/screens.ts runs it): draws every screen into dist/screens/. Not part of `npm test`
// (the root jest.config.js matches *.test.ts only).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/screens'],
  testMatch: ['**/*.run.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 900000,
};
