import type { EntityManager } from '@sluice/persistence';
import { bigint, date, day, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { ScreenedPayout, ScreeningRepository } from '../../app/ports.ts';

const INSERT = `insert into screenings (payout_id, event_id, correlation_id, beneficiary_id, program_id, market,
  corridor, amount_minor, currency, destination_type, destination, network, decision, mode, config_version, day, decided_at)`;

const valuesOf = (p: ScreenedPayout): unknown[] => [
  p.payoutId,
  p.eventId,
  p.correlationId,
  p.beneficiaryId,
  p.programId,
  p.market,
  p.corridor,
  p.amountMinor.toString(),
  p.currency,
  p.destinationType,
  p.destination,
  p.network,
  p.decision,
  p.mode,
  p.configVersion,
  p.day,
  p.decidedAt,
];

const COLUMNS = `payout_id, event_id, correlation_id, beneficiary_id, program_id, market, corridor, amount_minor, currency,
  destination_type, destination, network, decision, mode, config_version, to_char(day, 'YYYY-MM-DD') as day, decided_at`;

/** Screened payouts: one row per payout id, claimed before any gate runs. */
export function screeningStore(em: EntityManager): ScreeningRepository {
  return {
    async claim(p) {
      const rows = await query(
        em,
        `${INSERT} values ${placeholders(1, 17)} on conflict (payout_id) do nothing returning 1 as claimed`,
        valuesOf(p),
      );
      return rows.length === 1;
    },

    async insertAll(payouts) {
      if (payouts.length === 0) return;
      // No `on conflict`: a payout screened meanwhile by another consumer fails the chunk, which is then re-run one
      // event at a time through `claim`.
      await query(em, `${INSERT} values ${placeholders(payouts.length, 17)}`, payouts.flatMap(valuesOf));
    },

    async screened(payoutIds) {
      if (payoutIds.length === 0) return new Set();
      const rows = await query(
        em,
        `select payout_id from screenings where payout_id in (${placeholders(payoutIds.length, 1)})`,
        payoutIds,
      );
      return new Set(rows.map((row) => text(row.payout_id)));
    },

    async find(payoutId) {
      const rows = await query(em, `select ${COLUMNS} from screenings where payout_id = ?`, [payoutId]);
      return rows[0] ? toPayout(rows[0]) : null;
    },

    async setDecision(payoutId, decision) {
      await query(em, 'update screenings set decision = ? where payout_id = ?', [decision, payoutId]);
    },
  };
}

function toPayout(row: Row): ScreenedPayout {
  return {
    payoutId: text(row.payout_id),
    eventId: text(row.event_id),
    correlationId: text(row.correlation_id),
    beneficiaryId: text(row.beneficiary_id),
    programId: text(row.program_id),
    market: text(row.market),
    corridor: text(row.corridor),
    amountMinor: bigint(row.amount_minor),
    currency: text(row.currency),
    destinationType: text(row.destination_type),
    destination: text(row.destination),
    network: textOrNull(row.network),
    decision: text(row.decision),
    mode: text(row.mode),
    configVersion: text(row.config_version),
    day: day(row.day),
    decidedAt: date(row.decided_at),
  };
}
