import type { EntityManager } from '@sluice/persistence';
import { query, text } from '@sluice/persistence';
import type { OperatorRepository } from '../../app/ports.ts';
import { isRole, type Role } from '../../domain/roles.ts';

/** Operators and the SHA-256 of their token secret (never the token). */
export function operatorStore(em: EntityManager): OperatorRepository {
  return {
    async findByKeyId(keyId) {
      const rows = await query(em, 'select * from operators where key_id = ?', [keyId]);
      const row = rows[0];
      if (!row || !isRole(row.role)) return null;
      return {
        id: text(row.id),
        name: text(row.name),
        role: row.role,
        keyId: text(row.key_id),
        secretSha256: Buffer.from(row.secret_sha256 as Uint8Array),
        disabled: row.disabled === true,
      };
    },

    async upsert(o) {
      await query(
        em,
        `insert into operators (id, name, role, key_id, secret_sha256, disabled) values (?, ?, ?, ?, ?, ?)
         on conflict (id) do update set name = excluded.name, role = excluded.role, key_id = excluded.key_id,
           secret_sha256 = excluded.secret_sha256, disabled = excluded.disabled, updated_at = now()`,
        [o.id, o.name, o.role, o.keyId, o.secretSha256, o.disabled],
      );
    },

    async list() {
      const rows = await query(em, 'select id, name, role, key_id, disabled from operators order by id');
      return rows.map((row) => ({
        id: text(row.id),
        name: text(row.name),
        role: text(row.role) as Role,
        keyId: text(row.key_id),
        disabled: row.disabled === true,
      }));
    },
  };
}
