import { jestConfig } from '../jest.preset.js';

const base = jestConfig({ kind: 'integration' });
export default { ...base, testMatch: ['<rootDir>/**/*.int.test.ts'] };
