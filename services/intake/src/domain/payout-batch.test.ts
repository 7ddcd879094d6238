import { BATCH_MAX_ITEMS, type BatchItemResult, checkBatch, countOutcomes } from './payout-batch.ts';

const BENEFICIARY = '01a21828-4c66-739b-9b55-3889db7d7aa1';
const WALLET = '01a21828-4c76-7276-bb93-003b8b97a037';
const item = (key: unknown, extra: Record<string, unknown> = {}) => ({
  idempotency_key: key,
  beneficiary_id: BENEFICIARY,
  destination: { type: 'wallet', id: WALLET },
  amount_minor: '1250000',
  currency: 'USDC',
  corridor: 'US-USDC-BASE',
  ...extra,
});

const checked = (body: unknown) => {
  const result = checkBatch(body);
  if (result.kind !== 'checked') throw new Error(`expected a checked batch, got ${result.kind}`);
  return result;
};

describe('checkBatch', () => {
  it('checks each item with the single-payout validator and reports issues per item index and field', () => {
    const result = checked({ items: [item('k0'), item('k1', { amount_minor: '12.5', id: 'x' }), item('k2')] });
    expect(result.items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(result.items[0]).toMatchObject({ index: 0, idempotencyKey: 'k0', request: { amountMinor: 1_250_000n } });
    expect(result.items[0]!.ok && result.items[0]!.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.items[1]).toEqual({
      ok: false,
      index: 1,
      idempotencyKey: 'k1',
      issues: [
        expect.objectContaining({ path: 'id', code: 'server_owned_field' }),
        expect.objectContaining({ path: 'amount_minor', code: 'amount_not_integer' }),
      ],
    });
  });

  it('refuses an item without a usable key, a non-object item, and the second use of a key in the batch', () => {
    const result = checked({ items: [item(undefined), 'nope', item('same'), item('same', { amount_minor: '5' })] });
    const codes = result.items.map((i) => (i.ok ? [] : i.issues.map((issue) => `${issue.path}:${issue.code}`)));
    expect(codes).toEqual([
      ['idempotency_key:idempotency_key_missing'],
      [':item_not_object'],
      [],
      ['idempotency_key:idempotency_key_duplicate'],
    ]);
    expect(result.items[0]).toMatchObject({ idempotencyKey: null });
    expect(result.items[3]).toMatchObject({ idempotencyKey: 'same' });
  });

  it('keeps an over-long key out of the result (it could not be stored or shown)', () => {
    const result = checked({ items: [item('k'.repeat(300))] });
    expect(result.items[0]).toMatchObject({
      ok: false,
      idempotencyKey: null,
      issues: [expect.objectContaining({ code: 'idempotency_key_invalid' })],
    });
  });

  it('refuses the envelope itself: not an object, no items, empty, unknown fields', () => {
    expect(checkBatch([item('a')])).toMatchObject({ kind: 'invalid', issues: [{ code: 'body_not_object' }] });
    expect(checkBatch({})).toMatchObject({ kind: 'invalid', issues: [{ path: 'items', code: 'required' }] });
    expect(checkBatch({ items: {} })).toMatchObject({ kind: 'invalid', issues: [{ code: 'invalid_type' }] });
    expect(checkBatch({ items: [] })).toMatchObject({ kind: 'invalid', issues: [{ code: 'batch_empty' }] });
    expect(checkBatch({ items: [item('a')], mode: 'x' })).toMatchObject({
      kind: 'invalid',
      issues: [{ path: 'mode', code: 'unknown_field' }],
    });
  });

  it(`takes ${BATCH_MAX_ITEMS} items and refuses one more as too large, before checking any item`, () => {
    const items = Array.from({ length: BATCH_MAX_ITEMS }, (_, i) => item(`k${i}`));
    expect(checkBatch({ items }).kind).toBe('checked');
    expect(checkBatch({ items: [...items, 'not even an item'] })).toEqual({
      kind: 'too_large',
      itemCount: BATCH_MAX_ITEMS + 1,
    });
  });

  it('hashes the canonical batch: same meaning, same hash; any change to an item, valid or not, another', () => {
    const base = checked({ items: [item('a'), item('b', { amount_minor: 'bad' })] }).hash;
    const reordered = { amount_minor: 1_250_000, corridor: 'US-USDC-BASE', currency: 'USDC' };
    expect(checked({ items: [item('a', reordered), item('b', { amount_minor: 'bad' })] }).hash).toBe(base);
    expect(checked({ items: [item('a', { amount_minor: '1' }), item('b', { amount_minor: 'bad' })] }).hash).not.toBe(
      base,
    );
    expect(checked({ items: [item('a'), item('b', { amount_minor: 'worse' })] }).hash).not.toBe(base);
    expect(checked({ items: [item('b', { amount_minor: 'bad' }), item('a')] }).hash).not.toBe(base);
  });
});

describe('countOutcomes', () => {
  it('counts items with a payout (created or existing) as admitted', () => {
    const of = (outcome: BatchItemResult['outcome']): BatchItemResult => ({
      index: 0,
      idempotencyKey: 'k',
      outcome,
      payoutId: outcome === 'refused' ? null : 'p',
      issues: [],
    });
    expect(countOutcomes([of('created'), of('existing'), of('refused'), of('created')])).toEqual({
      admitted: 3,
      refused: 1,
    });
  });
});
