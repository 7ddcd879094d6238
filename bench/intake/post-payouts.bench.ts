// Sustained POST /v1/payouts with a unique Idempotency-Key per request against intake running as its own process,
// with its outbox relay and consumer, on the real PostgreSQL, Kafka and registry. Not a test: it prints figures
// (and a Markdown block for bench/RESULTS.md). Run: node bench/intake/post-payouts.bench.ts
// Env: BENCH_DURATION_S (30), BENCH_CONNECTIONS (16), BENCH_PORT (7101), BENCH_NODE_ARGS (extra node flags for the
// intake process, e.g. --cpu-prof).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seedIntakePlatform } from '@sluice/intake';
import { ownNamespace, serviceEnv } from '@sluice/messaging/testing';
import { configuredEndpoints, freshDatabase, uniqueName, waitFor } from '@sluice/testing';
import autocannon from 'autocannon';
import { machineInfo } from '../machine.ts';
import { cpuMs, unsentOutboxRows } from '../service-process.ts';

const durationS = Number(process.env.BENCH_DURATION_S ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = Number(process.env.BENCH_PORT ?? 7101);
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure: run `npm run infra:up` first');

const scratch = await freshDatabase(infra.postgresUrl, 'intake_bench');
// A topic namespace of this run's own, deleted at the end: tens of thousands of benchmark payouts must never wait on
// the topics a developer's `npm start` consumes (issue 11).
const scoped = await ownNamespace(infra, { prefix: 'bench' });
const env = {
  ...process.env,
  ...serviceEnv(scoped),
  HTTP_PORT: String(port),
  INTAKE_DB_NAME: scratch.name,
  // Not intake's own group: a stack running beside the benchmark would share (and rebalance) it.
  INTAKE_CONSUMER_GROUP: uniqueName('intake-bench'),
  INTAKE_RATE_LIMIT_PER_SECOND: '1000000',
  INTAKE_RATE_LIMIT_BURST: '1000000',
  LOG_LEVEL: 'warn',
};
const mainTs = fileURLToPath(new URL('../../services/intake/src/main.ts', import.meta.url));
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child: ChildProcess = spawn(process.execPath, [...nodeArgs, mainTs], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.ok, {
    timeoutMs: 60_000,
    description: 'intake ready',
  });
  const seeded = await seedIntakePlatform(
    { DATABASE_URL: infra.postgresUrl, INTAKE_DB_NAME: scratch.name },
    { platformId: 'bench' },
  );
  const headers = { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body?: unknown) =>
    (await (await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) })).json()) as {
      id: string;
    };
  const beneficiary = await post('/v1/beneficiaries', { type: 'individual', name: 'Bench', country: 'US' });
  const wallet = await post(`/v1/beneficiaries/${beneficiary.id}/wallets`, {
    network: 'base',
    address: '0x52908400098527886E0F7030069857D2E4169EE7',
    asset: 'USDC',
  });
  await post(`/v1/beneficiaries/${beneficiary.id}/wallets/${wallet.id}/activate`);
  const body = JSON.stringify({
    beneficiary_id: beneficiary.id,
    destination: { type: 'wallet', id: wallet.id },
    amount_minor: '2500000',
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    metadata: { batch: 'bench' },
  });
  let sequence = 0;
  const run = (seconds: number) =>
    autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/v1/payouts',
          headers,
          body,
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${process.pid}-${sequence++}` },
          }),
        },
      ],
    });
  await run(5); // warm-up: JIT, connection pools, registry schema ids
  const cpuBeforeMs = cpuMs(child.pid!);
  const result = await run(durationS);
  // CPU time of the intake process per request: robust where throughput is not (a shared 2-core machine).
  const cpuPerRequestMs = (cpuMs(child.pid!) - cpuBeforeMs) / Math.max(1, result.requests.total);
  const created = sequence;
  const backlogAtEnd = await unsentOutboxRows(scratch.url);
  const drainStartedMs = Date.now();
  await waitFor(async () => (await unsentOutboxRows(scratch.url)) === 0, {
    timeoutMs: 120_000,
    description: 'outbox drained',
  });
  const drainMs = Date.now() - drainStartedMs;
  const summary = {
    requests_per_s: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    latency_max_ms: result.latency.max,
    status_2xx: result['2xx'],
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    intake_cpu_ms_per_request: Number(cpuPerRequestMs.toFixed(3)),
    outbox_unsent_at_end: backlogAtEnd,
    outbox_drained_after_ms: drainMs,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(`
| metric | value |
|---|---|
| sustained throughput | ${summary.requests_per_s} req/s |
| latency p50 / p99 / max | ${summary.latency_p50_ms} / ${summary.latency_p99_ms} / ${summary.latency_max_ms} ms |
| responses 2xx / non-2xx / errors | ${summary.status_2xx} / ${summary.non_2xx} / ${summary.errors} |
| requests sent (incl. warm-up) | ${created} |
| intake process CPU per request | ${summary.intake_cpu_ms_per_request} ms |
| outbox rows unpublished at the end / drained after | ${backlogAtEnd} / ${drainMs} ms |
| machine | ${machineInfo()} |
| load | autocannon, ${connections} connections, ${durationS} s after a 5 s warm-up, unique Idempotency-Key per request |
`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await scratch.drop();
  await scoped.drop();
}
