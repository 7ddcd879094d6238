import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The v1 topics of ARCHITECTURE.md §3. Used only while schemas/ holds no .avsc files yet; once it does, the
 * schema files are the single source of topic names.
 */
export const V1_TOPICS = [
  'payouts.requested.v1',
  'payouts.accepted.v1',
  'payouts.rejected.v1',
  'compliance.decided.v1',
  'payouts.status-changed.v1',
  'dispatch.attempted.v1',
  'provider.callbacks-received.v1',
  'ledger.entries-posted.v1',
  'reconciliation.discrepancy-detected.v1',
  'reconciliation.day-closed.v1',
] as const;

/** `<domain>.<past-tense-fact>.v<major>` (ARCHITECTURE.md §3). */
export const TOPIC_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** Topics derived from schema files, and the .avsc files that name no topic (reported, never created). */
export interface SchemaTopics {
  readonly source: 'schemas' | 'architecture-fallback';
  readonly topics: readonly string[];
  readonly ignored: readonly string[];
}

/**
 * Topics named by schema files given relative to schemas/ (`<domain>/<topic>.avsc`). A file at another depth or
 * whose basename is not a topic name (a shared record type, say) is ignored rather than turned into a topic.
 */
export function topicsFromSchemaFiles(relativeFiles: readonly string[]): { topics: string[]; ignored: string[] } {
  const topics = new Set<string>();
  const ignored: string[] = [];
  for (const file of relativeFiles) {
    const parts = file.split(/[\\/]/);
    const basename = path.basename(file, '.avsc');
    if (parts.length === 2 && file.endsWith('.avsc') && TOPIC_NAME.test(basename)) topics.add(basename);
    else ignored.push(file);
  }
  return { topics: [...topics].sort(), ignored };
}

function avscFilesUnder(schemasDir: string): string[] {
  let domains: string[];
  try {
    domains = readdirSync(schemasDir);
  } catch {
    return [];
  }
  return domains
    .filter((domain) => statSync(path.join(schemasDir, domain)).isDirectory())
    .flatMap((domain) =>
      readdirSync(path.join(schemasDir, domain))
        .filter((file) => file.endsWith('.avsc'))
        .map((file) => `${domain}/${file}`),
    );
}

/** The topics to create: from schemas/ when it names any, else the ARCHITECTURE.md v1 list. */
export function readSchemaTopics(schemasDir: string): SchemaTopics {
  const { topics, ignored } = topicsFromSchemaFiles(avscFilesUnder(schemasDir));
  if (topics.length === 0) return { source: 'architecture-fallback', topics: [...V1_TOPICS], ignored };
  return { source: 'schemas', topics, ignored };
}
