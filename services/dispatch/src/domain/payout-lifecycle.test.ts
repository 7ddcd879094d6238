import {
  DISPATCH_STATUSES,
  isPayoutStatus,
  isTerminal,
  type PayoutStatus,
  pathTo,
  reachableFrom,
  TRANSITIONS,
  transition,
} from './payout-lifecycle.ts';

// The lifecycle of ARCHITECTURE.md §4 written out independently of the table, so a table edit must be deliberate.
const ALLOWED: ReadonlySet<string> = new Set([
  'approved→submitting',
  'approved→canceled',
  'submitting→pending',
  'submitting→failed',
  'submitting→funding_hold',
  'submitting→unknown',
  'unknown→pending',
  'unknown→confirmed',
  'unknown→failed',
  'pending→confirmed',
  'pending→failed',
  'confirmed→reversed',
  'funding_hold→submitting',
  'funding_hold→canceled',
]);

const PAIRS = DISPATCH_STATUSES.flatMap((from) => DISPATCH_STATUSES.map((to) => [from, to] as const));

describe('transition()', () => {
  test.each(PAIRS.filter(([from, to]) => ALLOWED.has(`${from}→${to}`)))('%s → %s is allowed', (from, to) => {
    expect(transition(from, to)).toEqual({ ok: true, next: to });
  });

  test.each(PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}→${to}`)))('%s → %s is refused', (from, to) => {
    const result = transition(from, to);
    expect(result.ok).toBe(false);
    const expected = from === to ? 'same_status' : isTerminal(from) ? 'terminal_status' : 'not_allowed';
    expect(result).toEqual({ ok: false, code: expected });
  });

  test('the table holds exactly the allowed pairs', () => {
    const table = Object.entries(TRANSITIONS).flatMap(([from, exits]) => exits.map((to) => `${from}→${to}`));
    expect(new Set(table)).toEqual(ALLOWED);
  });
});

describe('terminal statuses', () => {
  test('are exactly the statuses without exits: failed, reversed, canceled', () => {
    expect(DISPATCH_STATUSES.filter(isTerminal).sort()).toEqual(['canceled', 'failed', 'reversed']);
  });

  test('no transition leaves a terminal status', () => {
    for (const from of DISPATCH_STATUSES.filter(isTerminal)) {
      for (const to of DISPATCH_STATUSES) expect(transition(from, to).ok).toBe(false);
    }
  });

  test('every status can reach a terminal status (nothing is stuck forever by construction)', () => {
    for (const status of DISPATCH_STATUSES.filter((s) => !isTerminal(s))) {
      expect([...reachableFrom(status)].some(isTerminal)).toBe(true);
    }
  });
});

describe('isPayoutStatus', () => {
  test('accepts the statuses and refuses anything else, including statuses before approval', () => {
    for (const status of DISPATCH_STATUSES) expect(isPayoutStatus(status)).toBe(true);
    for (const value of ['held', 'accepted', 'screening', 'toString', '', 42, null])
      expect(isPayoutStatus(value)).toBe(false);
  });
});

describe('pathTo', () => {
  const observable = new Set<PayoutStatus>(['pending', 'confirmed']);

  test('walks through vouched-for statuses only', () => {
    expect(pathTo('submitting', 'confirmed', observable)).toEqual(['pending', 'confirmed']);
    expect(pathTo('submitting', 'reversed', observable)).toEqual(['pending', 'confirmed', 'reversed']);
    expect(pathTo('unknown', 'reversed', observable)).toEqual(['confirmed', 'reversed']);
    expect(pathTo('pending', 'failed', observable)).toEqual(['failed']);
  });

  test('has no path through a status the observation does not vouch for', () => {
    expect(pathTo('approved', 'pending', observable)).toBeUndefined();
    expect(pathTo('funding_hold', 'pending', observable)).toBeUndefined();
    expect(pathTo('confirmed', 'failed', observable)).toBeUndefined();
    expect(pathTo('failed', 'confirmed', observable)).toBeUndefined();
  });
});
