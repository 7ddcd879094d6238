import { jestConfig } from '../jest.preset.js';

const base = jestConfig({ kind: 'unit' });
// System-level checks that need no infrastructure (e.g. docker-compose.yml against the services' config schemas).
export default {
  ...base,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '/node_modules/'],
};
