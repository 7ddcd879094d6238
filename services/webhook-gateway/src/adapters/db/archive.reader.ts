import type { Database } from '@sluice/persistence';
import type { ArchiveReader, CallbackFilter, RejectionFilter } from '../../app/ports.ts';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

const CALLBACK_COLUMNS = `id, provider, provider_event_id, event_type, outcome, provider_reference, client_reference, payout_id,
  provider_status, scheme, key_id, verdict, needs_confirmation, signed_at, raw_body_sha256, source_address, received_at,
  event_id, duplicate_count, mismatched_duplicate_count, last_duplicate_at`;

function callbackView(row: Row): Record<string, unknown> {
  return {
    id: row.id,
    provider: row.provider,
    provider_event_id: row.provider_event_id,
    event_type: row.event_type,
    outcome: row.outcome,
    provider_reference: row.provider_reference,
    client_reference: row.client_reference,
    payout_id: row.payout_id,
    provider_status: row.provider_status,
    verification: { scheme: row.scheme, key_id: row.key_id, verdict: row.verdict },
    needs_confirmation: row.needs_confirmation,
    signed_at: iso(row.signed_at),
    received_at: iso(row.received_at),
    source_address: row.source_address,
    event_id: row.event_id,
    duplicates: {
      count: Number(row.duplicate_count),
      with_other_body: Number(row.mismatched_duplicate_count),
      last_at: iso(row.last_duplicate_at),
    },
    raw_body_sha256: row.raw_body_sha256,
  };
}

function rejectionView(row: Row): Record<string, unknown> {
  return {
    id: row.id,
    provider: row.provider,
    reason: row.reason,
    verdict: row.verdict,
    scheme: row.scheme,
    key_id: row.key_id,
    detail: row.detail,
    headers: json(row.headers),
    body_bytes: Number(row.body_bytes),
    raw_body_sha256: row.raw_body_sha256,
    source_address: row.source_address,
    received_at: iso(row.received_at),
  };
}

/** Builds `where` clauses from the filters that are set; values always go in as parameters. */
function where(conditions: readonly [string, unknown][]): { sql: string; params: unknown[] } {
  const set = conditions.filter(([, value]) => value !== undefined);
  return {
    sql: set.length ? `where ${set.map(([column]) => `${column} = ?`).join(' and ')}` : '',
    params: set.map(([, v]) => v),
  };
}

/** SQL reads over the archive; the single-callback view adds the raw body (base64) and the archived headers. */
export function sqlArchiveReader(db: Database): ArchiveReader {
  return {
    async callback(id) {
      const [row] = await db
        .fork()
        .execute<Row[]>(`select ${CALLBACK_COLUMNS}, headers, raw_body from webhook_callbacks where id = ?`, [id]);
      if (!row) return null;
      return {
        ...callbackView(row),
        headers: json(row.headers),
        raw_body_base64: (row.raw_body as Buffer).toString('base64'),
      };
    },
    async callbacks(filter: CallbackFilter) {
      const clause = where([
        ['payout_id', filter.payoutId],
        ['provider', filter.provider],
        ['provider_reference', filter.providerReference],
        ['provider_event_id', filter.providerEventId],
      ]);
      const rows = await db
        .fork()
        .execute<Row[]>(
          `select ${CALLBACK_COLUMNS} from webhook_callbacks ${clause.sql} order by received_at desc, id desc limit ?`,
          [...clause.params, filter.limit],
        );
      return rows.map(callbackView);
    },
    async rejections(filter: RejectionFilter) {
      const clause = where([
        ['provider', filter.provider],
        ['reason', filter.reason],
      ]);
      const rows = await db
        .fork()
        .execute<Row[]>(`select * from webhook_rejections ${clause.sql} order by received_at desc, id desc limit ?`, [
          ...clause.params,
          filter.limit,
        ]);
      return rows.map(rejectionView);
    },
  };
}
