// Risk retired: dispatch dies while a create call is in flight and, on restart, either forgets the payout or sends it
// again; the expired lease must make it `unknown` and the provider's own record must resolve it (one payout).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { avroOptions, TOPICS } from '@sluice/contracts';
import { createMessaging, frame, type Messaging } from '@sluice/messaging';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import {
  freshDatabase,
  type InfraEndpoints,
  repoRoot,
  requireInfra,
  type TestDatabase,
  uniqueName,
  waitFor,
} from '@sluice/testing';
import pg from 'pg';
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
  let dispatchDb: TestDatabase;
  let publisherDb: TestDatabase;
  let publisherStore: Database;
  let messaging: Messaging;
  let programsDir: string;
  let programId: string;
  let sql: pg.Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The sandbox holds its first answer for 3 s: long enough to kill dispatch while the call is in flight.
    sandbox = await startSandboxProcess(infra!, { SANDBOX_TIMEOUT_DELAY_MS: '3000' });
    dispatchDb = await freshDatabase(infra!.postgresUrl, 'dispatch_crash');
    publisherDb = await freshDatabase(infra!.postgresUrl, 'dispatch_pub');
    publisherStore = await openDatabase({ serverUrl: infra!.postgresUrl, dbName: publisherDb.name });
    messaging = await createMessaging({
      service: 'dispatch-it',
      brokers: infra!.kafkaBrokers,
      registryUrl: infra!.schemaRegistryUrl,
      db: publisherStore,
      topics: TOPICS,
      avroOptions: avroOptions(),
      logger: createLogger('dispatch-it', 'warn'),
      metricsRegistry: createMetrics('dispatch-it').registry,
    });
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
    await messaging?.close();
    await publisherStore?.close();
    await publisherDb?.drop();
    await dispatchDb?.drop();
    await sandbox?.stop();
    if (programsDir) rmSync(programsDir, { recursive: true, force: true });
  });

  const startDispatchProcess = (): ChildProcess => {
    const child = spawn(process.execPath, [join(repoRoot(), 'services/dispatch/src/main.ts')], {
      env: dispatchEnv(infra!, {
        DISPATCH_DB_NAME: dispatchDb.name,
        // A fresh group each time: the killed member would hold the old one until its session times out.
        DISPATCH_CONSUMER_GROUP: uniqueName('dispatch-crash'),
        PROGRAMS_DIR: programsDir,
        SANDBOX_URL: sandbox.url,
        SANDBOX_API_KEY: sandbox.apiKey,
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  const send = async (topic: string, payload: Record<string, unknown>, p: TestPayout, partition?: number) => {
    const { event } = messaging.outbox.event(topic, payload, { correlationId: p.correlationId, payoutId: p.payoutId });
    const value = frame(await messaging.registry.schemaId(topic), messaging.codec.encode(topic, event));
    await messaging.producer.send({
      topic,
      messages: [{ key: p.payoutId, value, ...(partition === undefined ? {} : { partition }) }],
    });
  };

  const row = async (payoutId: string): Promise<Row | undefined> =>
    (
      await sql.query<Row>(
        'select status, send_state, status_reason, idempotency_key from dispatch_payouts where payout_id = $1',
        [payoutId],
      )
    ).rows[0];

  /** Sends probes to every partition until one round is recorded: the throwaway group has its offsets. */
  const awaitPositioned = async () => {
    const admin = messaging.kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: ['payouts.accepted.v1', 'compliance.decided.v1'] });
    await admin.disconnect();
    await waitFor(
      async () => {
        const ids: string[] = [];
        for (const topic of metadata.topics) {
          for (const { partitionId } of topic.partitions) {
            const probe = testPayout(programId, 'success', { payoutId: `probe-${randomBytes(8).toString('hex')}` });
            ids.push(probe.payoutId);
            const payload: Record<string, unknown> =
              topic.name === 'payouts.accepted.v1' ? acceptedPayload(probe) : decisionPayload(probe, 'held');
            await send(topic.name, payload, probe, partitionId);
          }
        }
        const recorded = async () => {
          const found = await sql.query('select 1 from dispatch_payouts where payout_id = any($1)', [ids]);
          return found.rowCount === ids.length ? true : undefined;
        };
        return waitFor(recorded, { timeoutMs: 5_000, intervalMs: 100 }).catch(() => false);
      },
      { timeoutMs: 90_000, intervalMs: 0, description: 'dispatch process consuming every partition' },
    );
  };

  test('the expired lease makes the payout unknown; the restarted dispatch resolves it to one provider payout', async () => {
    const first = startDispatchProcess();
    await waitFor(
      async () => ((await sql.query("select to_regclass('dispatch_payouts') as t")).rows[0]?.t ? true : undefined),
      { timeoutMs: 60_000, description: 'dispatch migrated' },
    );
    await awaitPositioned();

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

    startDispatchProcess();
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
function dispatchEnv(infra: InfraEndpoints, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
    DATABASE_URL: infra.postgresUrl,
    DISPATCH_CONSUMER_FROM_BEGINNING: 'false',
    DISPATCH_PROVIDER_TIMEOUT_MS: '4000',
    DISPATCH_LEASE_MARGIN_MS: '500',
    DISPATCH_TICK_MS: '50',
    DISPATCH_POLL_AFTER_MS: '300',
    DISPATCH_POLL_MAX_MS: '1000',
    DISPATCH_UNKNOWN_RESEND_AFTER_MS: '1000',
    ...extra,
  };
}
