import {
  CANCELABLE_STATUSES,
  FINISHED_STATUSES,
  isTerminal,
  PAYOUT_STATUSES,
  reachableFrom,
  TRANSITIONS,
} from './payout-status.ts';

describe('payout lifecycle table', () => {
  it('derives terminal states from the table: the states with no exits', () => {
    expect(PAYOUT_STATUSES.filter(isTerminal)).toEqual(['rejected', 'denied', 'canceled', 'failed', 'reversed']);
  });

  it('only names known statuses as targets', () => {
    for (const targets of Object.values(TRANSITIONS)) {
      for (const target of targets) expect(PAYOUT_STATUSES).toContain(target);
    }
  });

  it('counts confirmed as finished for the platform, besides the terminal states', () => {
    expect(FINISHED_STATUSES).toEqual(['rejected', 'denied', 'canceled', 'confirmed', 'failed', 'reversed']);
  });

  it('reaches forward through the lifecycle and never back', () => {
    expect(reachableFrom('accepted').has('confirmed')).toBe(true);
    expect(reachableFrom('held').has('submitting')).toBe(true);
    expect(reachableFrom('confirmed')).toEqual(new Set(['reversed']));
    expect(reachableFrom('submitting').has('approved')).toBe(false);
    expect(reachableFrom('failed').size).toBe(0);
  });

  it('allows cancel only before submission to a provider', () => {
    expect(CANCELABLE_STATUSES).toEqual(['accepted', 'screening', 'approved', 'held']);
    for (const status of CANCELABLE_STATUSES) expect(reachableFrom(status).has('submitting')).toBe(true);
  });
});
