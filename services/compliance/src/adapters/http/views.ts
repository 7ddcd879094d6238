import type { ReadinessReport } from '@sluice/program-config';
import type { AuditEntry, GateRunRecord } from '../../app/ports.ts';
import { activeReasons, type Hold, isSlaBreached } from '../../domain/hold.ts';
import type { KycRecord } from '../../domain/kyc.ts';
import type { TaxArtifact } from '../../domain/tax-artifact.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A hold as the API shows it (snake_case, amounts as strings of minor units, times ISO 8601). */
export function holdView(hold: Hold, now: Date) {
  return {
    id: hold.id,
    payout_id: hold.payoutId,
    status: hold.status,
    cleared: hold.clearedAt !== null,
    sla_breached: isSlaBreached(hold, now) || hold.slaBreachedAt !== null,
    reason_codes: activeReasons(hold).map((r) => r.code),
    reasons: hold.reasons.map((r) => ({ gate: r.gate, code: r.code, result: r.result, cleared_at: iso(r.clearedAt) })),
    evidence_refs: hold.evidenceRefs,
    owner: hold.owner,
    escalation_owner: hold.escalationOwner,
    sla_deadline: hold.slaDeadline.toISOString(),
    unblock_path: hold.unblockPath,
    required_approvals: hold.requiredApprovals,
    approvals: hold.approvals.map((a) => ({
      operator_id: a.operatorId,
      note: a.note,
      evidence_refs: a.evidenceRefs,
      at: a.at.toISOString(),
    })),
    amount_minor: hold.amountMinor.toString(),
    currency: hold.currency,
    beneficiary_id: hold.beneficiaryId,
    program_id: hold.programId,
    market: hold.market,
    corridor: hold.corridor,
    mode: hold.mode,
    config_version: hold.configVersion,
    created_at: hold.createdAt.toISOString(),
    cleared_at: iso(hold.clearedAt),
    sla_breached_at: iso(hold.slaBreachedAt),
    resolved_at: iso(hold.resolvedAt),
    resolved_by: hold.resolvedBy,
    resolution_note: hold.resolutionNote,
  };
}

export const checkView = (c: GateRunRecord) => ({
  gate: c.gate,
  rule: c.rule,
  rule_version: c.ruleVersion,
  input_hash: c.inputHash,
  result: c.result,
  code: c.code,
  owner: c.owner,
  evidence: c.evidence,
  trigger: c.trigger,
  config_version: c.configVersion,
  checked_at: c.checkedAt.toISOString(),
});

export const auditView = (e: AuditEntry) => ({
  at: e.at.toISOString(),
  actor: e.actor,
  action: e.action,
  detail: e.detail,
});

/** KYC as shown; a beneficiary never recorded shows as `unknown` (which holds its payouts). */
export const kycView = (beneficiaryId: string, k: KycRecord | null) => ({
  beneficiary_id: beneficiaryId,
  status: k?.status ?? 'unknown',
  legal_name: k?.legalName ?? null,
  country: k?.country ?? null,
  expires_at: iso(k?.expiresAt ?? null),
  evidence_ref: k?.evidenceRef ?? null,
  updated_by: k?.updatedBy ?? null,
  updated_at: iso(k?.updatedAt ?? null),
});

/** A tax artifact as shown: the identifier only ever masked. */
export const taxArtifactView = (a: TaxArtifact) => ({
  id: a.id,
  type: a.type,
  status: a.status,
  expires_at: iso(a.expiresAt),
  masked_identifier: a.maskedIdentifier,
  evidence_ref: a.evidenceRef,
  recorded_by: a.recordedBy,
  recorded_at: a.recordedAt.toISOString(),
});

/** The readiness report as JSON, snake_case like the rest of the API. */
export const readinessView = (r: ReadinessReport) => ({
  program_id: r.programId,
  version: r.version,
  content_hash: r.contentHash,
  custody_model: r.custodyModel,
  ready: r.ready,
  custody: r.custody,
  markets: r.markets,
});
