// Risk retired: the non-sandbox schemes only work in unit tests — a Standard Webhooks sender (the reference package),
// a Stripe-style sender or a weak-scheme sender is refused over HTTP, or a weak one is forwarded as fully trusted.
import { randomBytes } from 'node:crypto';
import { requireInfra } from '@sluice/testing';
import { Webhook } from 'standardwebhooks';
import { hmacBodySignature, stripeSignature } from '../../src/index.ts';
import { newPayoutId, payoutEvent, startTestGateway, type TestGateway, TopicReader } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const SW_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const STRIPE_SECRET = 'whsec_stripe_style_integration';
const HUB_SECRET = 'hub_secret_integration_value';
const TOKEN = 'token_integration_value_0123';

suite('webhook gateway: every scheme over HTTP', () => {
  let t: TestGateway;
  let reader: TopicReader;

  beforeAll(async () => {
    t = await startTestGateway(infra!, {
      WEBHOOK_PROVIDERS: 'sandbox:x-pay,acme:standard-webhooks,stripeish:stripe,legacy:hmac-body,tokenish:token',
      WEBHOOK_SECRET_ACME_SW1: SW_SECRET,
      WEBHOOK_SECRET_STRIPEISH_S1: STRIPE_SECRET,
      WEBHOOK_SECRET_LEGACY_H1: HUB_SECRET,
      WEBHOOK_SECRET_TOKENISH_T1: TOKEN,
    });
    reader = await TopicReader.start(infra!);
  });
  afterAll(async () => {
    await reader?.stop();
    await t?.stop();
  });

  it('accepts a callback signed by the standardwebhooks reference package, deduplicating on webhook-id', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'completed');
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': 'msg_interop_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(SW_SECRET).sign('msg_interop_1', now, body),
    };
    expect(await t.post('acme', body, headers)).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await t.post('acme', body, headers)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    const message = await reader.waitFor((m) => m.value.payout_id === payoutId, 'the standard webhooks callback');
    expect(message.value).toMatchObject({
      provider: 'acme',
      provider_event_id: 'msg_interop_1',
      verification: { scheme: 'standard-webhooks', key_id: 'sw1', verdict: 'valid' },
      needs_confirmation: false,
    });
    const forged = {
      ...headers,
      'webhook-signature': new Webhook(`whsec_${randomBytes(32).toString('base64')}`).sign('msg_interop_1', now, body),
    };
    expect(await t.post('acme', body, forged)).toMatchObject({ status: 401, body: { code: 'signature_invalid' } });
  });

  it('accepts a Stripe-style t=…,v1=… signature and refuses it stale', async () => {
    const body = payoutEvent(newPayoutId(), 'failed', { failure_code: 'account_closed' });
    const nowS = Math.floor(Date.now() / 1000);
    const header = (t0: number) => ({ 'stripe-signature': `t=${t0},v1=${stripeSignature(STRIPE_SECRET, t0, body)}` });
    expect(await t.post('stripeish', body, header(nowS - 600))).toMatchObject({
      status: 401,
      body: { code: 'timestamp_stale' },
    });
    expect(await t.post('stripeish', body, header(nowS))).toMatchObject({ status: 200, body: { status: 'accepted' } });
  });

  it('forwards callbacks of weak schemes with needs_confirmation and never archives the token', async () => {
    const hubPayout = newPayoutId();
    const hubBody = payoutEvent(hubPayout, 'completed');
    const hub = await t.post('legacy', hubBody, { 'x-hub-signature-256': hmacBodySignature(HUB_SECRET, hubBody) });
    expect(hub).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const tokenPayout = newPayoutId();
    const tokenBody = payoutEvent(tokenPayout, 'completed');
    const token = await t.post('tokenish', tokenBody, { 'x-webhook-token': TOKEN });
    expect(token).toMatchObject({ status: 200, body: { status: 'accepted' } });
    for (const [payoutId, scheme] of [
      [hubPayout, 'hmac-body'],
      [tokenPayout, 'token'],
    ] as const) {
      const message = await reader.waitFor((m) => m.value.payout_id === payoutId, `the ${scheme} callback`);
      expect(message.value).toMatchObject({ needs_confirmation: true, verification: { scheme } });
    }
    const archived = await t.get(`/v1/callbacks/${String(token.body.callback_id)}`);
    expect(archived.body).toMatchObject({ needs_confirmation: true, headers: { 'x-webhook-token': '[redacted]' } });
    expect(
      await t.count('select count(*) as n from webhook_callbacks where headers::text like ?', [`%${TOKEN}%`]),
    ).toBe(0);
    expect(await t.post('tokenish', tokenBody, { 'x-webhook-token': 'guessed_token_value' })).toMatchObject({
      status: 401,
    });
    expect(
      await t.count('select count(*) as n from webhook_rejections where headers::text like ?', [
        '%guessed_token_value%',
      ]),
    ).toBe(0);
  });
});
