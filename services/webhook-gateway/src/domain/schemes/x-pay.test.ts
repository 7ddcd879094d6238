import { contextWith, key, NOW, NOW_S, request } from './test-keys.ts';
import { xPayScheme, xPaySignature } from './x-pay.ts';

const body = '{"id":"evt_1","type":"payout.completed","data":{"id":"sbx_po_1","status":"completed"}}';
const k1 = key('k1', 'sbx_whsec_first_secret');
const k2 = key('k2', 'sbx_whsec_second_secret');

const signed = (secret: string, timestampS = NOW_S, payload = body) =>
  request(
    { 'X-PAY-SIGNATURE': xPaySignature(secret, timestampS, payload), 'X-PAY-TIMESTAMP': String(timestampS) },
    payload,
  );

describe('x-pay scheme', () => {
  it('accepts the MAC of `{timestamp}.{raw body}` and names the key and signed time', () => {
    expect(xPayScheme.verify(signed(k1.secret), contextWith([k1]))).toEqual({
      ok: true,
      keyId: 'k1',
      signedAtS: NOW_S,
      signedEventId: null,
    });
  });

  it('refuses a tampered body, a wrong secret and a MAC moved to another timestamp', () => {
    const tampered = { ...signed(k1.secret), body: Buffer.from(body.replace('completed', 'failed')) };
    expect(xPayScheme.verify(tampered, contextWith([k1]))).toMatchObject({
      ok: false,
      code: 'signature_invalid',
      verdict: 'invalid',
    });
    expect(xPayScheme.verify(signed('not-the-secret'), contextWith([k1]))).toMatchObject({ code: 'signature_invalid' });
    const moved = request(
      { 'x-pay-signature': xPaySignature(k1.secret, NOW_S - 10, body), 'x-pay-timestamp': String(NOW_S) },
      body,
    );
    expect(xPayScheme.verify(moved, contextWith([k1]))).toMatchObject({ code: 'signature_invalid' });
  });

  it('says which header is missing or malformed', () => {
    expect(xPayScheme.verify(request({ 'x-pay-timestamp': String(NOW_S) }, body), contextWith([k1]))).toMatchObject({
      code: 'signature_missing',
      verdict: 'missing',
    });
    expect(xPayScheme.verify(request({ 'x-pay-signature': 'ab'.repeat(32) }, body), contextWith([k1]))).toMatchObject({
      code: 'signature_missing',
    });
    const shortMac = request({ 'x-pay-signature': 'abc', 'x-pay-timestamp': String(NOW_S) }, body);
    expect(xPayScheme.verify(shortMac, contextWith([k1]))).toMatchObject({ code: 'signature_malformed' });
    const millis = request({ 'x-pay-signature': 'ab'.repeat(32), 'x-pay-timestamp': String(NOW.getTime()) }, body);
    expect(xPayScheme.verify(millis, contextWith([k1]))).toMatchObject({ code: 'signature_malformed' });
  });

  it('refuses stale and future timestamps with their own codes, even when validly signed', () => {
    expect(xPayScheme.verify(signed(k1.secret, NOW_S - 301), contextWith([k1]))).toMatchObject({
      code: 'timestamp_stale',
      verdict: 'expired',
      keyId: 'k1',
    });
    expect(xPayScheme.verify(signed(k1.secret, NOW_S + 301), contextWith([k1]))).toMatchObject({
      code: 'timestamp_in_future',
      keyId: 'k1',
    });
    expect(xPayScheme.verify(signed(k1.secret, NOW_S - 300), contextWith([k1])).ok).toBe(true);
    expect(xPayScheme.verify(signed(k1.secret, NOW_S + 300), contextWith([k1])).ok).toBe(true);
  });

  it('accepts any active key during a rotation and refuses a retired one by name', () => {
    const retired = key('k1', k1.secret, { notAfter: new Date(NOW.getTime() - 1) });
    expect(xPayScheme.verify(signed(k2.secret), contextWith([k1, k2]))).toMatchObject({ ok: true, keyId: 'k2' });
    expect(xPayScheme.verify(signed(k1.secret), contextWith([k1, k2]))).toMatchObject({ ok: true, keyId: 'k1' });
    expect(xPayScheme.verify(signed(k1.secret), contextWith([retired, k2]))).toMatchObject({
      ok: false,
      code: 'signature_invalid',
      verdict: 'key_inactive',
      keyId: 'k1',
    });
    const notYet = key('k2', k2.secret, { notBefore: new Date(NOW.getTime() + 1) });
    expect(xPayScheme.verify(signed(k2.secret), contextWith([k1, notYet]))).toMatchObject({ verdict: 'key_inactive' });
  });

  it('refuses everything when the provider has no key, saying so', () => {
    expect(xPayScheme.verify(signed(k1.secret), contextWith([]))).toMatchObject({
      code: 'signature_invalid',
      verdict: 'unknown_key',
    });
  });
});
