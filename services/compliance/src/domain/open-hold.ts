import type { Market, Program } from '@sluice/program-config';
import { ownerOf } from './decision.ts';
import type { CheckRecord } from './gate-result.ts';
import type { Hold, HoldReason } from './hold.ts';
import { unblockPathFor } from './unblock-path.ts';

/** Everything a new hold is made of: the payout, the config it was judged under and the checks that held it. */
export interface OpenHoldInput {
  readonly id: string;
  readonly payoutId: string;
  readonly correlationId: string;
  readonly beneficiaryId: string;
  readonly program: Program;
  readonly market: Market;
  readonly corridor: string;
  readonly configVersion: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly checks: readonly CheckRecord[];
  readonly at: Date;
}

/**
 * Opens a hold from the checks of a `held` decision. Owner = owner of the first holding gate; escalation goes to
 * blocked-payout handling; the SLA comes from the program; 4-eyes applies above the market's threshold for the
 * currency (and always when the market sets no limits for it: no threshold is no excuse for one pair of eyes).
 */
export function openHold(input: OpenHoldInput): Hold {
  const reasons: HoldReason[] = input.checks
    .filter((c) => c.result !== 'allow' && c.code !== null)
    .map((c) => ({ gate: c.gate, code: c.code as string, result: c.result as HoldReason['result'], clearedAt: null }));
  const first = input.checks.find((c) => c.result === 'hold');
  const limits = input.market.limits.find((l) => l.currency === input.currency);
  const requiredApprovals = !limits || input.amountMinor > limits.dualApprovalAboveMinor ? 2 : 1;
  return {
    id: input.id,
    payoutId: input.payoutId,
    correlationId: input.correlationId,
    beneficiaryId: input.beneficiaryId,
    programId: input.program.id,
    market: input.market.country,
    corridor: input.corridor,
    mode: input.market.mode,
    configVersion: input.configVersion,
    amountMinor: input.amountMinor,
    currency: input.currency,
    status: 'open',
    reasons,
    evidenceRefs: [...new Set(input.checks.flatMap((c) => c.evidence))],
    owner: first?.owner ?? ownerOf(input.program, 'blockedPayoutHandling'),
    escalationOwner: ownerOf(input.program, 'blockedPayoutHandling'),
    slaDeadline: new Date(input.at.getTime() + input.program.holds.slaMinutes * 60_000),
    unblockPath: unblockPathFor(
      reasons.map((r) => r.code),
      requiredApprovals,
    ),
    requiredApprovals,
    approvals: [],
    createdAt: input.at,
    clearedAt: null,
    slaBreachedAt: null,
    resolvedAt: null,
    resolvedBy: [],
    resolutionNote: null,
  };
}
