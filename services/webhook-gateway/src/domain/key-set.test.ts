import { KeySetError, keysFromEnv, mergeKeySets, parseSecretsFile } from './key-set.ts';

const secret = 'a-secret-of-enough-length';

describe('key sets', () => {
  it('reads a secrets file with validity windows', () => {
    const keys = parseSecretsFile(
      JSON.stringify({
        sandbox: [
          { key_id: 'old', secret, not_after: '2026-12-01T00:00:00Z' },
          { key_id: 'new', secret: `${secret}-2`, not_before: '2026-11-20T00:00:00Z' },
        ],
      }),
    );
    expect(keys.get('sandbox')).toEqual([
      { keyId: 'old', secret, notBefore: null, notAfter: new Date('2026-12-01T00:00:00Z') },
      { keyId: 'new', secret: `${secret}-2`, notBefore: new Date('2026-11-20T00:00:00Z'), notAfter: null },
    ]);
  });

  it('refuses bad files without echoing secrets', () => {
    expect(() => parseSecretsFile('{')).toThrow(KeySetError);
    const short = () => parseSecretsFile(JSON.stringify({ sandbox: [{ key_id: 'k', secret: 'short-secret' }] }));
    expect(short).toThrow(/sandbox\.0\.secret/);
    try {
      short();
    } catch (error) {
      expect((error as Error).message).not.toContain('short-secret');
    }
    const inverted = {
      sandbox: [{ key_id: 'k', secret, not_before: '2026-02-01T00:00:00Z', not_after: '2026-01-01T00:00:00Z' }],
    };
    expect(() => parseSecretsFile(JSON.stringify(inverted))).toThrow(/not_before must be before not_after/);
    expect(() => parseSecretsFile(JSON.stringify({ Bad_Name: [] }))).toThrow(KeySetError);
  });

  it('reads WEBHOOK_SECRET_<PROVIDER>_<KEYID> variables and ignores the rest', () => {
    const keys = keysFromEnv({ WEBHOOK_SECRET_SANDBOX_K1: secret, WEBHOOK_SECRETS_FILE: '/x', HOME: '/root' });
    expect([...keys]).toEqual([['sandbox', [{ keyId: 'k1', secret, notBefore: null, notAfter: null }]]]);
    expect(() => keysFromEnv({ WEBHOOK_SECRET_SANDBOX_K1: 'short' })).toThrow(/shorter than/);
    expect(keysFromEnv({ WEBHOOK_SECRET_SANDBOX_K1: '' }).size).toBe(0);
  });

  it('merges sources and refuses a key id configured twice', () => {
    const fromEnv = keysFromEnv({ WEBHOOK_SECRET_SANDBOX_K1: secret });
    const fromFile = parseSecretsFile(
      JSON.stringify({ sandbox: [{ key_id: 'k2', secret }], acme: [{ key_id: 'k1', secret }] }),
    );
    const merged = mergeKeySets(fromEnv, fromFile);
    expect(merged.get('sandbox')?.map((k) => k.keyId)).toEqual(['k1', 'k2']);
    expect(merged.get('acme')?.map((k) => k.keyId)).toEqual(['k1']);
    expect(() => mergeKeySets(fromEnv, keysFromEnv({ WEBHOOK_SECRET_SANDBOX_K1: `${secret}x` }))).toThrow(
      /configured twice/,
    );
  });
});
