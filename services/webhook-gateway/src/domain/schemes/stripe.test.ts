import { stripeScheme, stripeSignature } from './stripe.ts';
import { contextWith, key, NOW_S, request } from './test-keys.ts';

const body = '{"id":"evt_st_1","type":"payout.failed","data":{"id":"po_1","status":"failed"}}';
const k1 = key('k1', 'whsec_stripe_style_secret');

const header = (parts: string) => request({ 'Stripe-Signature': parts }, body);

describe('Stripe-style scheme', () => {
  it('accepts t=…,v1=… and ignores v0 entries and extra whitespace', () => {
    const v1 = stripeSignature(k1.secret, NOW_S, body);
    expect(stripeScheme.verify(header(`t=${NOW_S}, v0=${'0'.repeat(64)}, v1=${v1}`), contextWith([k1]))).toEqual({
      ok: true,
      keyId: 'k1',
      signedAtS: NOW_S,
      signedEventId: null,
    });
  });

  it('accepts when any of several v1 entries matches (the sender rolling its secret)', () => {
    const old = stripeSignature('an_older_secret_value', NOW_S, body);
    const current = stripeSignature(k1.secret, NOW_S, body);
    expect(stripeScheme.verify(header(`t=${NOW_S},v1=${old},v1=${current}`), contextWith([k1])).ok).toBe(true);
  });

  it('refuses wrong MACs, stale times, and headers without exactly one timestamp or any v1', () => {
    const stale = stripeSignature(k1.secret, NOW_S - 400, body);
    expect(stripeScheme.verify(header(`t=${NOW_S - 400},v1=${stale}`), contextWith([k1]))).toMatchObject({
      code: 'timestamp_stale',
    });
    expect(stripeScheme.verify(header(`t=${NOW_S},v1=${'a'.repeat(64)}`), contextWith([k1]))).toMatchObject({
      code: 'signature_invalid',
    });
    expect(stripeScheme.verify(header(`v1=${'a'.repeat(64)}`), contextWith([k1]))).toMatchObject({
      code: 'signature_malformed',
    });
    expect(stripeScheme.verify(header(`t=1,t=2,v1=${'a'.repeat(64)}`), contextWith([k1]))).toMatchObject({
      code: 'signature_malformed',
    });
    expect(stripeScheme.verify(header(`t=${NOW_S},v0=abc`), contextWith([k1]))).toMatchObject({
      code: 'signature_malformed',
    });
    expect(stripeScheme.verify(request({}, body), contextWith([k1]))).toMatchObject({ code: 'signature_missing' });
  });
});
