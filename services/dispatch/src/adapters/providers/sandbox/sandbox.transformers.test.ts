import {
  firstOfList,
  observedStatusOf,
  SANDBOX_STATUSES,
  sandboxRequestBody,
  toBalances,
  toError,
  toProviderPayout,
  toSettlements,
} from './sandbox.transformers.ts';

describe('observedStatusOf', () => {
  test('maps every sandbox status', () => {
    expect(Object.fromEntries(SANDBOX_STATUSES.map((s) => [s, observedStatusOf(s)]))).toEqual({
      pending: 'pending',
      processing: 'pending',
      completed: 'confirmed',
      failed: 'failed',
      reversed: 'reversed',
    });
  });
});

describe('sandboxRequestBody', () => {
  const input = {
    payoutId: 'po_1',
    amountMinor: 12_345_678n,
    currency: 'USDC',
    destination: { type: 'wallet' as const, network: 'base', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
    metadata: { scenario: 'timeout', invoice: 'inv-9' },
  };

  test('is the sandbox create body, amount as a decimal string, metadata passed through', () => {
    expect(JSON.parse(sandboxRequestBody(input))).toEqual({
      client_reference: 'po_1',
      amount_minor: '12345678',
      currency: 'USDC',
      destination: input.destination,
      metadata: { invoice: 'inv-9', scenario: 'timeout' },
    });
  });

  test('is byte-identical for the same payout whatever the metadata insertion order', () => {
    const reordered = { ...input, metadata: { invoice: 'inv-9', scenario: 'timeout' } };
    expect(sandboxRequestBody(reordered)).toBe(sandboxRequestBody(input));
  });
});

describe('toProviderPayout', () => {
  test('reads a completed payout with settlement amounts', () => {
    const body = {
      id: 'sbx_po_1',
      status: 'completed',
      client_reference: 'po_1',
      amount_minor: '1000000',
      settled_amount_minor: '990000',
      fee_amount_minor: '10000',
      currency: 'USDC',
      created_at: '2026-01-01T00:00:00.000Z',
    };
    expect(toProviderPayout(body, 'poll')).toEqual({
      status: 'confirmed',
      providerReference: 'sbx_po_1',
      providerStatus: 'completed',
      settledAmountMinor: 990_000n,
      feeAmountMinor: 10_000n,
      failureCode: null,
      failureMessage: null,
      detail: 'poll',
      clientReference: 'po_1',
      amountMinor: 1_000_000n,
      currency: 'USDC',
    });
  });

  test('refuses an unknown status or a malformed body', () => {
    expect(toProviderPayout({ id: 'x', status: 'settled' }, 'd')).toBeUndefined();
    expect(toProviderPayout({ status: 'pending' }, 'd')).toBeUndefined();
    expect(toProviderPayout('<html>', 'd')).toBeUndefined();
    expect(toProviderPayout({ id: 'x', status: 'pending', amount_minor: 1.5 }, 'd')).toBeUndefined();
  });
});

describe('firstOfList', () => {
  test('null for an empty list, the payout for one, undefined for garbage', () => {
    expect(firstOfList({ data: [] }, 'd')).toBeNull();
    expect(firstOfList({ data: [{ id: 'sbx_1', status: 'failed', failure_code: 'x' }] }, 'd')?.failureCode).toBe('x');
    expect(firstOfList({ payouts: [] }, 'd')).toBeUndefined();
  });
});

describe('balances, settlements, errors', () => {
  test('balances as bigint minor units', () => {
    expect(toBalances({ balances: [{ currency: 'USDC', available_minor: '5', pending_minor: '7' }] })).toEqual([
      { currency: 'USDC', availableMinor: 5n, pendingMinor: 7n },
    ]);
    expect(toBalances({ balances: [{ currency: 'USDC', available_minor: 5 }] })).toBeUndefined();
  });

  test('settlement lines', () => {
    const rows = toSettlements({
      date: '2026-01-01',
      data: [
        {
          id: 'sbx_1',
          client_reference: 'po_1',
          status: 'completed',
          amount_minor: '10',
          settled_amount_minor: '9',
          fee_amount_minor: '1',
          currency: 'USDC',
          settled_at: '2026-01-01T01:00:00Z',
        },
      ],
    });
    expect(rows).toEqual([
      {
        providerReference: 'sbx_1',
        clientReference: 'po_1',
        status: 'completed',
        amountMinor: 10n,
        settledAmountMinor: 9n,
        feeAmountMinor: 1n,
        currency: 'USDC',
      },
    ]);
  });

  test('the provider error shape, or nulls', () => {
    expect(toError({ error: { code: 'insufficient_funds', message: 'no' } })).toEqual({
      code: 'insufficient_funds',
      message: 'no',
    });
    expect(toError('Bad Gateway')).toEqual({ code: null, message: null });
  });
});
