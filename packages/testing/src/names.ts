import { randomBytes } from 'node:crypto';

/** A name no other test run uses: topics, consumer groups and databases get one each so suites never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
