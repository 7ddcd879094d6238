// Provider submissions per second: dispatch (services/dispatch/src/main.ts) and the provider sandbox
// (services/provider-sandbox/src/main.ts, step delay 0 ms, no callback URL) each as its own process on a fresh
// database; then BENCH_EVENTS payouts.accepted.v1 events (the instruction dispatch keeps) followed by as many
// compliance.decided.v1 `approved` decisions in a live market, published as intake's and compliance's relays would.
// The run has a topic namespace of its own (`bench-…`, KAFKA_TOPIC_NAMESPACE: fresh topics, deleted at the end), so
// dispatch (a consumer group of the run's own, from the topics' beginnings) reads only this run's events and nothing
// else on the machine reads what it publishes; the payouts name a copy of sandbox-global under an id of the run's own.
// Every payout is the sandbox's `success` scenario.
// Measured: provider submissions/s (first to last payout created in the sandbox's database, and to the 99th
// percentile: a send that timed out is resolved by polling and a same-key re-send a minute later), the same from
// dispatch's submitting → pending transitions, status events/s (first to last payouts.status-changed.v1 event of the
// run on Kafka), CPU of dispatch and of the sandbox per payout (its submission and the poll that confirms it), their
// peak RSS. The run ends once every payout is confirmed (learned by polling: the sandbox has no callback URL here).
// Not a test: it prints figures and a Markdown row for bench/RESULTS.md, and exits 1 unless every payout has exactly
// one provider payout in the sandbox's database.
// Run: npm run infra:up && node bench/dispatch/submissions.bench.ts
// Env: BENCH_EVENTS (20000), BENCH_STALL_S (120: give up after this long without progress), and any DISPATCH_* setting
// (the bench's own defaults below are printed with the results).
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { ownNamespace, serviceEnv } from '@sluice/messaging/testing';
import { configuredEndpoints, freshDatabase } from '@sluice/testing';
import pg from 'pg';
import { acceptedEvent, approvedEvent, type BenchPayout, KeyTap, ordinaryAddress, publishEvents } from '../events.ts';
import { codeVersion, machineInfo } from '../machine.ts';
import { programCopy } from '../program-copy.ts';
import { postgresCpuMs, startBenchService, threadCpuDelta } from '../service-process.ts';

const eventCount = Number(process.env.BENCH_EVENTS ?? 20_000);
const stallMs = Number(process.env.BENCH_STALL_S ?? 120) * 1000;
const API_KEY = 'sbx_bench_key_0123456789';
/**
 * Where dispatch's defaults do not fit a throughput run: at most 32 calls in flight, claimed once per 250 ms tick, caps
 * sends at ≈ 128/s whatever the machine. More in flight than the sandbox answers within the provider timeout (3 s)
 * turns sends into `unknown` (256 did on this machine), so the cap is raised less than the tick is shortened.
 * Everything else stays at its default (polling too: with no webhook gateway in this run no callback arrives, so
 * dispatch learns of `completed` by polling 5 s after `pending`, as it would with callbacks lost). Env overrides these.
 */
const TUNING: Record<string, string> = {
  DISPATCH_TICK_MS: '50',
  DISPATCH_MAX_IN_FLIGHT: '64',
  DISPATCH_BATCH_SIZE: '64',
};
const tuning = Object.fromEntries(Object.entries(TUNING).map(([name, value]) => [name, process.env[name] ?? value]));
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure: run `npm run infra:up` first');

const runId = randomBytes(4).toString('hex');
const programId = `bench-${runId}`;
const programs = programCopy(programId);
const dispatchDb = await freshDatabase(infra.postgresUrl, 'dispatch_bench');
const sandboxDb = await freshDatabase(infra.postgresUrl, 'sbx_bench');
const namespace = await ownNamespace(infra, { prefix: 'bench' });
/** This run's payouts in dispatch's tables (anything else there would be another producer's: counted apart). */
const ours = `payout_id like '${programId}-%'`;
const infraEnv = { ...serviceEnv(namespace), LOG_LEVEL: 'warn' };
const sandbox = await startBenchService('provider-sandbox', {
  ...infraEnv,
  SANDBOX_DB_NAME: sandboxDb.name,
  SANDBOX_API_KEYS: API_KEY,
  SANDBOX_STEP_DELAY_MS: '0',
  SANDBOX_CALLBACK_URL: '',
});
const dispatch = await startBenchService('dispatch', {
  ...infraEnv,
  ...tuning,
  DISPATCH_DB_NAME: dispatchDb.name,
  DISPATCH_CONSUMER_GROUP: `dispatch-bench-${runId}`,
  PROGRAMS_DIR: programs.dir,
  SANDBOX_URL: sandbox.url,
  SANDBOX_API_KEY: API_KEY,
});
const dispatchSql = new pg.Client({ connectionString: dispatchDb.url });
const sandboxSql = new pg.Client({ connectionString: sandboxDb.url });
await dispatchSql.connect();
await sandboxSql.connect();
let tap: KeyTap | undefined;
let failed = false;
try {
  const payouts: BenchPayout[] = Array.from({ length: eventCount }, (_, i) => ({
    payoutId: `${programId}-${i}`,
    correlationId: randomUUID(),
    beneficiaryId: `ben-${runId}-${i % 1_000}`,
    programId,
    address: ordinaryAddress(`${runId}-${i % 1_000}`),
    amountMinor: 1_000_000n,
  }));
  const accepted = payouts.map(acceptedEvent);
  const approved = payouts.map((p, i) => approvedEvent(p, accepted[i]!));
  tap = await KeyTap.start(namespace, 'payouts.status-changed.v1', `${programId}-`);
  const load = loadavg()[0]!.toFixed(1);
  const cpu = () => ({ dispatch: dispatch.cpuMs(), sandbox: sandbox.cpuMs(), pg: postgresCpuMs(), at: Date.now() });
  const before = cpu();
  const beforeMain = { dispatch: dispatch.mainThreadCpuMs(), sandbox: sandbox.mainThreadCpuMs() };
  const beforeThreads = { dispatch: dispatch.threadCpuMs(), sandbox: sandbox.threadCpuMs() };
  const publishedAccepted = await publishEvents(namespace, 'payouts.accepted.v1', accepted);
  const publishedApproved = await publishEvents(namespace, 'compliance.decided.v1', approved);
  const publishS = (publishedAccepted.ms + publishedApproved.ms) / 1000;
  process.stderr.write(
    `published ${eventCount} accepted + ${eventCount} approved events in ${publishS.toFixed(1)} s\n`,
  );
  // Done once every payout is confirmed; stuck once no payout of the run changed status for BENCH_STALL_S (dispatch
  // sends first and polls with what is left of its budget, so confirmations may wait for the sends to finish).
  const stalled = await untilStalled(
    'payouts confirmed',
    () => count(dispatchSql, `select count(*) as n from dispatch_payouts where status = 'confirmed' and ${ours}`),
    eventCount,
    () => count(dispatchSql, `select count(*) as n from dispatch_transitions where ${ours}`),
  );
  const after = cpu();
  const afterMain = { dispatch: dispatch.mainThreadCpuMs(), sandbox: sandbox.mainThreadCpuMs() };
  const afterThreads = { dispatch: dispatch.threadCpuMs(), sandbox: sandbox.threadCpuMs() };
  const peakRssMiB = { dispatch: dispatch.peakRssMiB(), sandbox: sandbox.peakRssMiB() };
  // Every status change is one payouts.status-changed.v1 event, published by dispatch's relay after it commits.
  const transitions = await count(dispatchSql, `select count(*) as n from dispatch_transitions where ${ours}`);
  const published = await untilStalled('status events on Kafka', async () => tap!.total(), transitions);
  const figures = await databaseFigures();
  const problems = [stalled, published, ...(await checkOneProviderPayoutEach(payouts))].filter(
    (problem) => problem !== undefined,
  );
  const windowMs = after.at - before.at;
  const statusSpanS = (tap.lastMs - tap.firstMs) / 1000;
  const summary = {
    payouts: eventCount,
    settings: tuning,
    submissions_per_s: rate(figures.created.count, figures.created.spanMs),
    first_to_last_submission_s: Number((figures.created.spanMs / 1000).toFixed(1)),
    submissions_per_s_to_p99: rate(Math.ceil(figures.created.count * 0.99), figures.created.p99SpanMs),
    submitting_to_pending_per_s: rate(figures.submitted, figures.submittedSpanMs),
    status_events: tap.total(),
    status_events_per_s: Math.round((tap.total() - 1) / Math.max(statusSpanS, 0.001)),
    publish_s: Number(publishS.toFixed(1)),
    dispatch_statuses: figures.statuses,
    other_payouts_consumed: figures.others,
    submit_attempts: figures.attempts,
    sandbox_payouts: figures.created.count,
    dispatch_cpu_ms_per_payout: Number(((after.dispatch - before.dispatch) / eventCount).toFixed(3)),
    sandbox_cpu_ms_per_payout: Number(((after.sandbox - before.sandbox) / eventCount).toFixed(3)),
    dispatch_main_thread_busy_pct: Math.round((100 * (afterMain.dispatch - beforeMain.dispatch)) / windowMs),
    dispatch_cpu_ms_per_payout_by_thread: threadCpuDelta(beforeThreads.dispatch, afterThreads.dispatch, eventCount),
    sandbox_cpu_ms_per_payout_by_thread: threadCpuDelta(beforeThreads.sandbox, afterThreads.sandbox, eventCount),
    sandbox_main_thread_busy_pct: Math.round((100 * (afterMain.sandbox - beforeMain.sandbox)) / windowMs),
    postgres_cpu_ms_per_payout_all_backends: Number(((after.pg - before.pg) / eventCount).toFixed(3)),
    dispatch_peak_rss_mib: Math.round(peakRssMiB.dispatch),
    sandbox_peak_rss_mib: Math.round(peakRssMiB.sandbox),
    load_average_at_start: Number(load),
    problems,
  };
  console.log(JSON.stringify(summary, null, 2));
  const n = (value: number) => value.toLocaleString('en-US');
  const settingsText = Object.entries(tuning)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const mainMs = (byThread: Record<string, number>) => byThread.MainThread ?? 0;
  // One row of the table in bench/RESULTS.md, same columns.
  const row = [
    new Date().toISOString().slice(0, 16).replace('T', ' '),
    codeVersion(),
    load,
    `**${n(summary.submissions_per_s)}/s** (${n(summary.submitting_to_pending_per_s)}/s; ${n(summary.submissions_per_s_to_p99)}/s to the 99th percentile)`,
    `${summary.first_to_last_submission_s} s`,
    `${n(summary.status_events_per_s)}/s`,
    `${summary.dispatch_cpu_ms_per_payout} ms (${mainMs(summary.dispatch_cpu_ms_per_payout_by_thread)}), ${summary.sandbox_cpu_ms_per_payout} ms (${mainMs(summary.sandbox_cpu_ms_per_payout_by_thread)})`,
    `${summary.dispatch_main_thread_busy_pct} / ${summary.sandbox_main_thread_busy_pct} %`,
    `${summary.postgres_cpu_ms_per_payout_all_backends} ms`,
    `${summary.dispatch_peak_rss_mib} / ${summary.sandbox_peak_rss_mib} MiB`,
  ];
  console.log(`machine: ${machineInfo()}; ${n(eventCount)} payouts; ${settingsText}`);
  console.log(`| ${row.join(' | ')} |`);
  failed = problems.length > 0;
} finally {
  await tap?.stop();
  await dispatchSql.end();
  await sandboxSql.end();
  await dispatch.stop();
  await sandbox.stop();
  await dispatchDb.drop();
  await sandboxDb.drop();
  await namespace.drop();
  programs.remove();
}
if (failed) process.exit(1);

/**
 * Waits until `done()` reaches `target`; after stallMs in which `progress()` (default: `done()`) did not move, says
 * where it got stuck.
 */
async function untilStalled(
  what: string,
  done: () => Promise<number>,
  target: number,
  progress: () => Promise<number> = done,
): Promise<string | undefined> {
  let last = -1;
  let lastChangeMs = Date.now();
  for (;;) {
    const reached = await done();
    if (reached >= target) return undefined;
    const moved = await progress();
    if (moved !== last) {
      last = moved;
      lastChangeMs = Date.now();
    } else if (Date.now() - lastChangeMs > stallMs) {
      return `${what}: stuck at ${reached} of ${target} for ${stallMs / 1000} s`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
}

/** Dispatch's statuses and submit attempts, the submitting → pending span, and the sandbox's payouts. */
async function databaseFigures() {
  const statuses = await dispatchSql.query<{ status: string | null; n: string }>(
    `select status, count(*) as n from dispatch_payouts where ${ours} group by status order by status`,
  );
  const attempts = await dispatchSql.query<{ outcome: string; n: string }>(
    `select outcome, count(*) as n from dispatch_attempts where operation = 'submit' and ${ours}
      group by outcome order by outcome`,
  );
  const pending = await dispatchSql.query<{ n: string; ms: string | null }>(
    `select count(*) as n, extract(epoch from max(created_at) - min(created_at)) * 1000 as ms
       from dispatch_transitions where from_status = 'submitting' and to_status = 'pending' and ${ours}`,
  );
  return {
    statuses: Object.fromEntries(statuses.rows.map((row) => [row.status ?? 'awaiting_approval', Number(row.n)])),
    attempts: Object.fromEntries(attempts.rows.map((row) => [row.outcome, Number(row.n)])),
    submitted: Number(pending.rows[0]?.n ?? 0),
    submittedSpanMs: Number(pending.rows[0]?.ms ?? 0),
    created: await createdAtProvider(),
    others: await count(dispatchSql, `select count(*) as n from dispatch_payouts where not (${ours})`),
  };
}

/** Payouts the sandbox created: how many, and the time from the first to the last and to the 99th percentile. */
async function createdAtProvider() {
  const rows = await sandboxSql.query<{ ms: string }>(
    'select extract(epoch from created_at) * 1000 as ms from sbx_payouts order by created_at',
  );
  const times = rows.rows.map((row) => Number(row.ms));
  const first = times[0] ?? 0;
  const p99 = times[Math.max(0, Math.ceil(times.length * 0.99) - 1)] ?? first;
  return { count: times.length, spanMs: (times.at(-1) ?? first) - first, p99SpanMs: p99 - first };
}

/** Events per second from the first to the last of `count` events `spanMs` apart. */
function rate(count: number, spanMs: number): number {
  return Math.round((count - 1) / Math.max(spanMs / 1000, 0.001));
}

/** Exactly one provider payout per published payout, by client reference, and none for anything else. */
async function checkOneProviderPayoutEach(payouts: readonly BenchPayout[]): Promise<string[]> {
  const rows = await sandboxSql.query<{ ref: string; n: string }>(
    'select client_reference as ref, count(*) as n from sbx_payouts group by client_reference',
  );
  const perPayout = new Map(rows.rows.map((row) => [row.ref, Number(row.n)]));
  const problems: string[] = [];
  const missing = payouts.filter((p) => !perPayout.has(p.payoutId)).length;
  const doubled = [...perPayout.values()].filter((n) => n > 1).length;
  const strays = perPayout.size - (payouts.length - missing);
  if (missing > 0) problems.push(`${missing} payouts without a provider payout`);
  if (doubled > 0) problems.push(`${doubled} payouts with more than one provider payout`);
  if (strays > 0) problems.push(`${strays} provider payouts for payouts this run never published`);
  return problems;
}
