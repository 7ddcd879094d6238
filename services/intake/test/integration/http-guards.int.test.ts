// Risk retired: the API takes what it must refuse (oversized bodies, floods, unknown or under-scoped keys, server-owned fields) or leaks account numbers in responses.
import { requireInfra } from '@sluice/testing';
import { payoutBody, startTestIntake, type TestIntake } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('HTTP guards', () => {
  let t: TestIntake;
  let to: { beneficiaryId: string; walletId: string };
  // Each test that spends rate-limit tokens uses its own key: buckets are per key.
  const freshKey = async (scopes?: ('payouts:read' | 'payouts:write')[]) =>
    t.api.withKey((await t.intake.seedPlatform({ platformId: 'acme', ...(scopes ? { scopes } : {}) })).apiKey);

  beforeAll(async () => {
    t = await startTestIntake(infra!, { INTAKE_RATE_LIMIT_PER_SECOND: '1', INTAKE_RATE_LIMIT_BURST: '8' });
    to = await t.api.payableWallet();
  });
  afterAll(() => t?.stop());

  it('refuses a body over 64 KiB with 413 before anything runs', async () => {
    const api = await freshKey();
    const body = JSON.stringify({ ...payoutBody(to), metadata: { pad: 'x'.repeat(65 * 1024) } });
    const res = await api.call('POST', '/v1/payouts', body, { 'idempotency-key': 'big-1' });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('body_too_large');
  });

  it('rate-limits per API key with 429 and Retry-After, without touching other keys', async () => {
    const api = await freshKey();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof api.call>> | undefined;
    for (let i = 0; i < 12 && !limited; i += 1) {
      const res = await api.call('GET', '/v1/payouts');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(limited?.body.code).toBe('rate_limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await (await freshKey()).call('GET', '/v1/payouts')).status).toBe(200);
  });

  it('requires a valid key (401) and the right scope (403)', async () => {
    const none = await fetch(`${t.intake.url}/v1/payouts`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const forged = t.api.apiKey.slice(0, -1) + (t.api.apiKey.endsWith('0') ? '1' : '0');
    expect((await t.api.withKey(forged).call('GET', '/v1/payouts')).status).toBe(401);
    const reader = await freshKey(['payouts:read']);
    expect((await reader.call('GET', '/v1/payouts')).status).toBe(200);
    const write = await reader.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'ro-1' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('forbidden');
  });

  it('refuses server-owned fields instead of ignoring them (mass assignment)', async () => {
    const api = await freshKey();
    const res = await api.call(
      'POST',
      '/v1/payouts',
      { ...payoutBody(to), status: 'confirmed', fee_amount_minor: '0' },
      { 'idempotency-key': 'mass-1' },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'status', code: 'server_owned_field' }),
      expect.objectContaining({ path: 'fee_amount_minor', code: 'server_owned_field' }),
    ]);
  });

  it('masks addresses and account numbers in responses, and registers a destination once', async () => {
    const api = await freshKey();
    const ben = (await api.call('POST', '/v1/beneficiaries', { type: 'individual', name: 'Ana', country: 'GB' })).body
      .id;
    const iban = await api.call('POST', `/v1/beneficiaries/${ben}/bank-accounts`, {
      type: 'iban',
      iban: 'GB82 WEST 1234 5698 7654 32',
      currency: 'GBP',
      holder_name: 'Ana',
    });
    expect(iban.status).toBe(201);
    expect(iban.body).toMatchObject({ iban: 'GB82…5432', state: 'active', country: 'GB' });
    expect(JSON.stringify(iban.body)).not.toContain('12345698765432');
    const us = await api.call('POST', `/v1/beneficiaries/${ben}/bank-accounts`, {
      type: 'us_account',
      routing_number: '021000021',
      account_number: '000123456789',
      account_type: 'checking',
      holder_name: 'Ana',
    });
    expect(us.body).toMatchObject({ account_number: '…6789', routing_number: '021000021' });
    const wallet = { network: 'solana', address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', asset: 'USDC' };
    const first = await api.call('POST', `/v1/beneficiaries/${ben}/wallets`, wallet);
    const again = await api.call('POST', `/v1/beneficiaries/${ben}/wallets`, wallet);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toMatchObject({ id: first.body.id, address: 'EPjFWd…Dt1v', state: 'unverified' });
    const listed = await api.call('GET', `/v1/beneficiaries/${ben}/bank-accounts`);
    expect(JSON.stringify(listed.body)).not.toContain('000123456789');
    const bad = await api.call('POST', `/v1/beneficiaries/${ben}/wallets`, {
      ...wallet,
      address: `${wallet.address.slice(0, -1)}0`,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'address' })]);
  });

  it('moves destinations by named commands only where the state table allows', async () => {
    const api = await freshKey();
    const ben = (await api.call('POST', '/v1/beneficiaries', { type: 'individual', name: 'Bo', country: 'US' })).body
      .id;
    const wallet = (
      await api.call('POST', `/v1/beneficiaries/${ben}/wallets`, {
        network: 'tron',
        address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
        asset: 'USDT',
      })
    ).body.id;
    const base = `/v1/beneficiaries/${ben}/wallets/${wallet}`;
    expect((await api.call('POST', `${base}/freeze`)).body.code).toBe('destination_transition_invalid');
    expect((await api.call('POST', `${base}/activate`)).body).toMatchObject({ state: 'active', changed: true });
    expect((await api.call('POST', `${base}/activate`)).body).toMatchObject({ state: 'active', changed: false });
    expect((await api.call('POST', `${base}/retire`)).body).toMatchObject({ state: 'retired' });
    expect((await api.call('POST', `${base}/activate`)).status).toBe(409);
  });
});
