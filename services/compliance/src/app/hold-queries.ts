import type { Hold } from '../domain/hold.ts';
import { can } from '../domain/roles.ts';
import type {
  Actor,
  AuditEntry,
  ComplianceDeps,
  ComplianceTx,
  GateRunRecord,
  HoldFilter,
  Page,
  Stores,
} from './ports.ts';

/** A hold with everything an operator needs to work it: the checks that raised it, and its audit trail. */
export interface HoldDetail {
  readonly hold: Hold;
  readonly checks: readonly GateRunRecord[];
  readonly audit: readonly AuditEntry[];
}

export async function holdDetail(stores: Stores, holdId: string): Promise<HoldDetail | null> {
  const hold = await stores.holds.find(holdId);
  if (!hold) return null;
  return {
    hold,
    checks: await stores.gateRuns.forPayout(hold.payoutId),
    audit: await stores.audit.forSubject('hold', holdId),
  };
}

export function listHolds(stores: Stores, filter: HoldFilter, page: Page, now: Date): Promise<Hold[]> {
  return stores.holds.list(filter, page, now);
}

export type EvidenceOutcome =
  | { readonly ok: true; readonly hold: Hold }
  | { readonly ok: false; readonly code: 'forbidden' | 'hold_not_found' | 'hold_not_open' };

/** Attaches evidence references to an open hold (a document, a case id) with a note; audited. */
export async function addHoldEvidence(
  tx: ComplianceTx,
  deps: Pick<ComplianceDeps, 'clock'>,
  actor: Actor,
  holdId: string,
  input: { refs: readonly string[]; note: string },
): Promise<EvidenceOutcome> {
  if (!can(actor.role, 'holds:annotate')) return { ok: false, code: 'forbidden' };
  const hold = await tx.holds.lock(holdId);
  if (!hold) return { ok: false, code: 'hold_not_found' };
  if (hold.status !== 'open') return { ok: false, code: 'hold_not_open' };
  const next: Hold = { ...hold, evidenceRefs: [...new Set([...hold.evidenceRefs, ...input.refs])] };
  await tx.holds.save(next);
  await tx.audit.append({
    at: deps.clock.now(),
    actor: actor.operatorId,
    action: 'hold_evidence_added',
    subjectType: 'hold',
    subjectId: holdId,
    detail: { refs: input.refs, note: input.note },
  });
  return { ok: true, hold: next };
}
