import { z } from 'zod';
import { MAX_KEYS_PER_PROVIDER, type SigningKey } from './signing-key.ts';

/** Provider names as they appear in `/v1/webhooks/:provider`, config and metrics. */
export const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,31}$/;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** 128 bits as hex is 32 characters; 16 is the floor so a typo'd short secret is refused at start. */
export const MIN_SECRET_CHARS = 16;

/** Every provider's keys: the whole set is replaced at once on reload, never edited in place. */
export type KeySet = ReadonlyMap<string, readonly SigningKey[]>;

const keyEntry = z
  .object({
    key_id: z.string().regex(KEY_ID),
    secret: z.string().min(MIN_SECRET_CHARS).max(512),
    not_before: z.iso.datetime({ offset: true }).nullish(),
    not_after: z.iso.datetime({ offset: true }).nullish(),
  })
  .strict()
  .refine((k) => !k.not_before || !k.not_after || Date.parse(k.not_before) < Date.parse(k.not_after), {
    message: 'not_before must be before not_after',
  });

/** `WEBHOOK_SECRETS_FILE`: `{ "<provider>": [{ key_id, secret, not_before?, not_after? }, …] }`. */
const secretsFile = z.record(z.string().regex(PROVIDER_NAME), z.array(keyEntry).max(MAX_KEYS_PER_PROVIDER));

/** Why a key source was refused; the message names the path but never a secret. */
export class KeySetError extends Error {
  readonly code = 'key_set_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'KeySetError';
  }
}

/** Parses the secrets file's JSON text. Throws KeySetError (without echoing values) when it does not fit. */
export function parseSecretsFile(text: string): Map<string, SigningKey[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeySetError('secrets file is not JSON');
  }
  const parsed = secretsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeySetError(`secrets file: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const keys = new Map<string, SigningKey[]>();
  for (const [provider, entries] of Object.entries(parsed.data)) {
    keys.set(
      provider,
      entries.map((entry) => ({
        keyId: entry.key_id,
        secret: entry.secret,
        notBefore: entry.not_before ? new Date(entry.not_before) : null,
        notAfter: entry.not_after ? new Date(entry.not_after) : null,
      })),
    );
  }
  return keys;
}

const ENV_KEY = /^WEBHOOK_SECRET_([A-Z][A-Z0-9]{0,31})_([A-Z0-9][A-Z0-9._-]{0,63})$/;

/**
 * Keys from `WEBHOOK_SECRET_<PROVIDER>_<KEYID>=<secret>` (provider and key id lower-cased; no validity window: use
 * the secrets file for scheduled rotation). Names with a hyphenated provider cannot be written this way either.
 */
export function keysFromEnv(env: Readonly<Record<string, string | undefined>>): Map<string, SigningKey[]> {
  const keys = new Map<string, SigningKey[]>();
  for (const [name, secret] of Object.entries(env)) {
    const match = ENV_KEY.exec(name);
    // An empty value is unset (how env files and orchestrators blank a variable), not a short secret.
    if (!match || secret === undefined || secret === '') continue;
    if (secret.length < MIN_SECRET_CHARS)
      throw new KeySetError(`${name}: secret shorter than ${MIN_SECRET_CHARS} characters`);
    const provider = match[1]!.toLowerCase();
    const list = keys.get(provider) ?? [];
    list.push({ keyId: match[2]!.toLowerCase(), secret, notBefore: null, notAfter: null });
    keys.set(provider, list);
  }
  return keys;
}

/** Both sources together; a key id given twice for one provider is refused (which secret would win is a guess). */
export function mergeKeySets(...sets: readonly ReadonlyMap<string, readonly SigningKey[]>[]): KeySet {
  const merged = new Map<string, SigningKey[]>();
  for (const set of sets) {
    for (const [provider, keys] of set) {
      const list = merged.get(provider) ?? [];
      for (const key of keys) {
        if (list.some((known) => known.keyId === key.keyId)) {
          throw new KeySetError(`provider ${provider}: key id ${key.keyId} is configured twice`);
        }
        list.push(key);
      }
      if (list.length > MAX_KEYS_PER_PROVIDER) {
        throw new KeySetError(`provider ${provider}: at most ${MAX_KEYS_PER_PROVIDER} keys`);
      }
      merged.set(provider, list);
    }
  }
  return merged;
}
