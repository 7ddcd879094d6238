// The whole pipeline at a fixed offered rate: every service as its own process on real Kafka, the registry and
// PostgreSQL; payouts offered over REST (and, in a second run, over payouts.requested.v1) in an open model; a payout
// is done when its settle entry is on ledger.entries-posted.v1. Not a test: it prints figures and a Markdown block for
// bench/RESULTS.md, and exits 1 when the services' databases show a payout lost or doubled.
// Run: npm run bench:e2e   Env: BENCH_RATE (300/s), BENCH_DURATION_S (300), BENCH_VIA (rest,topic), BENCH_PAYEES
// (200), BENCH_STEP_DELAY_MS (sandbox step delay range, "0-50"), BENCH_SAMPLE_S (5), BENCH_DRAIN_S (120).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { infraUp } from '@sluice/cli/infra';
import { type Stack, startStack } from '@sluice/cli/stack';
import { TOPICS } from '@sluice/contracts';
import { createKafka, ensureNamespaceTopics, kafkaTopicName, withDeadLetterTopics } from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import { freshDatabase, type TestDatabase } from '@sluice/testing';
import type { Admin } from 'kafkajs';
import { memoryMiB } from '../service-process.ts';
import { type Offered, offerOverRest, offerOverTopic } from './load.ts';
import { type Sample, startSampler, tapSettlements, type Watched } from './observe.ts';
import { preparePayees } from './prepare.ts';
import { report } from './report.ts';
import { verifyRun } from './verify.ts';
import { watchedProcesses } from './watched.ts';

const ratePerS = Number(process.env.BENCH_RATE ?? 300);
const durationS = Number(process.env.BENCH_DURATION_S ?? 300);
const vias = (process.env.BENCH_VIA ?? 'rest,topic').split(',') as ('rest' | 'topic')[];
const payeeCount = Number(process.env.BENCH_PAYEES ?? 200);
const [stepMinMs, stepMaxMs] = (process.env.BENCH_STEP_DELAY_MS ?? '0-50').split('-').map(Number);
const sampleMs = Number(process.env.BENCH_SAMPLE_S ?? 5) * 1000;
const drainMs = Number(process.env.BENCH_DRAIN_S ?? 120) * 1000;
const AMOUNT_MINOR = 1_000_000n;

const CONSUMES = {
  intake: ['payouts.requested.v1', 'compliance.decided.v1', 'payouts.status-changed.v1'],
  compliance: ['payouts.accepted.v1'],
  dispatch: ['payouts.accepted.v1', 'compliance.decided.v1', 'provider.callbacks-received.v1'],
  ledger: ['payouts.status-changed.v1'],
} as const;
const STAGES = [
  'payouts.requested.v1',
  'payouts.accepted.v1',
  'compliance.decided.v1',
  'dispatch.attempted.v1',
  'payouts.status-changed.v1',
  'provider.callbacks-received.v1',
  'ledger.entries-posted.v1',
];
const DB_ENV = {
  intake: 'INTAKE_DB_NAME',
  compliance: 'COMPLIANCE_DB_NAME',
  dispatch: 'DISPATCH_DB_NAME',
  'webhook-gateway': 'WEBHOOK_DB_NAME',
  ledger: 'LEDGER_DB_NAME',
  'provider-sandbox': 'SANDBOX_DB_NAME',
} as const;

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = createKafka({
    clientId: 'sluice-bench',
    brokers: endpoints.kafkaBrokers,
    logger: createLogger('bench', 'fatal'),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

const log = (line: string) => process.stderr.write(`[e2e] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const endpoints = await infraUp({ log: (line) => log(line) });
let failed = false;
// An interrupted run stops its services: they would otherwise hold the stack's ports after the bench is gone.
let running: Stack | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
}
for (const via of vias) {
  const runId = `e2e-${randomBytes(3).toString('hex')}`;
  // Topics of this run only: new consumer groups read from the beginning, and nothing the run publishes reaches a
  // developer's `npm start` (default namespace) or a later run.
  const namespace = `bench-${runId}`;
  const kafkaTopic = (topic: string) => kafkaTopicName(namespace, topic);
  await withAdmin((admin) => ensureNamespaceTopics(admin, namespace, Object.keys(TOPICS)));
  const databases: Record<string, TestDatabase> = {};
  for (const service of Object.keys(DB_ENV))
    databases[service] = await freshDatabase(endpoints.postgresUrl, `e2e_${service.replaceAll('-', '_')}`);
  const groups = Object.fromEntries(Object.keys(CONSUMES).map((service) => [service, `${runId}-${service}`]));
  const sharedEnv: Record<string, string> = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    KAFKA_TOPIC_NAMESPACE: namespace,
    ...Object.fromEntries(Object.entries(DB_ENV).map(([service, variable]) => [variable, databases[service]!.name])),
  };
  log(
    `${via}: starting the stack (run ${runId}, databases ${Object.values(databases)
      .map((d) => d.name)
      .join(', ')})`,
  );
  const stack: Stack = await startStack(process.cwd(), endpoints, {
    sharedEnv,
    credentialsFile: 'bench-e2e-credentials.json',
    log,
    extraEnv: {
      intake: {
        INTAKE_CONSUMER_GROUP: groups.intake!,
        INTAKE_RATE_LIMIT_PER_SECOND: String(ratePerS * 4),
        INTAKE_RATE_LIMIT_BURST: String(ratePerS * 4),
      },
      compliance: { COMPLIANCE_CONSUMER_GROUP: groups.compliance! },
      dispatch: { DISPATCH_CONSUMER_GROUP: groups.dispatch! },
      ledger: { LEDGER_CONSUMER_GROUP: groups.ledger! },
      'provider-sandbox': {
        SANDBOX_STEP_DELAY_MS: String(stepMinMs),
        SANDBOX_STEP_DELAY_MAX_MS: String(stepMaxMs ?? stepMinMs),
      },
    },
  });
  running = stack;
  try {
    const payees = await preparePayees(stack, payeeCount, 10n ** 13n);
    log(`${via}: ${payees.length} payees ready; offering ${ratePerS}/s for ${durationS} s`);
    const tap = await tapSettlements(endpoints, kafkaTopic('ledger.entries-posted.v1'), `${runId}-tap`);
    const watched: Watched[] = watchedProcesses(stack);
    const sampler = await startSampler({
      brokers: endpoints.kafkaBrokers,
      postgresUrl: endpoints.postgresUrl,
      groups: Object.fromEntries(
        Object.entries(CONSUMES).map(([service, topics]) => [groups[service]!, topics.map(kafkaTopic)]),
      ),
      topics: Object.fromEntries(STAGES.map((topic) => [topic, kafkaTopic(topic)])),
      databases: Object.fromEntries(
        Object.entries(databases)
          .filter(([s]) => s !== 'provider-sandbox')
          .map(([s, d]) => [s, d.name]),
      ),
      serviceUrls: stack.urls,
      watched,
    });
    const samples: Sample[] = [await sampler.sample()];
    let sampling = true;
    const sampling$ = (async () => {
      while (sampling) {
        await sleep(sampleMs);
        // A broker or database too busy to answer in time costs a sample, never the run.
        const sample = await sampler.sample().catch((error: unknown) => {
          log(`sample skipped: ${(error as Error).message}`);
          return undefined;
        });
        if (sample) samples.push(sample);
      }
    })();
    const startedMs = Date.now();
    const loadAtStart = loadavg()[0] ?? 0;
    const load = { ratePerS, durationS, payees, runId, amountMinor: AMOUNT_MINOR };
    const offered: Offered =
      via === 'rest'
        ? await offerOverRest(stack.urls.intake, stack.credentials.platform.apiKey, load)
        : await offerOverTopic(
            endpoints,
            kafkaTopic('payouts.requested.v1'),
            stack.credentials.platform.platformId,
            load,
          );
    const loadEndedMs = Date.now();
    log(`${via}: load done (${offered.offered} offered, ${offered.admitted} admitted); waiting for settlements`);
    // What the pipeline has not settled BENCH_DRAIN_S after the load ended is reported as still in flight.
    while (tap.settled.length < offered.admitted && Date.now() - loadEndedMs < drainMs) await sleep(500);
    await sleep(sampleMs);
    sampling = false;
    await sampling$;
    samples.push(await sampler.sample());
    await sampler.stop();
    await tap.stop();
    const verdict = await verifyRun(
      endpoints.postgresUrl,
      { intake: databases.intake!.name, sandbox: databases['provider-sandbox']!.name, ledger: databases.ledger!.name },
      runId,
      tap.settled.length >= offered.admitted,
    );
    const peakRssMiB = Object.fromEntries(
      watched.map((w) => [w.name, w.pids().reduce((sum, pid) => sum + memoryMiB(pid).peak, 0)]),
    );
    process.stdout.write(
      report({
        via,
        ratePerS,
        durationS,
        payeeCount,
        step: `${stepMinMs}–${stepMaxMs} ms`,
        startedMs,
        loadEndedMs,
        offered,
        settled: tap.settled,
        samples,
        verdict,
        peakRssMiB,
        loadAtStart,
      }),
    );
    if (verdict.problems.length > 0 || tap.settled.length < offered.admitted) failed = true;
  } finally {
    await stack.stop();
    for (const database of Object.values(databases)) await database.drop().catch(() => undefined);
    await withAdmin((admin) =>
      admin.deleteTopics({ topics: withDeadLetterTopics(Object.keys(TOPICS)).map(kafkaTopic) }),
    ).catch(() => undefined);
  }
}
process.exit(failed ? 1 : 0);
