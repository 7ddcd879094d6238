import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `op_<key id>_<secret>`: the key id (16 hex) finds the operator's key, the secret (64 hex, 256 bits) is stored only
 * as its SHA-256. A distinct prefix from platform keys (`sk_`) keeps operator and platform credentials apart.
 */
const TOKEN = /^op_([0-9a-f]{16})_([0-9a-f]{64})$/;

export interface ParsedToken {
  readonly keyId: string;
  readonly secret: string;
}

export function parseOperatorToken(token: string | undefined): ParsedToken | undefined {
  const match = token ? TOKEN.exec(token) : null;
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

/** A fresh token and what is stored of it. The plaintext exists only in the return value. */
export function newOperatorToken(): { token: string; keyId: string; secretSha256: Buffer } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { token: `op_${keyId}_${secret}`, keyId, secretSha256: sha256(secret) };
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const presented = sha256(secret);
  return presented.length === storedSha256.length && timingSafeEqual(presented, storedSha256);
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header.trim()) : null;
  return match?.[1];
}
