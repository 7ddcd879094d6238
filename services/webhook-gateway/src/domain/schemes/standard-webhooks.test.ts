import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { standardWebhooksScheme, standardWebhooksSignature } from './standard-webhooks.ts';
import { contextWith, key, request } from './test-keys.ts';

// Interoperability with the reference implementation (standardwebhooks 1.1.1): what it signs we accept, what we
// would sign it accepts. Timestamps are real (the reference checks against its own clock, in whole seconds, so the
// stale and future cases sit a minute past the 300 s tolerance: a second boundary crossed mid-test must not matter).
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = '{"id":"evt_sw_1","type":"payout.completed","data":{"id":"po_9","status":"completed"}}';
const now = () => new Date();

const referenceHeaders = (id: string, at: Date, payload = body, signingSecret = secret) => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(signingSecret).sign(id, at, payload),
});

describe('Standard Webhooks scheme, against the standardwebhooks reference package', () => {
  it('accepts what the reference signs and uses the signed webhook-id as the event id', () => {
    const at = now();
    const verdict = standardWebhooksScheme.verify(
      request(referenceHeaders('msg_1', at), body),
      contextWith([key('k1', secret)], at),
    );
    expect(verdict).toEqual({
      ok: true,
      keyId: 'k1',
      signedAtS: Math.floor(at.getTime() / 1000),
      signedEventId: 'msg_1',
    });
  });

  it('produces signatures the reference verifies', () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const mac = standardWebhooksSignature(secret, 'msg_2', timestamp, Buffer.from(body)).toString('base64');
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('refuses what the reference refuses: tampered body, other secret, changed id, stale and future timestamps', () => {
    const at = now();
    const context = contextWith([key('k1', secret)], at);
    const headers = referenceHeaders('msg_3', at);
    const tampered = body.replace('completed', 'failed');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow();
    expect(standardWebhooksScheme.verify(request(headers, tampered), context)).toMatchObject({
      code: 'signature_invalid',
    });
    const other = referenceHeaders('msg_3', at, body, `whsec_${randomBytes(32).toString('base64')}`);
    expect(standardWebhooksScheme.verify(request(other, body), context)).toMatchObject({ code: 'signature_invalid' });
    const renamed = { ...headers, 'webhook-id': 'msg_4' };
    expect(() => new Webhook(secret).verify(body, renamed)).toThrow();
    expect(standardWebhooksScheme.verify(request(renamed, body), context)).toMatchObject({ code: 'signature_invalid' });
    const stale = referenceHeaders('msg_5', new Date(at.getTime() - 360_000));
    expect(() => new Webhook(secret).verify(body, stale)).toThrow(/too old/);
    expect(standardWebhooksScheme.verify(request(stale, body), context)).toMatchObject({ code: 'timestamp_stale' });
    const future = referenceHeaders('msg_6', new Date(at.getTime() + 360_000));
    expect(() => new Webhook(secret).verify(body, future)).toThrow(/too new/);
    expect(standardWebhooksScheme.verify(request(future, body), context)).toMatchObject({
      code: 'timestamp_in_future',
    });
  });

  it('accepts a header listing several signatures (sender rotating) when any matches, skipping other versions', () => {
    const at = now();
    const headers = referenceHeaders('msg_7', at);
    const oldSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const oldSignature = new Webhook(oldSecret).sign('msg_7', at, body);
    const listed = { ...headers, 'webhook-signature': `v1a,ZmFrZQ== ${oldSignature} ${headers['webhook-signature']}` };
    expect(new Webhook(secret).verify(body, listed)).toEqual(JSON.parse(body));
    expect(standardWebhooksScheme.verify(request(listed, body), contextWith([key('k1', secret)], at)).ok).toBe(true);
  });

  it('names missing and malformed headers', () => {
    const at = now();
    const context = contextWith([key('k1', secret)], at);
    const { 'webhook-id': _id, ...noId } = referenceHeaders('msg_8', at);
    expect(standardWebhooksScheme.verify(request(noId, body), context)).toMatchObject({ code: 'signature_missing' });
    const garbage = { ...referenceHeaders('msg_8', at), 'webhook-signature': 'v2,abc' };
    expect(standardWebhooksScheme.verify(request(garbage, body), context)).toMatchObject({
      code: 'signature_malformed',
    });
  });
});
