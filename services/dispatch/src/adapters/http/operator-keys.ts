import { createHash, timingSafeEqual } from 'node:crypto';
import { isOperatorRole, type OperatorRole } from '../../domain/operator.ts';

/** One operator credential as configured: only the SHA-256 of the token is ever held. */
export interface OperatorKey {
  readonly operatorId: string;
  readonly role: OperatorRole;
  readonly tokenSha256: Buffer;
}

const ENTRY = /^([A-Za-z0-9._@-]{1,64}):([a-z_]+):([0-9a-f]{64})$/;

/** Tokens shorter than this are refused at start-up: an operator token must not be guessable. */
export const MIN_TOKEN_CHARS = 32;

const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Parses `DISPATCH_OPERATOR_KEYS`: comma-separated `<operator id>:<role>:<sha256 hex of the token>`. Returns the
 * keys or the problems, naming entries by position (never echoing them).
 */
export function parseOperatorKeys(value: string): { keys: OperatorKey[] } | { problems: string[] } {
  const keys: OperatorKey[] = [];
  const problems: string[] = [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    const match = ENTRY.exec(entry);
    if (!match) {
      problems.push(`entry ${index + 1}: expected <operator id>:<role>:<64 hex chars>`);
    } else if (!isOperatorRole(match[2])) {
      problems.push(`entry ${index + 1}: unknown role ${match[2]}`);
    } else {
      keys.push({ operatorId: match[1]!, role: match[2], tokenSha256: Buffer.from(match[3]!, 'hex') });
    }
  }
  return problems.length > 0 ? { problems } : { keys };
}

/** The `DISPATCH_OPERATOR_KEYS` entry for a token (what the CLI seeds and tests configure). */
export function operatorKeyEntry(operatorId: string, role: OperatorRole, token: string): string {
  if (token.length < MIN_TOKEN_CHARS) throw new Error(`operator tokens need at least ${MIN_TOKEN_CHARS} characters`);
  return `${operatorId}:${role}:${sha256(token).toString('hex')}`;
}

/**
 * The operator a bearer token belongs to. Every configured key is compared in constant time and none is skipped, so
 * timing reveals neither which key nearly matched nor how many there are before it.
 */
export function verifyOperator(keys: readonly OperatorKey[], token: string | undefined): OperatorKey | undefined {
  if (!token) return undefined;
  const presented = sha256(token);
  let found: OperatorKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(presented, key.tokenSha256) && !found) found = key;
  }
  return found;
}
