import { randomBytes } from 'node:crypto';
import { formatApiKey, SCOPES, type Scope } from '../domain/api-key.ts';
import { hashSecret } from './authenticate.ts';
import type { Transactions } from './ports.ts';

export interface SeedPlatformOptions {
  readonly platformId?: string;
  readonly name?: string;
  readonly scopes?: readonly Scope[];
}

export interface SeededPlatform {
  readonly platformId: string;
  readonly keyId: string;
  /** The plaintext key. Shown once: only its hash is stored. */
  readonly apiKey: string;
  readonly scopes: readonly Scope[];
  readonly platformCreated: boolean;
}

const PLATFORM_ID = /^[a-z0-9][a-z0-9_-]{2,63}$/;

/**
 * Creates a sandbox platform (unless it exists) and a new test API key for it. Every call issues a fresh key, so a
 * lost key is replaced by seeding again; earlier keys stay valid until revoked.
 */
export async function seedPlatform(
  transactions: Transactions,
  options: SeedPlatformOptions = {},
): Promise<SeededPlatform> {
  const platformId = options.platformId ?? 'sandbox';
  if (!PLATFORM_ID.test(platformId)) throw new RangeError(`invalid platform id ${JSON.stringify(platformId)}`);
  const scopes = options.scopes ?? SCOPES;
  const key = { mode: 'test', keyId: randomBytes(8).toString('hex'), secret: randomBytes(32).toString('hex') } as const;
  const platformCreated = await transactions.run(async (tx) => {
    const created = await tx.platforms.ensure({
      id: platformId,
      name: options.name ?? 'Sandbox platform',
      mode: 'test',
    });
    await tx.platforms.insertApiKey({
      keyId: key.keyId,
      platformId,
      secretSha256: hashSecret(key.secret),
      scopes,
      revoked: false,
    });
    return created;
  });
  return { platformId, keyId: key.keyId, apiKey: formatApiKey(key), scopes, platformCreated };
}
