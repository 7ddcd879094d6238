import { createHash, timingSafeEqual } from 'node:crypto';
import { parseApiKey, type Scope } from '../domain/api-key.ts';
import type { ApiKeyRecord, PlatformRepository } from './ports.ts';

/** Who is calling: the platform every read and write is scoped to, and what the key may do. */
export interface Caller {
  readonly platformId: string;
  readonly keyId: string;
  readonly scopes: readonly Scope[];
}

export interface AuthenticatorOptions {
  readonly platforms: () => PlatformRepository;
  /** How long a key record is trusted from memory: a revocation takes effect within this time. */
  readonly cacheMs: number;
  readonly now?: () => number;
  readonly maxCachedKeys?: number;
}

/**
 * Verifies `sk_…` API keys: finds the key by its id, compares SHA-256 of the presented secret with the stored hash
 * in constant time. Key records are cached briefly so the hot path does not read the database on every request;
 * the secret check itself runs on every request.
 */
export class Authenticator {
  readonly #options: AuthenticatorOptions;
  readonly #cache = new Map<string, { record: ApiKeyRecord | null; loadedAtMs: number }>();

  constructor(options: AuthenticatorOptions) {
    this.#options = options;
  }

  async verify(token: string | undefined): Promise<Caller | undefined> {
    const parsed = token ? parseApiKey(token) : undefined;
    if (!parsed) return undefined;
    const record = await this.#record(parsed.keyId);
    if (!record || record.revoked) return undefined;
    const presented = createHash('sha256').update(parsed.secret).digest();
    if (presented.length !== record.secretSha256.length || !timingSafeEqual(presented, record.secretSha256)) {
      return undefined;
    }
    return { platformId: record.platformId, keyId: record.keyId, scopes: record.scopes };
  }

  async #record(keyId: string): Promise<ApiKeyRecord | null> {
    const nowMs = (this.#options.now ?? Date.now)();
    const cached = this.#cache.get(keyId);
    if (cached && nowMs - cached.loadedAtMs < this.#options.cacheMs) return cached.record;
    const record = await this.#options.platforms().findApiKey(keyId);
    // Bounded: a flood of random key ids evicts the oldest entries instead of growing memory.
    if (this.#cache.size >= (this.#options.maxCachedKeys ?? 10_000))
      this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(keyId, { record, loadedAtMs: nowMs });
    return record;
  }
}

/** SHA-256 of a key secret: 256 random bits need no slow hash, a leaked table still reveals no usable key. */
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();
