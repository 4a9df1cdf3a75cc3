/** One Jest run over every project; real PostgreSQL and Redis come from the global setup. */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');
const { swcOptions } = require('./tools/build/swc-options');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // operators/ and charts/ land with their issues; Jest refuses a root that does not exist.
  roots: ['apps', 'libs', 'operators', 'charts', 'tools'].filter((dir) => existsSync(join(__dirname, dir))).map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper,
  transform: {
    '/node_modules/(jose|@nestjs|content-disposition)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
    // Compiled as `npm run build` compiles (tools/build/swc-options.js), so tests see the same JavaScript.
    '^.+\\.ts$': ['@swc/jest', swcOptions({ sourceMaps: 'inline' })],
  },
  // ESM-only dependencies: Node 24 require()s them natively, Jest's CommonJS runtime does not.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs|content-disposition)/)'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  reporters: ['default', '<rootDir>/libs/testing/summary-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
