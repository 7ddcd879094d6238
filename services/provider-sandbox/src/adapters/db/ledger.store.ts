import type { EntityManager } from '@sluice/persistence';
import { bigint, date, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { Funding, LedgerStore } from '../../app/ports.ts';
import { type LedgerMove, reserveMove } from '../../domain/lifecycle.ts';

/**
 * The account journal and its cached balances. Every change writes one journal line and updates the cached row in
 * the same transaction; the table's non-negative checks make an overdraft impossible even under a bug.
 */
export function ledgerStore(em: EntityManager): LedgerStore {
  const journal = (
    currency: string,
    kind: string,
    ref: { payoutId?: string; fundingId?: string },
    availableDelta: bigint,
    pendingDelta: bigint,
    at: Date,
  ) =>
    query(
      em,
      `insert into sbx_journal (currency, kind, payout_id, funding_id, available_delta_minor, pending_delta_minor,
         created_at) values (?, ?, ?, ?, ?, ?, ?)`,
      [
        currency,
        kind,
        ref.payoutId ?? null,
        ref.fundingId ?? null,
        availableDelta.toString(),
        pendingDelta.toString(),
        at,
      ],
    );
  const ledger: LedgerStore = {
    // Conditional update: the row lock makes concurrent reserves queue, and the guard refuses an overdraft.
    reserve: (currency, amountMinor, payoutId, at) => ledger.reserveMany([{ currency, amountMinor, payoutId, at }]),
    async reserveMany(reserves) {
      if (reserves.length === 0) return true;
      const totals = new Map<string, bigint>();
      for (const { currency, amountMinor } of reserves)
        totals.set(currency, (totals.get(currency) ?? 0n) + amountMinor);
      // Currency order, as moveMany: transactions locking several balance rows lock them in one order.
      for (const [currency, total] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const move = reserveMove(total);
        const updated = await query(
          em,
          `update sbx_balances set available_minor = available_minor + ?, pending_minor = pending_minor + ?
           where currency = ? and available_minor >= ? returning currency`,
          [move.availableDeltaMinor.toString(), move.pendingDeltaMinor.toString(), currency, total.toString()],
        );
        if (updated.length === 0) return false;
      }
      await journalMany(
        em,
        reserves.map(({ currency, amountMinor, payoutId, at }) => ({
          currency,
          move: reserveMove(amountMinor),
          payoutId,
          at,
        })),
      );
      return true;
    },
    async moveMany(moves) {
      if (moves.length === 0) return;
      const totals = new Map<string, { available: bigint; pending: bigint }>();
      for (const { currency, move } of moves) {
        const total = totals.get(currency) ?? { available: 0n, pending: 0n };
        totals.set(currency, {
          available: total.available + move.availableDeltaMinor,
          pending: total.pending + move.pendingDeltaMinor,
        });
      }
      // Currency order: two transactions moving several currencies lock their balance rows in the same order.
      for (const [currency, total] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await query(
          em,
          'update sbx_balances set available_minor = available_minor + ?, pending_minor = pending_minor + ? where currency = ?',
          [total.available.toString(), total.pending.toString(), currency],
        );
      }
      await journalMany(em, moves);
    },
    async fund(funding) {
      await query(
        em,
        `insert into sbx_fundings (id, idempotency_key, request_sha256, currency, amount_minor, created_at)
         values (?, ?, ?, ?, ?, ?)`,
        [
          funding.id,
          funding.idempotencyKey,
          funding.requestSha256,
          funding.currency,
          funding.amountMinor.toString(),
          funding.createdAt,
        ],
      );
      await query(
        em,
        `insert into sbx_balances (currency, available_minor, pending_minor) values (?, ?, 0)
         on conflict (currency) do update set available_minor = sbx_balances.available_minor + excluded.available_minor`,
        [funding.currency, funding.amountMinor.toString()],
      );
      await journal(funding.currency, 'funding', { fundingId: funding.id }, funding.amountMinor, 0n, funding.createdAt);
    },
    async findFunding(idempotencyKey) {
      const [row] = await query(em, 'select * from sbx_fundings where idempotency_key = ?', [idempotencyKey]);
      return row ? toFunding(row) : null;
    },
    async fundedSince(currency, since) {
      const rows = await query(em, 'select 1 from sbx_fundings where currency = ? and created_at > ? limit 1', [
        currency,
        since,
      ]);
      return rows.length > 0;
    },
    async balances() {
      const rows = await query(
        em,
        'select currency, available_minor, pending_minor from sbx_balances order by currency',
      );
      return rows.map((row) => ({
        currency: text(row.currency),
        availableMinor: bigint(row.available_minor),
        pendingMinor: bigint(row.pending_minor),
      }));
    },
  };
  return ledger;
}

/** One journal line per payout move, in one statement. */
async function journalMany(
  em: EntityManager,
  moves: readonly { currency: string; move: LedgerMove; payoutId: string; at: Date }[],
): Promise<void> {
  await query(
    em,
    `insert into sbx_journal (currency, kind, payout_id, funding_id, available_delta_minor, pending_delta_minor,
       created_at) values ${placeholders(moves.length, 7)}`,
    moves.flatMap(({ currency, move, payoutId, at }) => [
      currency,
      move.kind,
      payoutId,
      null,
      move.availableDeltaMinor.toString(),
      move.pendingDeltaMinor.toString(),
      at,
    ]),
  );
}

function toFunding(row: Row): Funding {
  return {
    id: text(row.id),
    idempotencyKey: textOrNull(row.idempotency_key),
    requestSha256: textOrNull(row.request_sha256),
    currency: text(row.currency),
    amountMinor: bigint(row.amount_minor),
    createdAt: date(row.created_at),
  };
}
