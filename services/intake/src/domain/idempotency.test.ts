import { keyExpiry, outcomeForStoredKey, type StoredResponse, validateIdempotencyKey } from './idempotency.ts';

const now = new Date('2026-01-01T00:00:00Z');
const stored: StoredResponse = {
  requestHash: 'a'.repeat(64),
  payoutId: '01a21828-4c84-74fd-bdca-0e2c73bc82e7',
  responseStatus: 201,
  responseBody: '{"id":"01a21828-4c84-74fd-bdca-0e2c73bc82e7"}',
  createdAt: now,
  expiresAt: new Date(now.getTime() + 86_400_000),
};

describe('outcomeForStoredKey', () => {
  it('replays the first response byte for byte for the same body', () => {
    expect(outcomeForStoredKey(stored, 'a'.repeat(64), now)).toEqual({
      kind: 'replay',
      status: 201,
      body: stored.responseBody,
      payoutId: stored.payoutId,
    });
  });

  it('refuses the same key with another body', () => {
    expect(outcomeForStoredKey(stored, 'b'.repeat(64), now)).toEqual({
      kind: 'reused',
      code: 'idempotency_key_reused',
      payoutId: stored.payoutId,
    });
  });

  it('treats an expired key as unused, whatever the body', () => {
    expect(outcomeForStoredKey(stored, 'b'.repeat(64), stored.expiresAt)).toEqual({ kind: 'expired' });
    expect(outcomeForStoredKey(stored, 'a'.repeat(64), new Date(stored.expiresAt.getTime() + 1))).toEqual({
      kind: 'expired',
    });
  });
});

describe('keyExpiry', () => {
  it('keeps keys at least 24 hours', () => {
    expect(keyExpiry(now, 24).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(() => keyExpiry(now, 23)).toThrow(RangeError);
  });
});

describe('validateIdempotencyKey', () => {
  it('requires 1 to 255 printable ASCII characters without spaces', () => {
    expect(validateIdempotencyKey('order-42:retry')).toBeUndefined();
    expect(validateIdempotencyKey('k'.repeat(255))).toBeUndefined();
    expect(validateIdempotencyKey(undefined)?.code).toBe('idempotency_key_missing');
    expect(validateIdempotencyKey('')?.code).toBe('idempotency_key_missing');
    expect(validateIdempotencyKey('k'.repeat(256))?.code).toBe('idempotency_key_invalid');
    expect(validateIdempotencyKey('has space')?.code).toBe('idempotency_key_invalid');
    expect(validateIdempotencyKey('clé')?.code).toBe('idempotency_key_invalid');
  });
});
