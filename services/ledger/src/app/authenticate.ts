import { createHash, timingSafeEqual } from 'node:crypto';
import { parseOperatorKey } from '../domain/operator.ts';
import type { OperatorKeyRecord, OperatorRecord, OperatorStore } from './ports.ts';

export interface OperatorAuthenticatorOptions {
  readonly operators: () => OperatorStore;
  /** How long a key record is trusted from memory: a revocation takes effect within this time. */
  readonly cacheMs: number;
  readonly now?: () => number;
  readonly maxCachedKeys?: number;
}

/** SHA-256 of a key secret: 256 random bits need no slow hash, and a leaked table still reveals no usable key. */
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/**
 * Verifies operator keys (`lop_…`): finds the key by id, compares the SHA-256 of the presented secret with the stored
 * digest in constant time. Key records are cached briefly; the secret is checked on every request.
 */
export class OperatorAuthenticator {
  readonly #options: OperatorAuthenticatorOptions;
  readonly #cache = new Map<string, { record: OperatorKeyRecord | null; loadedAtMs: number }>();

  constructor(options: OperatorAuthenticatorOptions) {
    this.#options = options;
  }

  async verify(token: string | undefined): Promise<OperatorRecord | undefined> {
    const parsed = token ? parseOperatorKey(token) : undefined;
    if (!parsed) return undefined;
    const record = await this.#record(parsed.keyId);
    if (!record || record.revoked) return undefined;
    const presented = hashSecret(parsed.secret);
    if (presented.length !== record.secretSha256.length || !timingSafeEqual(presented, record.secretSha256)) {
      return undefined;
    }
    return record.operator;
  }

  async #record(keyId: string): Promise<OperatorKeyRecord | null> {
    const nowMs = (this.#options.now ?? Date.now)();
    const cached = this.#cache.get(keyId);
    if (cached && nowMs - cached.loadedAtMs < this.#options.cacheMs) return cached.record;
    const record = await this.#options.operators().findKey(keyId);
    // Bounded: a flood of random key ids evicts the oldest entries instead of growing memory.
    if (this.#cache.size >= (this.#options.maxCachedKeys ?? 10_000)) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(keyId, { record, loadedAtMs: nowMs });
    return record;
  }
}
