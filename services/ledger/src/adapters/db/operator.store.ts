import type { EntityManager } from '@sluice/persistence';
import { query, text } from '@sluice/persistence';
import type { OperatorStore } from '../../app/ports.ts';
import type { OperatorRole } from '../../domain/operator.ts';

/** Operators and their keys; only SHA-256 digests of key secrets are stored. */
export function operatorStore(em: EntityManager): OperatorStore {
  return {
    async findKey(keyId) {
      const rows = await query(
        em,
        `select k.key_id, k.secret_sha256, k.revoked_at, o.id, o.name, o.roles
         from operator_keys k join operators o on o.id = k.operator_id where k.key_id = ?`,
        [keyId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        keyId: text(row.key_id),
        secretSha256: row.secret_sha256 as Buffer,
        revoked: row.revoked_at !== null,
        operator: { id: text(row.id), name: text(row.name), roles: row.roles as OperatorRole[] },
      };
    },
    async ensureOperator(operator) {
      await query(
        em,
        `insert into operators (id, name, roles) values (?, ?, ?::text[])
         on conflict (id) do update set name = excluded.name, roles = excluded.roles`,
        [operator.id, operator.name, `{${operator.roles.join(',')}}`],
      );
    },
    async insertKey(key) {
      await query(em, 'insert into operator_keys (key_id, operator_id, secret_sha256) values (?, ?, ?)', [
        key.keyId,
        key.operatorId,
        key.secretSha256,
      ]);
    },
  };
}
