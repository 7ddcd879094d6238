import { attributedPayoutId, translatePayoutEvent } from './payout-callback.ts';

const payoutId = '0193b6f0-7c1a-7def-8abc-0123456789ab';
const event = (overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      id: 'evt_1',
      type: 'payout.completed',
      created_at: '2026-11-26T12:00:00.000Z',
      data: {
        id: 'sbx_po_1',
        status: 'completed',
        client_reference: payoutId,
        amount_minor: '1250000',
        settled_amount_minor: '1249000',
        fee_amount_minor: '1000',
        currency: 'USDC',
        ...data,
      },
      ...overrides,
    }),
  );

describe('translatePayoutEvent', () => {
  it('normalizes a sandbox payout event, amounts as bigint, status verbatim', () => {
    const result = translatePayoutEvent(event(), null);
    expect(result).toEqual({
      kind: 'payout',
      callback: {
        providerEventId: 'evt_1',
        eventType: 'payout.completed',
        providerReference: 'sbx_po_1',
        clientReference: payoutId,
        providerStatus: 'completed',
        failureCode: null,
        amountMinor: 1_250_000n,
        currency: 'USDC',
        settledAmountMinor: 1_249_000n,
        feeAmountMinor: 1_000n,
      },
    });
    if (result.kind === 'payout') expect(attributedPayoutId(result.callback)).toBe(payoutId);
  });

  it('keeps optional fields null and carries the failure code', () => {
    const result = translatePayoutEvent(
      event(
        { type: 'payout.failed' },
        {
          status: 'failed',
          settled_amount_minor: undefined,
          fee_amount_minor: undefined,
          failure_code: 'destination_rejected',
        },
      ),
      null,
    );
    expect(result).toMatchObject({
      kind: 'payout',
      callback: {
        providerStatus: 'failed',
        failureCode: 'destination_rejected',
        settledAmountMinor: null,
        feeAmountMinor: null,
      },
    });
  });

  it('prefers the event id the scheme signed in a header', () => {
    expect(translatePayoutEvent(event(), 'msg_header')).toMatchObject({ callback: { providerEventId: 'msg_header' } });
  });

  it('ignores event types that are not about payouts', () => {
    expect(translatePayoutEvent(event({ type: 'balance.updated', data: undefined }), null)).toEqual({
      kind: 'ignored',
      providerEventId: 'evt_1',
      eventType: 'balance.updated',
    });
  });

  it('refuses bodies it cannot read, naming the field', () => {
    expect(translatePayoutEvent(Buffer.from('{"id":'), null)).toEqual({ kind: 'invalid', detail: 'body is not JSON' });
    expect(translatePayoutEvent(event({}, { amount_minor: 12.5 }), null)).toMatchObject({
      kind: 'invalid',
      detail: expect.stringContaining('data.amount_minor'),
    });
    expect(translatePayoutEvent(event({ id: '' }), null)).toMatchObject({
      kind: 'invalid',
      detail: expect.stringContaining('id'),
    });
    expect(translatePayoutEvent(event({}, { currency: undefined }), null)).toMatchObject({
      kind: 'invalid',
      detail: 'data.currency: required when amounts are given',
    });
    expect(translatePayoutEvent(event({ data: undefined }), null)).toMatchObject({ kind: 'invalid' });
  });
});

describe('attributedPayoutId', () => {
  it('attributes only UUID client references', () => {
    const result = translatePayoutEvent(event({}, { client_reference: 'order-42' }), null);
    if (result.kind !== 'payout') throw new Error('expected a payout event');
    expect(attributedPayoutId(result.callback)).toBeNull();
  });
});
