/** What an API key may do. Reads and writes are separate so a reporting job cannot create payouts. */
export const SCOPES = ['payouts:read', 'payouts:write'] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (value: unknown): value is Scope => SCOPES.includes(value as Scope);

/**
 * `sk_<mode>_<key id>_<secret>`: the key id (16 hex) is stored in clear to find the key, the secret (64 hex, 256 bits)
 * only as a SHA-256. The mode prefix makes a test key pasted into production obvious at a glance.
 */
const API_KEY = /^sk_(test|live)_([0-9a-f]{16})_([0-9a-f]{64})$/;

export interface ParsedApiKey {
  readonly mode: 'test' | 'live';
  readonly keyId: string;
  readonly secret: string;
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = API_KEY.exec(token);
  if (!match) return undefined;
  return { mode: match[1] as ParsedApiKey['mode'], keyId: match[2]!, secret: match[3]! };
}

export const formatApiKey = (key: ParsedApiKey): string => `sk_${key.mode}_${key.keyId}_${key.secret}`;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match?.[1];
}
