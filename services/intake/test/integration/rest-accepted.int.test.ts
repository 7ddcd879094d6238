// Risk retired: a payout accepted over REST never reaches Kafka, reaches it in a shape downstream cannot read, or cannot be followed afterwards.
import { requireInfra } from '@sluice/testing';
import { payoutBody, startTestIntake, type TestIntake, TopicReader } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('REST payouts', () => {
  let t: TestIntake;
  let accepted: TopicReader;
  let to: { beneficiaryId: string; walletId: string };

  beforeAll(async () => {
    accepted = await TopicReader.start(infra!, ['payouts.accepted.v1']);
    t = await startTestIntake(infra!);
    to = await t.api.payableWallet();
  });
  afterAll(async () => {
    await accepted?.stop();
    await t?.stop();
  });

  it('stores the payout and publishes payouts.accepted.v1 through the outbox, readable with the registry', async () => {
    const created = await t.api.call(
      'POST',
      '/v1/payouts',
      { ...payoutBody(to), platform_reference: 'inv-9' },
      { 'idempotency-key': 'rest-1' },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/payouts/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'accepted',
      amount_minor: '1250000',
      currency: 'USDC',
      market: 'US',
      finished: false,
    });

    const message = await accepted.waitFor((m) => m.key === created.body.id, 'payouts.accepted.v1 for the payout');
    expect(message.value).toMatchObject({
      event_type: 'payouts.accepted',
      producer: 'intake',
      payout_id: created.body.id,
      correlation_id: created.body.correlation_id,
      causation_id: null,
      platform_id: 'acme',
      request_id: 'rest-1',
      platform_reference: 'inv-9',
      beneficiary_id: to.beneficiaryId,
      destination_type: 'wallet',
      destination_id: to.walletId,
      destination: '0x5aAe…eAed',
      destination_address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      network: 'base',
      amount_minor: 1_250_000n,
      currency: 'USDC',
      corridor: 'US-USDC-BASE',
      program_id: 'sandbox-global',
      market: 'US',
      metadata: { invoice: 'inv-1' },
    });
    expect(message.value?.request_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(message.headers.event_id?.toString()).toBe(message.value?.event_id);
  });

  it('answers GET /v1/payouts/:id and lists with filters and cursor pagination', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await t.api.call('POST', '/v1/payouts', payoutBody(to, String(100 + i)), {
        'idempotency-key': `list-${i}`,
      });
      ids.push(res.body.id!);
    }
    const one = await t.api.call('GET', `/v1/payouts/${ids[0]}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids[0], amount_minor: '100', status_history: [] });

    const first = await t.api.call(
      'GET',
      `/v1/payouts?limit=2&beneficiary_id=${to.beneficiaryId}&status=accepted&finished=false`,
    );
    expect(first.body.data).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    const second = await t.api.call(
      'GET',
      `/v1/payouts?limit=2&beneficiary_id=${to.beneficiaryId}&cursor=${first.body.next_cursor}`,
    );
    const seen = [...(first.body.data as { id: string }[]), ...(second.body.data as { id: string }[])].map((p) => p.id);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);

    expect((await t.api.call('GET', '/v1/payouts?finished=true')).body.data).toEqual([]);
    const bad = await t.api.call('GET', '/v1/payouts?status=paid&limit=500&cursor=zzz');
    expect(bad.status).toBe(422);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['status', 'limit', 'cursor']);
  });

  it('records a cancel request before submission, idempotently, without inventing a topic', async () => {
    const created = await t.api.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'cancel-1' });
    const canceled = await t.api.call('POST', `/v1/payouts/${created.body.id}/cancel`);
    expect(canceled.status).toBe(202);
    expect(canceled.body).toMatchObject({ status: 'accepted', cancel_requested: true });
    const again = await t.api.call('POST', `/v1/payouts/${created.body.id}/cancel`);
    expect(again.status).toBe(202);
    expect(again.body.cancel_requested_at).toBe(canceled.body.cancel_requested_at);
    const view = await t.api.call('GET', `/v1/payouts/${created.body.id}`);
    expect(view.body.status_history).toEqual([
      expect.objectContaining({ status: 'cancel_requested', source: 'platform' }),
    ]);
    expect((await t.api.call('POST', '/v1/payouts/01a21828-4c84-74fd-bdca-0e2c73bc82e7/cancel')).status).toBe(404);
  });

  it('refuses a payout to a wallet that is not active, and names the field', async () => {
    const beneficiary = await t.api.call('POST', '/v1/beneficiaries', {
      type: 'business',
      name: 'Globex',
      country: 'US',
    });
    const wallet = await t.api.call('POST', `/v1/beneficiaries/${beneficiary.body.id}/wallets`, {
      network: 'base',
      address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      asset: 'USDC',
    });
    const body = payoutBody({ beneficiaryId: beneficiary.body.id!, walletId: wallet.body.id! });
    const refused = await t.api.call('POST', '/v1/payouts', body, { 'idempotency-key': 'inactive-1' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'destination.id', code: 'destination_not_active' }),
    ]);
    // Nothing was bound to the key: once the wallet is active the same key creates the payout.
    await t.api.call('POST', `/v1/beneficiaries/${beneficiary.body.id}/wallets/${wallet.body.id}/activate`);
    expect((await t.api.call('POST', '/v1/payouts', body, { 'idempotency-key': 'inactive-1' })).status).toBe(201);
  });

  it('refuses a payout to a wallet frozen after earlier payouts to it, and accepts again once reactivated', async () => {
    const target = await t.api.payableWallet();
    const wallet = `/v1/beneficiaries/${target.beneficiaryId}/wallets/${target.walletId}`;
    expect(
      (await t.api.call('POST', '/v1/payouts', payoutBody(target), { 'idempotency-key': 'frozen-0' })).status,
    ).toBe(201);
    await t.api.call('POST', `${wallet}/freeze`);
    const refused = await t.api.call('POST', '/v1/payouts', payoutBody(target), { 'idempotency-key': 'frozen-1' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'destination.id', code: 'destination_not_active' }),
    ]);
    // A retry of the payout created before the freeze is still its replay.
    const replay = await t.api.call('POST', '/v1/payouts', payoutBody(target), { 'idempotency-key': 'frozen-0' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await t.api.call('POST', `${wallet}/activate`);
    expect(
      (await t.api.call('POST', '/v1/payouts', payoutBody(target), { 'idempotency-key': 'frozen-1' })).status,
    ).toBe(201);
  });
});
