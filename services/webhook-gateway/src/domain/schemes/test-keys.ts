import type { SigningKey } from '../signing-key.ts';
import type { VerifyContext } from './scheme.ts';

/** A key valid forever unless a window is given (test helper shared by the scheme tests). */
export const key = (
  keyId: string,
  secret: string,
  window: Partial<Pick<SigningKey, 'notBefore' | 'notAfter'>> = {},
): SigningKey => ({
  keyId,
  secret,
  notBefore: window.notBefore ?? null,
  notAfter: window.notAfter ?? null,
});

export const NOW = new Date('2026-11-26T12:00:00Z');
export const NOW_S = NOW.getTime() / 1000;

export const contextWith = (keys: readonly SigningKey[], now = NOW): VerifyContext => ({
  keys,
  now,
  policy: { toleranceS: 300, futureToleranceS: 300 },
});

/** A request as the router builds it: case-insensitive header lookup over a plain object. */
export const request = (headers: Record<string, string>, body: string | Buffer) => {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { header: (name: string) => lower[name], body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
};
