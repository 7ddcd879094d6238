import { loadPrograms } from '@sluice/program-config';
import { recordChecks } from './decision.ts';
import { allow, hold as holdVerdict } from './gate-result.ts';
import { activeReasons, approveRelease, denyHold, type Hold, isSlaBreached, reasonCodes, reevaluate } from './hold.ts';
import { openHold } from './open-hold.ts';

const program = loadPrograms().program('sandbox-global')!;
const market = program.markets.find((m) => m.country === 'US')!;
const at = new Date('2026-05-01T10:00:00Z');
const checks = recordChecks(
  [
    { gate: 'kyc', rule: 'kyc.status', ruleVersion: '1', input: {}, verdict: holdVerdict('kyc_unknown'), evidence: [] },
    {
      gate: 'tax_artifacts',
      rule: 't',
      ruleVersion: '1',
      input: {},
      verdict: holdVerdict('tax_artifact_missing'),
      evidence: ['tax:a'],
    },
    { gate: 'limits', rule: 'l', ruleVersion: '1', input: {}, verdict: allow(), evidence: [] },
  ],
  program,
  at,
);

/** A hold on a USDC payout of `amountMajor` (the sample's 4-eyes threshold is 1000 USDC). */
function held(amountMajor: bigint): Hold {
  return openHold({
    id: 'hold-1',
    payoutId: 'p-1',
    correlationId: 'c-1',
    beneficiaryId: 'ben-1',
    program,
    market,
    corridor: 'US-USDC-BASE',
    configVersion: program.version,
    amountMinor: amountMajor * 1_000_000n,
    currency: 'USDC',
    checks,
    at,
  });
}
const approval = (operatorId: string, minutes = 1) => ({
  operatorId,
  note: `checked by ${operatorId}`,
  evidenceRefs: [`ticket:${operatorId}`],
  at: new Date(at.getTime() + minutes * 60_000),
});

describe('hold object', () => {
  it('carries reasons, evidence, owner, escalation owner, SLA and unblock path', () => {
    const hold = held(50n);
    expect(reasonCodes(hold)).toEqual(['kyc_unknown', 'tax_artifact_missing']);
    expect(hold.evidenceRefs).toEqual(['tax:a']);
    expect(hold.owner).toBe('compliance-analysts');
    expect(hold.escalationOwner).toBe('compliance-ops');
    expect(hold.slaDeadline).toEqual(new Date('2026-05-01T14:00:00Z'));
    expect(hold.requiredApprovals).toBe(1);
    expect(hold.unblockPath).toMatch(/^record the beneficiary’s KYC as verified .* then release by an approver$/);
  });

  it('releases with one approver at or below the 4-eyes threshold', () => {
    const outcome = approveRelease(held(1000n), approval('alice'));
    expect(outcome).toMatchObject({ ok: true, kind: 'released' });
    expect(outcome.ok && outcome.hold).toMatchObject({ status: 'released', resolvedBy: ['alice'] });
  });

  it('needs two different approvers above the threshold and refuses the same person twice', () => {
    const hold = held(1001n);
    expect(hold.requiredApprovals).toBe(2);
    const first = approveRelease(hold, approval('alice'));
    expect(first).toMatchObject({ ok: true, kind: 'awaiting_second_approval' });
    if (!first.ok) throw new Error('unreachable');
    expect(first.hold.status).toBe('open');
    expect(approveRelease(first.hold, approval('alice', 2))).toEqual({ ok: false, code: 'same_approver' });
    const second = approveRelease(first.hold, approval('bob', 3));
    expect(second.ok && second.hold).toMatchObject({ status: 'released', resolvedBy: ['alice', 'bob'] });
    expect(second.ok && second.hold.evidenceRefs).toEqual(['tax:a', 'ticket:alice', 'ticket:bob']);
  });

  it('requires an evidence note and an open hold', () => {
    expect(approveRelease(held(1n), { ...approval('alice'), note: '  ' })).toEqual({
      ok: false,
      code: 'evidence_note_required',
    });
    const denied = denyHold(held(1n), approval('alice'));
    expect(denied.ok && denied.hold.status).toBe('denied');
    if (!denied.ok) throw new Error('unreachable');
    expect(approveRelease(denied.hold, approval('bob'))).toEqual({ ok: false, code: 'hold_not_open' });
    expect(denyHold(denied.hold, approval('bob'))).toEqual({ ok: false, code: 'hold_not_open' });
  });

  it('re-evaluation replaces the reasons of the re-run gates and clears the hold without releasing it', () => {
    const hold = held(10n);
    const partly = reevaluate(hold, { gates: ['tax_artifacts'], findings: [], evidence: ['tax:w9'] }, at);
    expect(activeReasons(partly).map((r) => r.code)).toEqual(['kyc_unknown']);
    expect(reasonCodes(partly)).toEqual(['kyc_unknown', 'tax_artifact_missing']);
    expect(partly.reasons[1]?.clearedAt).toEqual(at);
    expect(partly.clearedAt).toBeNull();
    expect(partly.evidenceRefs).toContain('tax:w9');
    const cleared = reevaluate(partly, { gates: ['kyc'], findings: [], evidence: [] }, at);
    expect(cleared).toMatchObject({ status: 'open', clearedAt: at });
    expect(activeReasons(cleared)).toEqual([]);
    expect(cleared.unblockPath).toBe('all gates clear; then release by an approver');
    const again = reevaluate(
      cleared,
      { gates: ['kyc'], findings: [{ gate: 'kyc', code: 'kyc_unknown', result: 'hold' }], evidence: [] },
      at,
    );
    expect(activeReasons(again).map((r) => r.code)).toEqual(['kyc_unknown']);
    expect(again.clearedAt).toBeNull();
  });

  it('refuses to release a hold that a re-evaluation found a deny reason for', () => {
    const hold = reevaluate(
      held(10n),
      { gates: ['kyc'], findings: [{ gate: 'kyc', code: 'kyc_rejected', result: 'deny' }], evidence: [] },
      at,
    );
    expect(approveRelease(hold, approval('alice'))).toEqual({ ok: false, code: 'release_blocked_by_deny_reason' });
    expect(denyHold(hold, approval('alice')).ok).toBe(true);
  });

  it('is breached only when open past its deadline', () => {
    const hold = held(1n);
    expect(isSlaBreached(hold, hold.slaDeadline)).toBe(false);
    expect(isSlaBreached(hold, new Date(hold.slaDeadline.getTime() + 1))).toBe(true);
    expect(isSlaBreached({ ...hold, status: 'released' }, new Date(hold.slaDeadline.getTime() + 1))).toBe(false);
  });
});
