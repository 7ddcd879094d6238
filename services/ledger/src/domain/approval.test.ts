import { approvalProblem, approvalsRequired } from './approval.ts';

describe('dual approval', () => {
  it('needs two approvals strictly above the threshold, in major units of each currency', () => {
    expect(approvalsRequired(new Map([['USD', 1_000_000n]]), '10000')).toBe(0); // exactly 10,000.00 USD
    expect(approvalsRequired(new Map([['USD', 1_000_001n]]), '10000')).toBe(2);
    expect(approvalsRequired(new Map([['USDC', 10_000_000_000n]]), '10000')).toBe(0); // 10,000 USDC (6 decimals)
    expect(
      approvalsRequired(
        new Map([
          ['USD', 1n],
          ['USDC', 10_000_000_001n],
        ]),
        '10000',
      ),
    ).toBe(2);
  });

  it('refuses the requester, a second approval by the same operator, and decided requests', () => {
    const state = { status: 'pending_approval', requestedBy: 'alice', approvedBy: ['bob'] } as const;
    expect(approvalProblem(state, 'alice')).toBe('own_request');
    expect(approvalProblem(state, 'bob')).toBe('already_approved');
    expect(approvalProblem(state, 'carol')).toBeUndefined();
    expect(approvalProblem({ ...state, status: 'posted' }, 'carol')).toBe('not_pending');
  });
});
