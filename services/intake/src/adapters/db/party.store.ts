import type { EntityManager } from '@sluice/persistence';
import type { Beneficiary, PartyRepository } from '../../app/ports.ts';
import { bankAccountDisplay } from '../../domain/bank-account.ts';
import type { DestinationState } from '../../domain/destination-state.ts';
import { walletDisplay } from '../../domain/wallet.ts';
import { destinationStore, toBankAccount } from './destination.store.ts';
import { date, query, type Row, text, textOrNull } from './sql.ts';

/** Beneficiaries and their destinations in PostgreSQL; every lookup is scoped to the owning platform. */
export function partyStore(em: EntityManager): PartyRepository {
  return {
    ...destinationStore(em),

    async insertBeneficiary(b) {
      await query(
        em,
        `insert into beneficiaries (id, platform_id, kind, name, country, email, reference, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [b.id, b.platformId, b.kind, b.name, b.country, b.email, b.reference, b.createdAt],
      );
    },

    async findBeneficiary(platformId, id) {
      const rows = await query(em, 'select * from beneficiaries where id = ? and platform_id = ?', [id, platformId]);
      return rows[0] ? toBeneficiary(rows[0]) : null;
    },

    async listBeneficiaries(platformId, page) {
      const rows = await query(
        em,
        `select * from beneficiaries where platform_id = ? ${page.afterId ? 'and id < ?' : ''} order by id desc limit ?`,
        page.afterId ? [platformId, page.afterId, page.limit] : [platformId, page.limit],
      );
      return rows.map(toBeneficiary);
    },

    async payableDestination(platformId, beneficiaryId, destination) {
      // One round trip on the hot path: the beneficiary check and the destination of the requested type together.
      const table = destination.type === 'wallet' ? 'wallets' : 'bank_accounts';
      const rows = await query(
        em,
        `select b.id as beneficiary_id, d.* from beneficiaries b
         left join ${table} d on d.id = ? and d.beneficiary_id = b.id
         where b.id = ? and b.platform_id = ?`,
        [destination.id, beneficiaryId, platformId],
      );
      const row = rows[0];
      if (!row) return { beneficiaryFound: false, destination: null };
      if (row.id === null || row.id === undefined) return { beneficiaryFound: true, destination: null };
      const state = text(row.state) as DestinationState;
      if (destination.type === 'wallet') {
        const network = text(row.network);
        const address = text(row.address);
        const found = { type: 'wallet', id: text(row.id), beneficiaryId, network, currency: text(row.asset), state };
        return { beneficiaryFound: true, destination: { ...found, display: walletDisplay(address) } };
      }
      const account = toBankAccount(row);
      return {
        beneficiaryFound: true,
        destination: {
          type: 'bank_account',
          id: account.id,
          beneficiaryId,
          network: account.rail,
          currency: account.currency,
          state,
          display: bankAccountDisplay(account),
        },
      };
    },
  };
}

function toBeneficiary(row: Row): Beneficiary {
  return {
    id: text(row.id),
    platformId: text(row.platform_id),
    kind: text(row.kind) as Beneficiary['kind'],
    name: text(row.name),
    country: text(row.country),
    email: textOrNull(row.email),
    reference: textOrNull(row.reference),
    createdAt: date(row.created_at),
  };
}
