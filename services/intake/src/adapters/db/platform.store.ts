import type { EntityManager } from '@sluice/persistence';
import { query, text } from '@sluice/persistence';
import type { PlatformRepository } from '../../app/ports.ts';
import { isScope } from '../../domain/api-key.ts';

/** Platforms (tenants) and their API keys; only the SHA-256 of a key's secret is ever stored. */
export function platformStore(em: EntityManager): PlatformRepository {
  return {
    async exists(platformId) {
      return (await query(em, 'select 1 from platforms where id = ?', [platformId])).length > 0;
    },

    async ensure(platform) {
      const rows = await query(
        em,
        'insert into platforms (id, name, mode) values (?, ?, ?) on conflict (id) do nothing returning 1 as created',
        [platform.id, platform.name, platform.mode],
      );
      return rows.length === 1;
    },

    async insertApiKey(key) {
      // Scopes travel as one comma-joined string: the query formatter expands arrays into value lists.
      await query(
        em,
        `insert into api_keys (key_id, platform_id, secret_sha256, scopes, revoked_at)
         values (?, ?, ?, string_to_array(?, ','), ${key.revoked ? 'now()' : 'null'})`,
        [key.keyId, key.platformId, key.secretSha256, key.scopes.join(',')],
      );
    },

    async findApiKey(keyId) {
      const rows = await query(
        em,
        `select key_id, platform_id, secret_sha256, array_to_string(scopes, ',') as scopes, revoked_at is not null as revoked
         from api_keys where key_id = ?`,
        [keyId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        keyId: text(row.key_id),
        platformId: text(row.platform_id),
        secretSha256: Buffer.from(row.secret_sha256 as Uint8Array),
        scopes: text(row.scopes).split(',').filter(isScope),
        revoked: row.revoked === true,
      };
    },
  };
}
