import type { EntityManager } from '@sluice/persistence';
import { date, json, query, text } from '@sluice/persistence';
import type { AuditEntry, AuditRepository, ProgramVersionRepository } from '../../app/ports.ts';

/** The audit log: append-only; every operator action and every automatic hold change lands here. */
export function auditStore(em: EntityManager): AuditRepository {
  return {
    async append(e) {
      await query(
        em,
        'insert into audit_log (at, actor, action, subject_type, subject_id, detail) values (?, ?, ?, ?, ?, ?::jsonb)',
        [e.at, e.actor, e.action, e.subjectType, e.subjectId, JSON.stringify(e.detail)],
      );
    },

    async forSubject(subjectType, subjectId) {
      const rows = await query(
        em,
        'select * from audit_log where subject_type = ? and subject_id = ? order by id limit 1000',
        [subjectType, subjectId],
      );
      return rows.map(
        (row): AuditEntry => ({
          at: date(row.at),
          actor: text(row.actor),
          action: text(row.action),
          subjectType: text(row.subject_type) as AuditEntry['subjectType'],
          subjectId: text(row.subject_id),
          detail: json<Record<string, unknown>>(row.detail),
        }),
      );
    },
  };
}

/** Every program content ever loaded, by hash: a config change is visible even without a version bump. */
export function programVersionStore(em: EntityManager): ProgramVersionRepository {
  return {
    async record(program, at) {
      const rows = await query(
        em,
        `insert into program_versions (program_id, content_hash, version, file, first_loaded_at) values (?, ?, ?, ?, ?)
         on conflict do nothing returning 1 as created`,
        [program.id, program.contentHash, program.version, program.file, at],
      );
      return rows.length === 1;
    },
  };
}
