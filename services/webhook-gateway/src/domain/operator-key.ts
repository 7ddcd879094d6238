import { createHash, timingSafeEqual } from 'node:crypto';

/** An operator key as configured: its id and the SHA-256 of the plaintext (the plaintext is never stored). */
export interface OperatorKey {
  readonly keyId: string;
  readonly sha256: Buffer;
}

const ENTRY = /^([A-Za-z0-9._-]{1,64}):([0-9a-f]{64})$/;

/** `ops1:<sha256 hex>,ops2:<sha256 hex>` → keys; returns the problem as a string when an entry does not parse. */
export function parseOperatorKeys(text: string): OperatorKey[] | string {
  const keys: OperatorKey[] = [];
  for (const entry of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = ENTRY.exec(entry);
    if (!match) return 'each operator key must be <key id>:<64 lowercase hex of its SHA-256>';
    keys.push({ keyId: match[1]!, sha256: Buffer.from(match[2]!, 'hex') });
  }
  return keys;
}

/** The id of the operator key whose hash matches `presented`, comparing every key in constant time; else null. */
export function operatorFor(keys: readonly OperatorKey[], presented: string): string | null {
  const digest = createHash('sha256').update(presented).digest();
  let found: string | null = null;
  for (const key of keys) {
    if (timingSafeEqual(key.sha256, digest) && found === null) found = key.keyId;
  }
  return found;
}

/** The configured form of a plaintext key (what an operator puts in WEBHOOK_OPERATOR_KEYS). */
export const operatorKeyEntry = (keyId: string, plaintext: string): string =>
  `${keyId}:${createHash('sha256').update(plaintext).digest('hex')}`;
