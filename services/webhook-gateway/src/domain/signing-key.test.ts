import { describeKey, isActiveAt } from './signing-key.ts';

const at = (iso: string) => new Date(iso);

describe('signing keys', () => {
  const key = {
    keyId: 'k1',
    secret: 'super-secret',
    notBefore: at('2026-01-01T00:00:00Z'),
    notAfter: at('2026-02-01T00:00:00Z'),
  };

  it('is active from notBefore (inclusive) until notAfter (exclusive)', () => {
    expect(isActiveAt(key, at('2025-12-31T23:59:59Z'))).toBe(false);
    expect(isActiveAt(key, at('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isActiveAt(key, at('2026-01-31T23:59:59Z'))).toBe(true);
    expect(isActiveAt(key, at('2026-02-01T00:00:00Z'))).toBe(false);
    expect(isActiveAt({ ...key, notBefore: null, notAfter: null }, at('1999-01-01T00:00:00Z'))).toBe(true);
  });

  it('describes a key without its secret', () => {
    const described = describeKey(key, at('2026-01-15T00:00:00Z'));
    expect(described).toEqual({
      key_id: 'k1',
      not_before: '2026-01-01T00:00:00.000Z',
      not_after: '2026-02-01T00:00:00.000Z',
      active: true,
    });
    expect(JSON.stringify(described)).not.toContain('super-secret');
  });
});
