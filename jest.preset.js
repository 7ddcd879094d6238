// Shared jest settings for every workspace: ESM TypeScript through @swc/jest (fast, no type-check: that is the
// separate `typecheck` task). Unit tests sit beside the code; integration tests live under test/integration.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2024', keepClassNames: true }, module: { type: 'es6' } },
  ],
};

/** @param {{ kind?: 'unit' | 'integration' | 'system', globalSetup?: string }} options */
export function jestConfig({ kind = 'unit', globalSetup } = {}) {
  const testMatch = {
    unit: ['<rootDir>/src/**/*.test.ts'],
    integration: ['<rootDir>/test/integration/**/*.int.test.ts'],
    system: ['<rootDir>/**/*.system.test.ts'],
  }[kind];
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    transform,
    testMatch,
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // Integration suites talk to real Kafka, the registry and PostgreSQL; first connections can take seconds.
    testTimeout: kind === 'unit' ? 10_000 : 120_000,
    maxWorkers: kind === 'unit' ? '50%' : 1,
    ...(globalSetup ? { globalSetup } : {}),
  };
}
