// Compliance decisions per second: compliance as its own process (services/compliance/src/main.ts) on a fresh database,
// a program and BENCH_BENEFICIARIES beneficiaries with verified KYC and a W-9 recorded through its operator API, then
// BENCH_EVENTS payouts.accepted.v1 events published as intake's relay would (Avro, registry schema id, keyed by
// payout).
// Every payout passes every gate of the US market (market mode, KYC, sanctions, KYT, tax artifacts, limits) and is
// approved. The run has a topic namespace of its own (`bench-…`, KAFKA_TOPIC_NAMESPACE: fresh topics, deleted at the
// end), so compliance (a consumer group of the run's own, from the topics' beginnings) reads only this run's events and
// nothing else on the machine reads them; the payouts name a copy of sandbox-global under an id of the run's own.
// Not a test: it prints figures and a Markdown row for bench/RESULTS.md, and exits 1 unless every event got exactly one
// decision (in compliance's database and on compliance.decided.v1).
// Run: npm run infra:up && node bench/compliance/decisions.bench.ts
// Env: BENCH_EVENTS (50000), BENCH_BENEFICIARIES (1000), BENCH_STALL_S (120: give up after this long without progress).
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { complianceClient, seedOperators } from '@sluice/compliance';
import { ownNamespace, serviceEnv } from '@sluice/messaging/testing';
import { configuredEndpoints, freshDatabase } from '@sluice/testing';
import pg from 'pg';
import { acceptedEvent, type BenchPayout, KeyTap, ordinaryAddress, publishEvents } from '../events.ts';
import { codeVersion, machineInfo } from '../machine.ts';
import { programCopy } from '../program-copy.ts';
import { postgresCpuMs, startBenchService, threadCpuDelta } from '../service-process.ts';

const eventCount = Number(process.env.BENCH_EVENTS ?? 50_000);
const beneficiaryCount = Number(process.env.BENCH_BENEFICIARIES ?? 1_000);
const stallMs = Number(process.env.BENCH_STALL_S ?? 120) * 1000;
const SEED_CONCURRENCY = 8;
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure: run `npm run infra:up` first');

const runId = randomBytes(4).toString('hex');
const programId = `bench-${runId}`;
// The program's daily limit (1,000,000 USDC) must hold the whole run: 10 USDC each, less when there are more events.
const amountMinor = BigInt(Math.min(10_000_000, Math.floor(900_000_000_000 / eventCount)));
const programs = programCopy(programId);
const scratch = await freshDatabase(infra.postgresUrl, 'compliance_bench');
const namespace = await ownNamespace(infra, { prefix: 'bench' });
const operator = (await seedOperators({ DATABASE_URL: infra.postgresUrl, COMPLIANCE_DB_NAME: scratch.name })).find(
  (o) => o.role === 'operator',
);
if (!operator) throw new Error('seedOperators issued no operator');
const settings = {
  ...serviceEnv(namespace),
  LOG_LEVEL: 'warn',
  COMPLIANCE_DB_NAME: scratch.name,
  COMPLIANCE_CONSUMER_GROUP: `compliance-bench-${runId}`,
  COMPLIANCE_PROGRAMS_DIR: programs.dir,
  // Only the set-up calls go through HTTP; the default (50/s) would make seeding the beneficiaries the benchmark.
  COMPLIANCE_RATE_LIMIT_PER_SECOND: '1000000',
  COMPLIANCE_RATE_LIMIT_BURST: '1000000',
};
const compliance = await startBenchService('compliance', settings);
const db = new pg.Client({ connectionString: scratch.url });
await db.connect();
let tap: KeyTap | undefined;
let failed = false;
try {
  const beneficiaries = await seedBeneficiaries(compliance.url, operator.token);
  const payouts: BenchPayout[] = Array.from({ length: eventCount }, (_, i) => {
    const beneficiary = beneficiaries[i % beneficiaries.length]!;
    return {
      payoutId: `${programId}-${i}`,
      correlationId: randomUUID(),
      beneficiaryId: beneficiary.id,
      programId,
      address: beneficiary.address,
      amountMinor,
    };
  });
  const events = payouts.map(acceptedEvent);
  tap = await KeyTap.start(namespace, 'compliance.decided.v1', `${programId}-`);
  const load = loadavg()[0]!.toFixed(1);
  const before = { cpu: compliance.cpuMs(), main: compliance.mainThreadCpuMs(), pg: postgresCpuMs(), at: Date.now() };
  const threadsBefore = compliance.threadCpuMs();
  const published = await publishEvents(namespace, 'payouts.accepted.v1', events);
  process.stderr.write(`published ${eventCount} events in ${(published.ms / 1000).toFixed(1)} s\n`);
  const stalled = [
    await untilStalled('decisions in the database', () =>
      count(db, "select count(*) as n from screenings where decision <> 'screening'"),
    ),
    await untilStalled('decisions on compliance.decided.v1', async () => tap!.total()),
  ].filter((problem) => problem !== undefined);
  const after = { cpu: compliance.cpuMs(), main: compliance.mainThreadCpuMs(), pg: postgresCpuMs(), at: Date.now() };
  const threadsAfter = compliance.threadCpuMs();
  const peakRssMiB = compliance.peakRssMiB();
  const stats = await databaseFigures(db);
  const problems = [...stalled, ...checkOneDecisionEach(payouts, stats.screenings, tap)];
  const kafkaSpanS = (tap.lastMs - tap.firstMs) / 1000;
  const dbSpanS = stats.decidedSpanMs / 1000;
  const summary = {
    events: eventCount,
    beneficiaries: beneficiaryCount,
    decisions_per_s_kafka: Math.round((tap.total() - 1) / Math.max(kafkaSpanS, 0.001)),
    decisions_per_s_db: Math.round((stats.screenings - 1) / Math.max(dbSpanS, 0.001)),
    first_to_last_decision_s: Number(kafkaSpanS.toFixed(1)),
    publish_s: Number((published.ms / 1000).toFixed(1)),
    decisions: stats.decisions,
    gate_runs: stats.gateRuns,
    gate_runs_by_gate: stats.gateRunsByGate,
    holds: stats.holds,
    compliance_cpu_ms_per_decision: Number(((after.cpu - before.cpu) / eventCount).toFixed(3)),
    compliance_cpu_ms_per_decision_by_thread: threadCpuDelta(threadsBefore, threadsAfter, eventCount),
    compliance_main_thread_busy_pct: Math.round((100 * (after.main - before.main)) / (after.at - before.at)),
    postgres_cpu_ms_per_decision_all_backends: Number(((after.pg - before.pg) / eventCount).toFixed(3)),
    compliance_peak_rss_mib: Math.round(peakRssMiB),
    load_average_at_start: Number(load),
    problems,
  };
  console.log(JSON.stringify(summary, null, 2));
  const n = (value: number) => value.toLocaleString('en-US');
  const byGate = Object.entries(stats.gateRunsByGate).map(([gate, runs]) => `${gate} ${n(runs)}`);
  const decided = Object.entries(stats.decisions).map(([decision, count]) => `${n(count)} ${decision}`);
  const threads = Object.values(summary.compliance_cpu_ms_per_decision_by_thread).join(', ');
  // One row of the table in bench/RESULTS.md, same columns.
  const row = [
    new Date().toISOString().slice(0, 16).replace('T', ' '),
    codeVersion(),
    load,
    `**${n(summary.decisions_per_s_kafka)}/s** (${n(summary.decisions_per_s_db)}/s)`,
    `${summary.first_to_last_decision_s} s`,
    `${n(stats.screenings)} screenings (${decided.join(', ')}), ${n(stats.gateRuns)} gate runs (${byGate.join(', ')}), ${stats.holds} holds`,
    `${summary.compliance_cpu_ms_per_decision} ms (${threads})`,
    `${summary.compliance_main_thread_busy_pct} %`,
    `${summary.postgres_cpu_ms_per_decision_all_backends} ms`,
    `${summary.compliance_peak_rss_mib} MiB`,
  ];
  console.log(`machine: ${machineInfo()}; ${n(eventCount)} events, ${n(beneficiaryCount)} beneficiaries`);
  console.log(`| ${row.join(' | ')} |`);
  failed = problems.length > 0;
} finally {
  await tap?.stop();
  await db.end();
  await compliance.stop();
  await scratch.drop();
  await namespace.drop();
  programs.remove();
}
if (failed) process.exit(1);

/** Verified KYC and a present W-9 per beneficiary, through the operator API, a few calls at a time. */
async function seedBeneficiaries(url: string, token: string): Promise<{ id: string; address: string }[]> {
  const client = complianceClient(url, token);
  const all = Array.from({ length: beneficiaryCount }, (_, i) => ({
    id: `ben-${runId}-${i}`,
    address: ordinaryAddress(`${runId}-${i}`),
  }));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < all.length; i = next++) {
      const { id } = all[i]!;
      const kyc = await client.verifyKyc(id, `Bench Payee ${i}`, `bench-kyc/${runId}/${i}`);
      const tax = await client.recordTaxArtifact(id, 'W-9', `${100_000_000 + i}`, `bench-w9/${runId}/${i}`);
      if (kyc.status !== 200 || tax.status !== 200) {
        throw new Error(`seeding ${id}: KYC ${kyc.status} ${JSON.stringify(kyc.body)}, W-9 ${tax.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return all;
}

/** Waits until `progress()` reaches eventCount; after stallMs without progress, says where it got stuck. */
async function untilStalled(what: string, progress: () => Promise<number>): Promise<string | undefined> {
  let last = -1;
  let lastChangeMs = Date.now();
  for (;;) {
    const now = await progress();
    if (now >= eventCount) return undefined;
    if (now !== last) {
      last = now;
      lastChangeMs = Date.now();
    } else if (Date.now() - lastChangeMs > stallMs) {
      return `${what}: stuck at ${now} of ${eventCount} for ${stallMs / 1000} s`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
}

/** What compliance wrote: screenings per decision, gate runs per gate, holds, and the decided_at span. */
async function databaseFigures(client: pg.Client) {
  const decisions = await client.query<{ decision: string; n: string }>(
    'select decision, count(*) as n from screenings group by decision order by decision',
  );
  const gates = await client.query<{ gate: string; n: string }>(
    'select gate, count(*) as n from gate_runs group by gate order by gate',
  );
  const span = await client.query<{ ms: string | null }>(
    'select extract(epoch from max(decided_at) - min(decided_at)) * 1000 as ms from screenings',
  );
  const byGate = Object.fromEntries(gates.rows.map((row) => [row.gate, Number(row.n)]));
  return {
    screenings: decisions.rows.reduce((sum, row) => sum + Number(row.n), 0),
    decisions: Object.fromEntries(decisions.rows.map((row) => [row.decision, Number(row.n)])),
    gateRuns: Object.values(byGate).reduce((sum, n) => sum + n, 0),
    gateRunsByGate: byGate,
    holds: await count(client, 'select count(*) as n from holds'),
    decidedSpanMs: Number(span.rows[0]?.ms ?? 0),
  };
}

/** Every published payout screened once in the database and decided once on Kafka; nothing else. */
function checkOneDecisionEach(payouts: readonly BenchPayout[], screenings: number, decided: KeyTap): string[] {
  const problems: string[] = [];
  if (screenings !== payouts.length) problems.push(`${screenings} screenings for ${payouts.length} events`);
  const missing = payouts.filter((p) => !decided.counts.has(p.payoutId)).length;
  const doubled = [...decided.counts.values()].filter((n) => n > 1).length;
  const strays = decided.counts.size - (payouts.length - missing);
  if (missing > 0) problems.push(`${missing} payouts without a compliance.decided.v1 event`);
  if (doubled > 0) problems.push(`${doubled} payouts with more than one compliance.decided.v1 event`);
  if (strays > 0) problems.push(`${strays} decided events for payouts this run never published`);
  return problems;
}
