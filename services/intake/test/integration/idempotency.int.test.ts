// Risk retired: a platform's retry (sequential or concurrent) pays twice, a reused key silently maps to the wrong payout, or one platform reaches another's payouts.
import { requireInfra } from '@sluice/testing';
import { type ApiClient, payoutBody, startTestIntake, type TestIntake } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('idempotency keys and platform scoping', () => {
  let t: TestIntake;
  let to: { beneficiaryId: string; walletId: string };
  let other: ApiClient;

  const countRows = async (sql: string, params: unknown[]) =>
    Number((await t.intake.db.fork().execute<{ n: string }[]>(sql, params))[0]!.n);

  beforeAll(async () => {
    t = await startTestIntake(infra!);
    to = await t.api.payableWallet();
    other = t.api.withKey((await t.intake.seedPlatform({ platformId: 'globex' })).apiKey);
  });
  afterAll(() => t?.stop());

  it('replays the original response for the same key and body, byte for byte', async () => {
    const first = await t.api.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'dup-1' });
    // Same meaning, other spelling: key order and an integer amount hash the same.
    const { metadata, ...rest } = payoutBody(to);
    const retry = await t.api.call(
      'POST',
      '/v1/payouts',
      { metadata, ...rest, amount_minor: 1_250_000 },
      { 'idempotency-key': 'dup-1' },
    );
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countRows('select count(*) as n from payouts where request_id = ?', ['dup-1'])).toBe(1);
    expect(
      await countRows("select count(*) as n from outbox where topic = 'payouts.accepted.v1' and payout_id = ?", [
        first.body.id,
      ]),
    ).toBe(1);
  });

  it('refuses the same key with a different body with 409 idempotency_key_reused', async () => {
    await t.api.call('POST', '/v1/payouts', payoutBody(to, '500'), { 'idempotency-key': 'reuse-1' });
    const changed = await t.api.call('POST', '/v1/payouts', payoutBody(to, '501'), { 'idempotency-key': 'reuse-1' });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
    expect(changed.body).toMatchObject({ code: 'idempotency_key_reused', status: 409 });
  });

  it('creates exactly one payout when ten requests with one key arrive at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.api.call('POST', '/v1/payouts', payoutBody(to, '777'), { 'idempotency-key': 'race-1' }),
      ),
    );
    expect(await countRows('select count(*) as n from payouts where request_id = ?', ['race-1'])).toBe(1);
    const created = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    const replayed = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === 'true');
    const busy = responses.filter((r) => r.status === 409 && r.body.code === 'request_in_progress');
    expect(created).toHaveLength(1);
    expect(replayed.length + busy.length).toBe(9);
    for (const replay of replayed) expect(replay.body.id).toBe(created[0]!.body.id);
  });

  it('admits a burst that shares statements: each key one payout and one event, a frozen wallet refused alone', async () => {
    const frozen = await t.api.payableWallet();
    await t.api.call('POST', '/v1/payouts', payoutBody(frozen), { 'idempotency-key': 'burst-warm' });
    await t.api.call('POST', `/v1/beneficiaries/${frozen.beneficiaryId}/wallets/${frozen.walletId}/freeze`);
    const keys = Array.from({ length: 30 }, (_, i) => `burst-${i}`);
    // Every key twice, in one burst: concurrent requests are grouped into shared admission statements, so one batch
    // can hold both copies of a key and the refused payout next to payable ones.
    const sent = [...keys, ...keys].map((key, i) =>
      t.api.call('POST', '/v1/payouts', payoutBody(to, String(1_000 + (i % keys.length))), {
        'idempotency-key': key,
      }),
    );
    const refused = t.api.call('POST', '/v1/payouts', payoutBody(frozen), { 'idempotency-key': 'burst-frozen' });
    const responses = await Promise.all(sent);
    expect((await refused).body.errors).toEqual([
      expect.objectContaining({ path: 'destination.id', code: 'destination_not_active' }),
    ]);
    expect(responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null)).toHaveLength(30);
    for (const key of keys) {
      const forKey = responses.filter((_, i) => keys[i % keys.length] === key);
      expect(forKey.every((r) => r.status === 201 || r.body.code === 'request_in_progress')).toBe(true);
      const ids = new Set(forKey.filter((r) => r.status === 201).map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(await countRows('select count(*) as n from payouts where request_id = ?', [key])).toBe(1);
      expect(
        await countRows("select count(*) as n from outbox where topic = 'payouts.accepted.v1' and payout_id = ?", [
          [...ids][0],
        ]),
      ).toBe(1);
    }
    expect(
      await countRows('select count(*) as n from idempotency_keys where idempotency_key = ?', ['burst-frozen']),
    ).toBe(0);
  });

  it('requires a valid Idempotency-Key header', async () => {
    const missing = await t.api.call('POST', '/v1/payouts', payoutBody(to));
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('idempotency_key_missing');
    const tooLong = await t.api.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'k'.repeat(256) });
    expect(tooLong.body.code).toBe('idempotency_key_invalid');
  });

  it("scopes keys and payouts per platform: another platform's id is 404, its key space is its own", async () => {
    const mine = await t.api.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'scoped-1' });
    expect((await other.call('GET', `/v1/payouts/${mine.body.id}`)).status).toBe(404);
    expect((await other.call('POST', `/v1/payouts/${mine.body.id}/cancel`)).status).toBe(404);
    expect((await other.call('GET', '/v1/payouts')).body.data).toEqual([]);
    expect((await other.call('GET', `/v1/beneficiaries/${to.beneficiaryId}`)).status).toBe(404);
    expect((await other.call('GET', `/v1/beneficiaries/${to.beneficiaryId}/wallets`)).status).toBe(404);
    // The same key under another platform is another request: here it names a beneficiary globex does not have.
    const theirs = await other.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': 'scoped-1' });
    expect(theirs.status).toBe(422);
    expect(theirs.body.errors).toEqual([
      expect.objectContaining({ path: 'beneficiary_id', code: 'beneficiary_not_found' }),
    ]);
  });
});
