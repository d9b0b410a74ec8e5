/** Jest: transform with swc (no type-check here; `tsc --noEmit` runs first in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/bench/'],
  // Topologies several files read are synthesized once per run (see test/scenarios.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // CDK synth of a VPC stack costs 1-2 s; give slow CI machines room.
  testTimeout: 60000,
  maxWorkers: 2,
};
