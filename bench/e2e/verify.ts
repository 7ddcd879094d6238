import pg from 'pg';

/** What the services' own databases say about one run; every list should be empty. */
export interface Verdict {
  readonly admitted: number;
  /** Lost or doubled payouts: always a failed run. */
  readonly problems: string[];
  /** What had not got through yet when the run stopped waiting (empty when it drained). */
  readonly inFlight: string[];
}

const LIST_AT_MOST = 5;

async function column(postgresUrl: string, database: string, sql: string, params: unknown[] = []): Promise<string[]> {
  const client = new pg.Client({ connectionString: `${postgresUrl}/${database}` });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(sql, params);
    return result.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

const counts = (ids: readonly string[]) => {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  return seen;
};

/**
 * Nothing lost, nothing doubled, read from each service's database: every payout intake admitted for this run has
 * exactly one provider payout at the sandbox (by client reference), exactly one reserve and exactly one settle entry
 * in the ledger, and nothing exists downstream that intake never admitted. When the run stopped before the pipeline
 * drained, payouts not yet at a stage are reported as in flight rather than lost; doubles are failures either way.
 */
export async function verifyRun(
  postgresUrl: string,
  databases: { intake: string; sandbox: string; ledger: string },
  runId: string,
  drained: boolean,
): Promise<Verdict> {
  const admitted = await column(
    postgresUrl,
    databases.intake,
    "select id::text as id from payouts where metadata->>'bench' = $1",
    [runId],
  );
  const atProvider = counts(
    await column(postgresUrl, databases.sandbox, 'select client_reference as id from sbx_payouts'),
  );
  const entries = async (type: string) =>
    counts(
      await column(postgresUrl, databases.ledger, 'select payout_id as id from journal_entries where entry_type = $1', [
        type,
      ]),
    );
  const [reserves, settles] = [await entries('reserve'), await entries('settle')];
  const problems: string[] = [];
  const inFlight: string[] = [];
  const check = (what: string, found: Map<string, number>) => {
    const doubled = admitted.filter((id) => (found.get(id) ?? 0) > 1);
    if (doubled.length > 0) {
      const sample = doubled.slice(0, LIST_AT_MOST).map((id) => `${id}×${found.get(id)}`);
      problems.push(`${doubled.length} admitted payouts with more than one ${what} (${sample.join(', ')})`);
    }
    // A payout without one yet is lost only once the pipeline has drained; before, it is still in flight.
    const missing = admitted.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const sample = missing.slice(0, LIST_AT_MOST).join(', ');
      (drained ? problems : inFlight).push(`${missing.length} without a ${what}${drained ? ` (${sample})` : ''}`);
    }
    const known = new Set(admitted);
    const strays = [...found.keys()].filter((id) => !known.has(id));
    if (strays.length > 0) problems.push(`${strays.length} ${what}s for payouts intake never admitted in this run`);
  };
  check('provider payout', atProvider);
  check('reserve entry', reserves);
  check('settle entry', settles);
  return { admitted: admitted.length, problems, inFlight };
}
