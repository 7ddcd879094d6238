import { planCancel } from './cancel.ts';
import { planStatus, statusOfDecision } from './payout-view.ts';

describe('planStatus', () => {
  it('advances along the lifecycle, also over steps whose events have not arrived yet', () => {
    expect(planStatus('accepted', 'screening')).toEqual({ kind: 'advance', to: 'screening' });
    expect(planStatus('accepted', 'approved')).toEqual({ kind: 'advance', to: 'approved' });
    expect(planStatus('approved', 'confirmed')).toEqual({ kind: 'advance', to: 'confirmed' });
    expect(planStatus('funding_hold', 'submitting')).toEqual({ kind: 'advance', to: 'submitting' });
  });

  it('never moves back: a late compliance decision after dispatch moved on is not applied', () => {
    expect(planStatus('submitting', 'approved')).toEqual({ kind: 'not_reachable', to: 'approved' });
    expect(planStatus('confirmed', 'failed')).toEqual({ kind: 'not_reachable', to: 'failed' });
    expect(planStatus('denied', 'approved')).toEqual({ kind: 'not_reachable', to: 'approved' });
  });

  it('recognizes a repeat and an unknown status', () => {
    expect(planStatus('pending', 'pending')).toEqual({ kind: 'same' });
    expect(planStatus('pending', 'teleported')).toEqual({ kind: 'unknown_status', to: 'teleported' });
  });
});

describe('statusOfDecision', () => {
  it('maps compliance decisions to view statuses', () => {
    expect(statusOfDecision('approved')).toBe('approved');
    expect(statusOfDecision('released')).toBe('approved');
    expect(statusOfDecision('held')).toBe('held');
    expect(statusOfDecision('denied')).toBe('denied');
    expect(statusOfDecision('escalated')).toBeUndefined();
  });
});

describe('planCancel', () => {
  it('records a cancel request before submission, once', () => {
    expect(planCancel({ status: 'held', cancelRequestedAt: null })).toEqual({ kind: 'request' });
    expect(planCancel({ status: 'held', cancelRequestedAt: new Date() })).toEqual({ kind: 'already_requested' });
  });

  it('refuses once the payout was submitted or has ended', () => {
    expect(planCancel({ status: 'submitting', cancelRequestedAt: null })).toEqual({
      kind: 'not_cancelable',
      status: 'submitting',
    });
    expect(planCancel({ status: 'denied', cancelRequestedAt: null })).toEqual({
      kind: 'not_cancelable',
      status: 'denied',
    });
  });
});
