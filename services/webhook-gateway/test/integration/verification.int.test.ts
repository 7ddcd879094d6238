// Risk retired: a forged, tampered, stale or future-dated callback (or one for a provider we do not know) gets past the
// gateway, goes unrecorded, or leaks a credential into the archive; a valid one is not archived raw and forwarded.
import { createHash } from 'node:crypto';
import { requireInfra } from '@sluice/testing';
import { newPayoutId, payoutEvent, startTestGateway, type TestGateway, TopicReader, xPayHeaders } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

suite('webhook gateway: verification outcomes', () => {
  let t: TestGateway;
  let reader: TopicReader;

  beforeAll(async () => {
    t = await startTestGateway(infra!);
    reader = await TopicReader.start(infra!);
  });
  afterAll(async () => {
    await reader?.stop();
    await t?.stop();
  });

  const rejections = (reason: string) =>
    t.count('select count(*) as n from webhook_rejections where reason = ?', [reason]);
  const outboxFor = (payoutId: string) => t.count('select count(*) as n from outbox where payout_id = ?', [payoutId]);

  it('archives a valid callback raw, forwards it on the topic keyed by payout, and answers 200', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'completed', { settled_amount_minor: '1249000', fee_amount_minor: '1000' });
    const headers = xPayHeaders(body);
    const reply = await t.post('sandbox', body, headers);
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const message = await reader.waitFor((m) => m.value.payout_id === payoutId, 'the forwarded callback');
    const { id: providerEventId } = JSON.parse(body) as { id: string };
    expect(message.key).toBe(payoutId);
    expect(message.value).toMatchObject({
      event_type: 'provider.callbacks-received',
      producer: 'webhook-gateway',
      correlation_id: payoutId,
      causation_id: null,
      payout_id: payoutId,
      provider: 'sandbox',
      provider_event_id: providerEventId,
      callback_id: reply.body.callback_id,
      provider_reference: `sbx_po_${payoutId.slice(0, 8)}`,
      client_reference: payoutId,
      provider_status: 'completed',
      failure_code: null,
      verification: { scheme: 'x-pay', key_id: 'k1', verdict: 'valid' },
      needs_confirmation: false,
      amount_minor: 1_250_000n,
      settled_amount_minor: 1_249_000n,
      fee_amount_minor: 1_000n,
      currency: 'USDC',
      raw_body_sha256: sha256(body),
    });
    expect(message.value.event_id).toBe(reply.body.event_id);
    const archived = await t.get(`/v1/callbacks/${String(reply.body.callback_id)}`);
    expect(archived.status).toBe(200);
    expect(Buffer.from(String(archived.body.raw_body_base64), 'base64').toString('utf8')).toBe(body);
    expect(archived.body).toMatchObject({
      verification: { scheme: 'x-pay', key_id: 'k1', verdict: 'valid' },
      headers: { 'x-pay-signature': headers['x-pay-signature'], 'x-pay-event-id': providerEventId },
      source_address: expect.stringContaining('127.0.0.1'),
      event_id: reply.body.event_id,
    });
  });

  it('refuses a tampered body with 401 signature_invalid, records it, and emits nothing', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'completed');
    const forged = body.replace('"completed"', '"failed"');
    const reply = await t.post('sandbox', forged, {
      ...xPayHeaders(body),
      authorization: 'Bearer not-for-the-archive',
    });
    expect(reply).toMatchObject({ status: 401, body: { code: 'signature_invalid', status: 401 } });
    const { data } = (await t.get('/v1/rejections?reason=signature_invalid&limit=1')).body as {
      data: Record<string, unknown>[];
    };
    expect(data[0]).toMatchObject({
      provider: 'sandbox',
      reason: 'signature_invalid',
      verdict: 'invalid',
      scheme: 'x-pay',
      raw_body_sha256: sha256(forged),
      body_bytes: Buffer.byteLength(forged),
      source_address: expect.stringContaining('127.0.0.1'),
      headers: expect.objectContaining({ authorization: '[redacted]', 'x-pay-timestamp': expect.any(String) }),
    });
    expect(JSON.stringify(data[0])).not.toContain('not-for-the-archive');
    expect(await outboxFor(payoutId)).toBe(0);
    expect(await t.count('select count(*) as n from webhook_callbacks where client_reference = ?', [payoutId])).toBe(0);
  });

  it('refuses a callback signed with the wrong secret', async () => {
    const body = payoutEvent(newPayoutId(), 'pending');
    const reply = await t.post('sandbox', body, xPayHeaders(body, 'whsec_someone_elses_secret'));
    expect(reply).toMatchObject({ status: 401, body: { code: 'signature_invalid' } });
  });

  it('refuses stale and future timestamps with their own codes, even when validly signed', async () => {
    const before = await rejections('timestamp_stale');
    const stale = payoutEvent(newPayoutId(), 'pending');
    const staleReply = await t.post(
      'sandbox',
      stale,
      xPayHeaders(stale, undefined, Math.floor(Date.now() / 1000) - 360),
    );
    expect(staleReply).toMatchObject({ status: 401, body: { code: 'timestamp_stale' } });
    const future = payoutEvent(newPayoutId(), 'pending');
    const futureReply = await t.post(
      'sandbox',
      future,
      xPayHeaders(future, undefined, Math.floor(Date.now() / 1000) + 360),
    );
    expect(futureReply).toMatchObject({ status: 401, body: { code: 'timestamp_in_future' } });
    expect(await rejections('timestamp_stale')).toBe(before + 1);
    const { data } = (await t.get('/v1/rejections?reason=timestamp_in_future')).body as {
      data: Record<string, unknown>[];
    };
    expect(data[0]).toMatchObject({ verdict: 'expired', key_id: 'k1' });
  });

  it('answers missing and malformed signatures with their codes, and unknown providers with 404', async () => {
    const body = payoutEvent(newPayoutId(), 'pending');
    const { 'x-pay-signature': _sig, ...unsigned } = xPayHeaders(body);
    expect(await t.post('sandbox', body, unsigned)).toMatchObject({ status: 401, body: { code: 'signature_missing' } });
    const malformed = { ...xPayHeaders(body), 'x-pay-signature': 'not-hex' };
    expect(await t.post('sandbox', body, malformed)).toMatchObject({
      status: 401,
      body: { code: 'signature_malformed' },
    });
    expect(await t.post('nobody', body, xPayHeaders(body))).toMatchObject({
      status: 404,
      body: { code: 'provider_unknown' },
    });
    expect(await rejections('provider_unknown')).toBeGreaterThanOrEqual(1);
  });

  it('refuses an oversized body unread (413, recorded) and a signed body it cannot read (422, kept as evidence)', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) });
    expect(await t.post('sandbox', big, xPayHeaders(JSON.stringify({ id: 'e' })))).toMatchObject({
      status: 413,
      body: { code: 'body_too_large' },
    });
    expect(await rejections('body_too_large')).toBe(1);
    const unreadable = JSON.stringify({
      id: 'evt_x',
      type: 'payout.completed',
      data: { id: 'po', status: 'completed', amount_minor: 1.5 },
    });
    expect(await t.post('sandbox', unreadable, xPayHeaders(unreadable))).toMatchObject({
      status: 422,
      body: { code: 'payload_invalid' },
    });
    const kept = await t.count(
      "select count(*) as n from webhook_rejections where reason = 'payload_invalid' and verdict = 'valid' and raw_body is not null",
    );
    expect(kept).toBe(1);
    expect(
      await t.count("select count(*) as n from webhook_rejections where verdict <> 'valid' and raw_body is not null"),
    ).toBe(0);
  });

  it('counts every outcome and reason in /metrics', async () => {
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/webhook_callbacks_total\{[^}]*provider="sandbox"[^}]*outcome="accepted"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /webhook_callbacks_rejected_total\{[^}]*provider="sandbox"[^}]*reason="signature_invalid"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/webhook_callbacks_rejected_total\{[^}]*provider="unknown"[^}]*reason="provider_unknown"/);
    expect(metrics).toMatch(/webhook_signing_key_used_total\{[^}]*key_id="k1"[^}]*\} [1-9]/);
  });

  it('keeps the operator API behind an operator key', async () => {
    const anonymous = await fetch(`${t.gateway.url}/v1/rejections`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${t.gateway.url}/v1/rejections`, { headers: { authorization: 'Bearer guess' } });
    expect(wrong.status).toBe(401);
  });
});
