import type { EntityManager } from '@sluice/persistence';
import { bigint, date, dateOrNull, json, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { HoldFilter, HoldRepository } from '../../app/ports.ts';
import type { Approval, Hold, HoldReason, HoldStatus } from '../../domain/hold.ts';

const APPROVALS = `coalesce((select jsonb_agg(jsonb_build_object('operator_id', a.operator_id, 'note', a.note,
  'evidence_refs', a.evidence_refs, 'at', a.approved_at) order by a.approved_at)
  from hold_approvals a where a.hold_id = h.id), '[]'::jsonb) as approvals`;
const SELECT = `select h.*, array_to_string(h.resolved_by, ',') as resolved_by_text, ${APPROVALS} from holds h`;

/** Holds and their approvals; a hold row is written whole by `save`, approvals are appended (never rewritten). */
export function holdStore(em: EntityManager): HoldRepository {
  const saveApprovals = async (hold: Hold) => {
    const stored = await query(em, 'select operator_id from hold_approvals where hold_id = ?', [hold.id]);
    const known = new Set(stored.map((r) => text(r.operator_id)));
    for (const a of hold.approvals.filter((x) => !known.has(x.operatorId))) {
      // A plain insert: a second approval by the same operator violates the primary key even if code let it through.
      await query(
        em,
        'insert into hold_approvals (hold_id, operator_id, note, evidence_refs, approved_at) values (?, ?, ?, ?::jsonb, ?)',
        [hold.id, a.operatorId, a.note, JSON.stringify(a.evidenceRefs), a.at],
      );
    }
  };

  return {
    async insert(h) {
      await query(
        em,
        `insert into holds (id, payout_id, correlation_id, beneficiary_id, program_id, market, corridor, mode,
           config_version, amount_minor, currency, status, reasons, evidence_refs, owner, escalation_owner, sla_deadline,
           unblock_path, required_approvals, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)`,
        [
          h.id,
          h.payoutId,
          h.correlationId,
          h.beneficiaryId,
          h.programId,
          h.market,
          h.corridor,
          h.mode,
          h.configVersion,
          h.amountMinor.toString(),
          h.currency,
          h.status,
          JSON.stringify(h.reasons),
          JSON.stringify(h.evidenceRefs),
          h.owner,
          h.escalationOwner,
          h.slaDeadline,
          h.unblockPath,
          h.requiredApprovals,
          h.createdAt,
        ],
      );
      await saveApprovals(h);
    },

    async find(id) {
      if (!isUuid(id)) return null;
      const rows = await query(em, `${SELECT} where h.id = ?`, [id]);
      return rows[0] ? toHold(rows[0]) : null;
    },

    async lock(id) {
      if (!isUuid(id)) return null;
      await query(em, 'select 1 from holds where id = ? for update', [id]);
      const rows = await query(em, `${SELECT} where h.id = ?`, [id]);
      return rows[0] ? toHold(rows[0]) : null;
    },

    async lockOpenForBeneficiary(beneficiaryId) {
      await query(em, `select 1 from holds where beneficiary_id = ? and status = 'open' order by id for update`, [
        beneficiaryId,
      ]);
      const rows = await query(em, `${SELECT} where h.beneficiary_id = ? and h.status = 'open' order by h.id`, [
        beneficiaryId,
      ]);
      return rows.map(toHold);
    },

    async save(h) {
      await query(
        em,
        `update holds set status = ?, reasons = ?::jsonb, evidence_refs = ?::jsonb, unblock_path = ?, cleared_at = ?,
           resolved_at = ?, resolved_by = string_to_array(?, ','), resolution_note = ? where id = ?`,
        [
          h.status,
          JSON.stringify(h.reasons),
          JSON.stringify(h.evidenceRefs),
          h.unblockPath,
          h.clearedAt,
          h.resolvedAt,
          h.resolvedBy.join(','),
          h.resolutionNote,
          h.id,
        ],
      );
      await saveApprovals(h);
    },

    async list(filter, page, now) {
      const { where, params } = conditions(filter, now);
      if (page.afterId && isUuid(page.afterId)) {
        where.push('h.id < ?');
        params.push(page.afterId);
      }
      const rows = await query(
        em,
        `${SELECT} ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by h.id desc limit ?`,
        [...params, page.limit],
      );
      return rows.map(toHold);
    },

    async markSlaBreaches(now) {
      const rows = await query(
        em,
        `update holds set sla_breached_at = ? where status = 'open' and sla_breached_at is null and sla_deadline < ?
         returning id`,
        [now, now],
      );
      const ids = rows.map((r) => text(r.id));
      if (ids.length === 0) return [];
      const held = await query(em, `${SELECT} where h.id = any(string_to_array(?, ',')::uuid[])`, [ids.join(',')]);
      return held.map(toHold);
    },

    async openCounts(now) {
      const rows = await query(
        em,
        `select count(*) as open, count(*) filter (where sla_deadline < ?) as breached from holds where status = 'open'`,
        [now],
      );
      return { open: Number(rows[0]?.open ?? 0), breached: Number(rows[0]?.breached ?? 0) };
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

function conditions(filter: HoldFilter, now: Date): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`h.${column} = ?`);
    params.push(value);
  };
  eq('status', filter.status);
  eq('owner', filter.owner);
  eq('beneficiary_id', filter.beneficiaryId);
  eq('program_id', filter.programId);
  eq('market', filter.market);
  eq('payout_id', filter.payoutId);
  if (filter.reason !== undefined) {
    where.push(`h.reasons @> ?::jsonb`);
    params.push(JSON.stringify([{ code: filter.reason }]));
  }
  if (filter.slaBreached !== undefined) {
    // Breached = open past the deadline now, or a resolved hold that was stamped while it was open.
    where.push(
      filter.slaBreached
        ? `((h.status = 'open' and h.sla_deadline < ?) or h.sla_breached_at is not null)`
        : `not ((h.status = 'open' and h.sla_deadline < ?) or h.sla_breached_at is not null)`,
    );
    params.push(now);
  }
  return { where, params };
}

type StoredReason = Omit<HoldReason, 'clearedAt'> & { clearedAt: string | null };
type StoredApproval = { operator_id: string; note: string; evidence_refs: string[]; at: string };

function toHold(row: Row): Hold {
  const resolvedBy = text(row.resolved_by_text ?? '');
  return {
    id: text(row.id),
    payoutId: text(row.payout_id),
    correlationId: text(row.correlation_id),
    beneficiaryId: text(row.beneficiary_id),
    programId: text(row.program_id),
    market: text(row.market),
    corridor: text(row.corridor),
    mode: text(row.mode),
    configVersion: text(row.config_version),
    amountMinor: bigint(row.amount_minor),
    currency: text(row.currency),
    status: text(row.status) as HoldStatus,
    reasons: json<StoredReason[]>(row.reasons).map((r) => ({
      ...r,
      clearedAt: r.clearedAt ? new Date(r.clearedAt) : null,
    })),
    evidenceRefs: json<string[]>(row.evidence_refs),
    owner: text(row.owner),
    escalationOwner: text(row.escalation_owner),
    slaDeadline: date(row.sla_deadline),
    unblockPath: text(row.unblock_path),
    requiredApprovals: Number(row.required_approvals) === 2 ? 2 : 1,
    approvals: json<StoredApproval[]>(row.approvals).map(
      (a): Approval => ({ operatorId: a.operator_id, note: a.note, evidenceRefs: a.evidence_refs, at: new Date(a.at) }),
    ),
    createdAt: date(row.created_at),
    clearedAt: dateOrNull(row.cleared_at),
    slaBreachedAt: dateOrNull(row.sla_breached_at),
    resolvedAt: dateOrNull(row.resolved_at),
    resolvedBy: resolvedBy ? resolvedBy.split(',') : [],
    resolutionNote: textOrNull(row.resolution_note),
  };
}
