// Risk retired: dispatch dies while a create call is in flight and, on restart, either forgets the payout or sends it
// again; the expired lease must make it `unknown` and the provider's own record must resolve it (one payout).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelope } from '@sluice/messaging';
import {
  positionGroupAtEnd,
  publishEvents,
  serviceEnv,
  type TestInfra,
  testNamespace,
} from '@sluice/messaging/testing';
import { freshDatabase, repoRoot, requireInfra, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';
import pg from 'pg';
import { CONSUMED } from './support/harness.ts';
import { acceptedPayload, decisionPayload, type TestPayout, testPayout } from './support/payouts.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

interface Row {
  status: string | null;
  send_state: string | null;
  status_reason: string | null;
  idempotency_key: string | null;
}

suite('dispatch killed mid-call', () => {
  let sandbox: SandboxProcess;
  let scoped: TestInfra;
  let dispatchDb: TestDatabase;
  let programsDir: string;
  let programId: string;
  let sql: pg.Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The sandbox holds its first answer for 3 s: long enough to kill dispatch while the call is in flight.
    sandbox = await startSandboxProcess(infra!, { SANDBOX_TIMEOUT_DELAY_MS: '3000' });
    scoped = await testNamespace(infra!);
    dispatchDb = await freshDatabase(infra!.postgresUrl, 'dispatch_crash');
    programId = `dispatch-it-${randomBytes(3).toString('hex')}`;
    programsDir = mkdtempSync(join(tmpdir(), 'dispatch-programs-'));
    const sample = readFileSync(join(repoRoot(), 'config/programs/sandbox-global.yaml'), 'utf8');
    writeFileSync(join(programsDir, `${programId}.yaml`), sample.replace(/^id: sandbox-global$/m, `id: ${programId}`));
    sql = new pg.Client({ connectionString: dispatchDb.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await sql?.end().catch(() => undefined);
    await dispatchDb?.drop();
    await sandbox?.stop();
    if (programsDir) rmSync(programsDir, { recursive: true, force: true });
  });

  /** A dispatch process whose consumer group starts at the topics' ends: nothing sent after this call is missed. */
  const startDispatchProcess = async (): Promise<ChildProcess> => {
    // A fresh group each time: the killed member would hold the old one until its session times out.
    const group = uniqueName('dispatch-crash');
    await positionGroupAtEnd(scoped, group, CONSUMED);
    const child = spawn(process.execPath, [join(repoRoot(), 'services/dispatch/src/main.ts')], {
      env: dispatchEnv(scoped, {
        DISPATCH_DB_NAME: dispatchDb.name,
        DISPATCH_CONSUMER_GROUP: group,
        PROGRAMS_DIR: programsDir,
        SANDBOX_URL: sandbox.url,
        SANDBOX_API_KEY: sandbox.apiKey,
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  /** Sends an event about `p` as its producing service would. */
  const send = (topic: string, payload: Record<string, unknown>, p: TestPayout) =>
    publishEvents(scoped, topic, [
      {
        key: p.payoutId,
        event: {
          ...envelope(topic, 'dispatch-it', { correlationId: p.correlationId, payoutId: p.payoutId }),
          ...payload,
        },
      },
    ]);

  const row = async (payoutId: string): Promise<Row | undefined> =>
    (
      await sql.query<Row>(
        'select status, send_state, status_reason, idempotency_key from dispatch_payouts where payout_id = $1',
        [payoutId],
      )
    ).rows[0];

  test('the expired lease makes the payout unknown; the restarted dispatch resolves it to one provider payout', async () => {
    const first = await startDispatchProcess();
    await waitFor(
      async () => ((await sql.query("select to_regclass('dispatch_payouts') as t")).rows[0]?.t ? true : undefined),
      { timeoutMs: 60_000, description: 'dispatch migrated' },
    );

    const p = testPayout(programId, 'timeout');
    await send('payouts.accepted.v1', acceptedPayload(p), p);
    await send('compliance.decided.v1', decisionPayload(p, 'approved'), p);
    await waitFor(async () => (await row(p.payoutId))?.send_state === 'sending', {
      description: 'create call in flight',
    });
    // The provider has the payout and is still holding its answer: the call is in flight right now.
    await waitFor(async () => (await sandbox.payoutsFor(p.payoutId)).length === 1, {
      description: 'call at the provider',
    });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(await row(p.payoutId)).toMatchObject({ status: 'submitting', send_state: 'sending' });

    await startDispatchProcess();
    const done = await waitFor(
      async () => {
        const current = await row(p.payoutId);
        return current?.status === 'confirmed' ? current : undefined;
      },
      { timeoutMs: 60_000, description: 'payout confirmed after the restart' },
    ).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}; row: ${JSON.stringify(await row(p.payoutId))}`);
    });
    const path = await sql.query<{ to_status: string; reason: string; source: string }>(
      'select to_status, reason, source from dispatch_transitions where payout_id = $1 order by id',
      [p.payoutId],
    );
    expect(path.rows[0]).toMatchObject({ to_status: 'submitting' });
    expect(path.rows[1]).toMatchObject({ to_status: 'unknown', reason: 'submit_interrupted', source: 'submit' });
    expect(path.rows.at(-1)).toMatchObject({ to_status: 'confirmed', source: 'poll' });
    const records = await sandbox.payoutsFor(p.payoutId);
    expect(records).toHaveLength(1);
    expect(records[0]!.idempotency_key).toBe(done.idempotency_key);
  });
});

/** Env of a dispatch process for this drill: fast loop, 4 s provider timeout, a short lease margin. */
function dispatchEnv(infra: TestInfra, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    ...serviceEnv(infra),
    DISPATCH_PROVIDER_TIMEOUT_MS: '4000',
    DISPATCH_LEASE_MARGIN_MS: '500',
    DISPATCH_TICK_MS: '50',
    DISPATCH_POLL_AFTER_MS: '300',
    DISPATCH_POLL_MAX_MS: '1000',
    DISPATCH_UNKNOWN_RESEND_AFTER_MS: '1000',
    ...extra,
  };
}
