// Risk retired: a bulk upload pays an item twice or never, loses an event, hides which item failed and why, creates new payouts on a replay, answers another platform, or cannot take 10,000 items.
import { requireInfra } from '@sluice/testing';
import { type ApiClient, payoutBody, startTestIntake, type TestIntake, TopicReader } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

interface BatchItem {
  index: number;
  idempotency_key: string | null;
  outcome: 'created' | 'existing' | 'refused';
  payout_id: string | null;
  errors: { code: string; field: string; detail: string }[];
}
interface ItemList {
  data: BatchItem[];
  has_more: boolean;
  next_cursor: string | null;
}

suite('payout batches', () => {
  let t: TestIntake;
  let to: { beneficiaryId: string; walletId: string };
  let other: ApiClient;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.intake.db.fork().execute<{ n: string }[]>(sql, params))[0]!.n);
  const item = (key: string, amountMinor = '1250000', extra: Record<string, unknown> = {}) => ({
    idempotency_key: key,
    ...payoutBody(to, amountMinor),
    ...extra,
  });
  const postBatch = (key: string, items: unknown[]) =>
    t.api.call('POST', '/v1/payout-batches', { items }, { 'idempotency-key': key });

  beforeAll(async () => {
    t = await startTestIntake(infra!);
    to = await t.api.payableWallet();
    other = t.api.withKey((await t.intake.seedPlatform({ platformId: 'globex' })).apiKey);
  });
  afterAll(() => t?.stop());

  // Items of the batch the first tests share: three new payouts, one replayed key, three refusals.
  const mixedItems = () => [
    item('mixed-0', '100'),
    item('mixed-1', 'abc'),
    item('mixed-2', '102'),
    item('mixed-3', '103', { beneficiary_id: '01a21828-4c66-739b-9b55-3889db7d7aa1' }),
    item('single-same', '104'),
    item('single-other', '999'),
    item('mixed-6', '106', { metadata: { row: '6' } }),
  ];
  let mixed: Awaited<ReturnType<typeof postBatch>>;

  it('admits the valid items as payouts with one payouts.accepted.v1 each, and reports each refusal by index and field', async () => {
    const accepted = await TopicReader.start(infra!, ['payouts.accepted.v1']);
    try {
      const single = await t.api.call('POST', '/v1/payouts', payoutBody(to, '104'), {
        'idempotency-key': 'single-same',
      });
      await t.api.call('POST', '/v1/payouts', payoutBody(to, '105'), { 'idempotency-key': 'single-other' });

      mixed = await postBatch('batch-mixed', mixedItems());
      expect(mixed.status).toBe(201);
      expect(mixed.headers.get('location')).toBe(`/v1/payout-batches/${mixed.body.id}`);
      expect(mixed.body).toMatchObject({
        object: 'payout_batch',
        idempotency_key: 'batch-mixed',
        item_counts: { total: 7, admitted: 4, refused: 3 },
      });
      const items = (mixed.body.items as ItemList).data;
      expect(items.map((i) => [i.index, i.idempotency_key, i.outcome])).toEqual([
        [0, 'mixed-0', 'created'],
        [1, 'mixed-1', 'refused'],
        [2, 'mixed-2', 'created'],
        [3, 'mixed-3', 'refused'],
        [4, 'single-same', 'existing'],
        [5, 'single-other', 'refused'],
        [6, 'mixed-6', 'created'],
      ]);
      expect(items[4]!.payout_id).toBe(single.body.id);
      expect(mixed.body.errors).toEqual([
        expect.objectContaining({ index: 1, idempotency_key: 'mixed-1', field: 'amount_minor' }),
        expect.objectContaining({ index: 3, field: 'beneficiary_id', code: 'beneficiary_not_found' }),
        expect.objectContaining({ index: 5, field: 'idempotency_key', code: 'idempotency_key_reused' }),
      ]);
      for (const error of mixed.body.errors as { detail: string }[]) expect(error.detail).toEqual(expect.any(String));

      const created = items.filter((i) => i.outcome === 'created').map((i) => i.payout_id!);
      for (const id of created) {
        await accepted.waitFor((m) => m.key === id, `payouts.accepted.v1 for ${id}`);
      }
      expect(created.map((id) => accepted.messages.filter((m) => m.key === id).length)).toEqual([1, 1, 1]);
      const event = accepted.messages.find((m) => m.key === items[6]!.payout_id)!;
      expect(event.value).toMatchObject({ request_id: 'mixed-6', amount_minor: 106n, metadata: { row: '6' } });
      // The outbox is the source of the events: exactly one row per created payout, none for the existing one.
      expect(
        await count(
          "select count(*) as n from outbox where topic = 'payouts.accepted.v1' and payout_id in (?, ?, ?, ?)",
          [...created, single.body.id],
        ),
      ).toBe(4);
    } finally {
      await accepted.stop();
    }
  });

  it('makes each item a payout exactly as POST /v1/payouts would: readable, listed by key, its key replayed', async () => {
    const first = (mixed.body.items as ItemList).data[0]!;
    const view = await t.api.call('GET', `/v1/payouts/${first.payout_id}`);
    expect(view.body).toMatchObject({ status: 'accepted', idempotency_key: 'mixed-0', amount_minor: '100' });
    const listed = await t.api.call('GET', '/v1/payouts?idempotency_key=mixed-0');
    expect((listed.body.data as { id: string }[]).map((p) => p.id)).toEqual([first.payout_id]);
    const single = await t.api.call('POST', '/v1/payouts', payoutBody(to, '100'), { 'idempotency-key': 'mixed-0' });
    expect(single.headers.get('idempotent-replayed')).toBe('true');
    expect(single.body.id).toBe(first.payout_id);
    // A refused item bound nothing: its key creates a payout once fixed.
    const fixed = await t.api.call('POST', '/v1/payouts', payoutBody(to, '101'), { 'idempotency-key': 'mixed-1' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays the same batch (even respelled) with the same answer and creates nothing', async () => {
    const payoutsBefore = await count('select count(*) as n from payouts');
    const outboxBefore = await count('select count(*) as n from outbox');
    const respelled = mixedItems().map((i, index) =>
      index === 0 ? { ...i, amount_minor: 100, metadata: { ...i.metadata } } : i,
    );
    const replay = await postBatch('batch-mixed', respelled);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(mixed.body);
    expect(await count('select count(*) as n from payouts')).toBe(payoutsBefore);
    expect(await count('select count(*) as n from outbox')).toBe(outboxBefore);
  });

  it('refuses the batch key with another body: 409 batch_idempotency_key_reused, nothing created', async () => {
    const payoutsBefore = await count('select count(*) as n from payouts');
    const changed = mixedItems();
    changed[0] = item('mixed-0', '99');
    const reused = await postBatch('batch-mixed', changed);
    expect(reused.status).toBe(409);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body).toMatchObject({ code: 'batch_idempotency_key_reused' });
    expect(await count('select count(*) as n from payouts')).toBe(payoutsBefore);
  });

  it('pages through the items and counts the payouts per status; another platform gets 404', async () => {
    const seen: BatchItem[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await t.api.call('GET', `/v1/payout-batches/${mixed.body.id}${query}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        id: mixed.body.id,
        item_counts: { total: 7, admitted: 4, refused: 3 },
        payout_status_counts: { accepted: 4 },
      });
      const items = page.body.items as ItemList;
      seen.push(...items.data);
      cursor = items.has_more ? items.next_cursor : null;
    } while (cursor);
    expect(seen).toEqual((mixed.body.items as ItemList).data);
    expect(seen[3]!.errors).toEqual([
      expect.objectContaining({ field: 'beneficiary_id', code: 'beneficiary_not_found' }),
    ]);

    const bad = await t.api.call('GET', `/v1/payout-batches/${mixed.body.id}?limit=0&cursor=nope`);
    expect(bad.status).toBe(422);
    const foreign = await other.call('GET', `/v1/payout-batches/${mixed.body.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await t.api.call('GET', '/v1/payout-batches/not-an-id')).status).toBe(404);
    // The other platform's own batch under the same key is its own.
    const theirs = await other.call(
      'POST',
      '/v1/payout-batches',
      { items: [item('g-0')] },
      {
        'idempotency-key': 'batch-mixed',
      },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.item_counts).toEqual({ total: 1, admitted: 0, refused: 1 });
  });

  it('refuses 10,001 items as too large, and a batch without a key', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => item(`too-many-${i}`));
    const refused = await postBatch('batch-too-large', items);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'batch_too_large' });
    expect(await count('select count(*) as n from payout_batches where idempotency_key = ?', ['batch-too-large'])).toBe(
      0,
    );
    const keyless = await t.api.call('POST', '/v1/payout-batches', { items: [item('no-key-0')] });
    expect(keyless.status).toBe(400);
    expect(keyless.body.code).toBe('idempotency_key_missing');
  });

  it('admits 10,000 items in one batch', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => item(`bulk-${i}`, String(1_000 + i)));
    const created = await postBatch('batch-10k', items);
    expect(created.status).toBe(201);
    expect(created.body.item_counts).toEqual({ total: 10_000, admitted: 10_000, refused: 0 });
    expect((created.body.items as ItemList).data.every((i) => i.outcome === 'created')).toBe(true);
    expect(await count("select count(*) as n from payouts where request_id like 'bulk-%'")).toBe(10_000);
    expect(
      await count(
        `select count(*) as n from outbox o join payout_batch_items i on i.payout_id::text = o.payout_id
         where i.batch_id = ? and o.topic = 'payouts.accepted.v1'`,
        [created.body.id],
      ),
    ).toBe(10_000);
    const view = await t.api.call('GET', `/v1/payout-batches/${created.body.id}?limit=1`);
    expect(view.body.payout_status_counts).toEqual({ accepted: 10_000 });
  });
});
