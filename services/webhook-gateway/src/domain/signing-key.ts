/** One shared secret a provider signs callbacks with; several may be active at once while a key is rotated. */
export interface SigningKey {
  /** Stable name of the key (e.g. `2026-11`), recorded with every verdict so rotation can be followed. */
  readonly keyId: string;
  /** The secret exactly as the provider hands it out; each scheme derives its MAC key from it. */
  readonly secret: string;
  /** The key verifies nothing before this instant (null: no lower bound). */
  readonly notBefore: Date | null;
  /** The key verifies nothing from this instant on (null: no upper bound). */
  readonly notAfter: Date | null;
}

/** At most this many keys per provider: every callback is checked against each, so the list must stay short. */
export const MAX_KEYS_PER_PROVIDER = 8;

/** True when `key` may verify a callback received at `now`. */
export function isActiveAt(key: SigningKey, now: Date): boolean {
  const t = now.getTime();
  if (key.notBefore !== null && t < key.notBefore.getTime()) return false;
  if (key.notAfter !== null && t >= key.notAfter.getTime()) return false;
  return true;
}

/**
 * What a listing of keys may show: ids and windows, never secret material. Used by logs at start-up and by the
 * operator API.
 */
export function describeKey(key: SigningKey, now: Date): Record<string, unknown> {
  return {
    key_id: key.keyId,
    not_before: key.notBefore?.toISOString() ?? null,
    not_after: key.notAfter?.toISOString() ?? null,
    active: isActiveAt(key, now),
  };
}
