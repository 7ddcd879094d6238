import type { EntityManager } from '@sluice/persistence';
import { bigint, date, day, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { ScreenedPayout, ScreeningRepository } from '../../app/ports.ts';

const COLUMNS = `payout_id, event_id, correlation_id, beneficiary_id, program_id, market, corridor, amount_minor, currency,
  destination_type, destination, network, decision, mode, config_version, to_char(day, 'YYYY-MM-DD') as day, decided_at`;

/** Screened payouts: one row per payout id, claimed before any gate runs. */
export function screeningStore(em: EntityManager): ScreeningRepository {
  return {
    async claim(p) {
      const rows = await query(
        em,
        `insert into screenings (payout_id, event_id, correlation_id, beneficiary_id, program_id, market, corridor,
           amount_minor, currency, destination_type, destination, network, decision, mode, config_version, day, decided_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (payout_id) do nothing returning 1 as claimed`,
        [
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
        ],
      );
      return rows.length === 1;
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
