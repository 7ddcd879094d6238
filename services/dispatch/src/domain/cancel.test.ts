import { planCancel } from './cancel.ts';
import { DISPATCH_STATUSES } from './payout-lifecycle.ts';

describe('planCancel', () => {
  test('before approval: cancel from the hold or from screening (no status yet)', () => {
    expect(planCancel({ status: null, decision: null })).toEqual({ kind: 'cancel', from: null });
    expect(planCancel({ status: null, decision: 'held' })).toEqual({ kind: 'cancel', from: 'held' });
    expect(planCancel({ status: null, decision: 'denied' })).toEqual({
      kind: 'refuse',
      code: 'already_denied',
      status: 'denied',
    });
  });

  test('while no provider holds the payout: approved and funding_hold are cancelable', () => {
    expect(planCancel({ status: 'approved', decision: 'approved' })).toEqual({ kind: 'cancel', from: 'approved' });
    expect(planCancel({ status: 'funding_hold', decision: 'approved' })).toEqual({
      kind: 'cancel',
      from: 'funding_hold',
    });
  });

  test('canceling twice answers the same', () => {
    expect(planCancel({ status: 'canceled', decision: 'approved' })).toEqual({ kind: 'already_canceled' });
  });

  test('from submitting on, a cancel is refused with a clear code', () => {
    for (const status of ['submitting', 'pending', 'unknown', 'confirmed'] as const) {
      expect(planCancel({ status, decision: 'approved' })).toEqual({
        kind: 'refuse',
        code: 'already_submitted',
        status,
      });
    }
    for (const status of ['failed', 'reversed'] as const) {
      expect(planCancel({ status, decision: 'approved' })).toEqual({
        kind: 'refuse',
        code: 'already_finished',
        status,
      });
    }
  });

  test('every status has a plan', () => {
    for (const status of DISPATCH_STATUSES) expect(planCancel({ status, decision: 'approved' }).kind).toBeDefined();
  });
});
