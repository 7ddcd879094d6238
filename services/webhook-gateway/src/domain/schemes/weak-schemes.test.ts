import { hmacBodyScheme, hmacBodySignature } from './hmac-body.ts';
import { SCHEMES } from './registry.ts';
import { isWeak, SCHEME_NAMES } from './scheme.ts';
import { contextWith, key, request } from './test-keys.ts';
import { tokenScheme } from './token.ts';

const body = '{"id":"evt_w_1","type":"payout.completed","data":{"id":"po_1","status":"completed"}}';
const k1 = key('k1', 'a_shared_secret_value');

describe('weak schemes', () => {
  it('are exactly those that sign no timestamp or no body', () => {
    const weak = SCHEME_NAMES.filter((name) => isWeak(SCHEMES[name]));
    expect(weak).toEqual(['hmac-body', 'token']);
  });

  it('hmac-body accepts the body MAC at any age and refuses a changed body', () => {
    const signed = request({ 'X-Hub-Signature-256': hmacBodySignature(k1.secret, body) }, body);
    expect(hmacBodyScheme.verify(signed, contextWith([k1], new Date('2035-01-01T00:00:00Z')))).toEqual({
      ok: true,
      keyId: 'k1',
      signedAtS: null,
      signedEventId: null,
    });
    expect(hmacBodyScheme.verify({ ...signed, body: Buffer.from(`${body} `) }, contextWith([k1]))).toMatchObject({
      code: 'signature_invalid',
    });
    expect(hmacBodyScheme.verify(request({ 'x-hub-signature-256': 'md5=abc' }, body), contextWith([k1]))).toMatchObject(
      {
        code: 'signature_malformed',
      },
    );
  });

  it('token accepts the shared token whatever the body and declares its header a secret', () => {
    expect(tokenScheme.verify(request({ 'x-webhook-token': k1.secret }, 'anything'), contextWith([k1]))).toMatchObject({
      ok: true,
      keyId: 'k1',
    });
    expect(tokenScheme.verify(request({ 'x-webhook-token': 'guess' }, body), contextWith([k1]))).toMatchObject({
      code: 'signature_invalid',
    });
    expect(tokenScheme.secretHeaders).toEqual(['x-webhook-token']);
  });
});
