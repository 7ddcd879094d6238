import type { GateName } from './gate-result.ts';
import { unblockPathFor } from './unblock-path.ts';

export type HoldStatus = 'open' | 'released' | 'denied';

/**
 * Why a hold is open: the gate and its code. A reason is kept when a re-evaluation no longer finds it (with the
 * time it cleared), so the hold shows its whole history. An active `deny` reason blocks a release.
 */
export interface HoldReason {
  readonly gate: GateName;
  readonly code: string;
  readonly result: 'hold' | 'deny';
  readonly clearedAt: Date | null;
}

/** One approver's release approval, with the evidence note that justifies it. */
export interface Approval {
  readonly operatorId: string;
  readonly note: string;
  readonly evidenceRefs: readonly string[];
  readonly at: Date;
}

/** A held payout as an operating object: why, with what evidence, who owns it, until when, and how to unblock it. */
export interface Hold {
  readonly id: string;
  readonly payoutId: string;
  readonly correlationId: string;
  readonly beneficiaryId: string;
  readonly programId: string;
  readonly market: string;
  readonly corridor: string;
  readonly mode: string;
  readonly configVersion: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly status: HoldStatus;
  readonly reasons: readonly HoldReason[];
  readonly evidenceRefs: readonly string[];
  /** Owner of the gate that raised the first reason: who works the hold. */
  readonly owner: string;
  /** Owner of blocked-payout handling: who is called when the SLA is breached. */
  readonly escalationOwner: string;
  readonly slaDeadline: Date;
  readonly unblockPath: string;
  /** 2 when the amount is above the market's dual-approval threshold (4-eyes), else 1. */
  readonly requiredApprovals: 1 | 2;
  readonly approvals: readonly Approval[];
  readonly createdAt: Date;
  /** When a re-evaluation found no active reason left; the hold still needs its approvals to be released. */
  readonly clearedAt: Date | null;
  readonly slaBreachedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: readonly string[];
  readonly resolutionNote: string | null;
}

/** Refusals of a hold action; each is a stable problem code at the API. */
export type HoldRefusal =
  | 'hold_not_open'
  | 'same_approver'
  | 'release_blocked_by_deny_reason'
  | 'evidence_note_required';

export type ReleaseOutcome =
  | { readonly ok: true; readonly kind: 'awaiting_second_approval' | 'released'; readonly hold: Hold }
  | { readonly ok: false; readonly code: HoldRefusal };

export type DenyOutcome =
  | { readonly ok: true; readonly hold: Hold }
  | { readonly ok: false; readonly code: HoldRefusal };

/** Every reason code the hold ever had, in the order found. */
export const reasonCodes = (hold: Pick<Hold, 'reasons'>): string[] => hold.reasons.map((r) => r.code);
/** Reasons not cleared by a re-evaluation. */
export const activeReasons = (hold: Pick<Hold, 'reasons'>): HoldReason[] => hold.reasons.filter((r) => !r.clearedAt);

/**
 * Adds one approver's release approval. The same person cannot approve twice (4-eyes means two people); a hold
 * with a deny-level reason cannot be released at all, only denied.
 */
export function approveRelease(hold: Hold, approval: Approval): ReleaseOutcome {
  if (hold.status !== 'open') return { ok: false, code: 'hold_not_open' };
  if (approval.note.trim().length === 0) return { ok: false, code: 'evidence_note_required' };
  if (activeReasons(hold).some((r) => r.result === 'deny'))
    return { ok: false, code: 'release_blocked_by_deny_reason' };
  if (hold.approvals.some((a) => a.operatorId === approval.operatorId)) return { ok: false, code: 'same_approver' };
  const approvals = [...hold.approvals, approval];
  const evidenceRefs = [...new Set([...hold.evidenceRefs, ...approval.evidenceRefs])];
  if (approvals.length < hold.requiredApprovals) {
    return { ok: true, kind: 'awaiting_second_approval', hold: { ...hold, approvals, evidenceRefs } };
  }
  return {
    ok: true,
    kind: 'released',
    hold: {
      ...hold,
      approvals,
      evidenceRefs,
      status: 'released',
      resolvedAt: approval.at,
      resolvedBy: approvals.map((a) => a.operatorId),
      resolutionNote: approval.note,
    },
  };
}

/** Denies an open hold; one approver suffices (refusing money is the safe direction). */
export function denyHold(hold: Hold, decision: Approval): DenyOutcome {
  if (hold.status !== 'open') return { ok: false, code: 'hold_not_open' };
  if (decision.note.trim().length === 0) return { ok: false, code: 'evidence_note_required' };
  return {
    ok: true,
    hold: {
      ...hold,
      status: 'denied',
      evidenceRefs: [...new Set([...hold.evidenceRefs, ...decision.evidenceRefs])],
      resolvedAt: decision.at,
      resolvedBy: [decision.operatorId],
      resolutionNote: decision.note,
    },
  };
}

/** What a re-run of some gates found: the gates re-run and their non-allow results. */
export interface Rerun {
  readonly gates: readonly GateName[];
  readonly findings: readonly Pick<HoldReason, 'gate' | 'code' | 'result'>[];
  readonly evidence: readonly string[];
}

/**
 * Applies a re-run of some gates (after a KYC or tax-artifact change): reasons of those gates that are no longer
 * found are cleared, findings not seen before are added, others stay. With no active reason left the hold is
 * `cleared` — it still needs its approvals, because nothing but the release API releases a payout.
 */
export function reevaluate(hold: Hold, rerun: Rerun, at: Date): Hold {
  if (hold.status !== 'open') return hold;
  const found = (r: Pick<HoldReason, 'gate' | 'code'>) =>
    rerun.findings.some((f) => f.gate === r.gate && f.code === r.code);
  const kept = hold.reasons.map((r): HoldReason => {
    if (!rerun.gates.includes(r.gate)) return r;
    return found(r) ? { ...r, clearedAt: null } : { ...r, clearedAt: r.clearedAt ?? at };
  });
  const added = rerun.findings
    .filter((f) => !hold.reasons.some((r) => r.gate === f.gate && r.code === f.code))
    .map((f): HoldReason => ({ ...f, clearedAt: null }));
  const reasons = [...kept, ...added];
  const active = activeReasons({ reasons });
  return {
    ...hold,
    reasons,
    evidenceRefs: [...new Set([...hold.evidenceRefs, ...rerun.evidence])],
    clearedAt: active.length === 0 ? (hold.clearedAt ?? at) : null,
    unblockPath: unblockPathFor(
      active.map((r) => r.code),
      hold.requiredApprovals,
    ),
  };
}

/** An open hold past its SLA deadline. */
export const isSlaBreached = (hold: Pick<Hold, 'status' | 'slaDeadline'>, now: Date): boolean =>
  hold.status === 'open' && now.getTime() > hold.slaDeadline.getTime();
