import type { EntityManager } from '@sluice/persistence';
import { date, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { Beneficiary, PartyRepository } from '../../app/ports.ts';
import { destinationStore } from './destination.store.ts';

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
