// Sustained POST /v1/webhooks/sandbox with a distinct, validly x-pay-signed payout event per request against the
// gateway running as its own process (archive + dedupe + outbox in one transaction, relay publishing to Kafka), on the
// real PostgreSQL, Kafka and registry. Not a test: it prints figures and a Markdown row for bench/RESULTS.md.
// Run: npm run bench -w @sluice/webhook-gateway   Env: BENCH_DURATION_S (20), BENCH_CONNECTIONS (16), BENCH_PORT (7104).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ownNamespace, serviceEnv } from '@sluice/messaging/testing';
import { configuredEndpoints, freshDatabase, waitFor } from '@sluice/testing';
import { xPaySignature } from '@sluice/webhook-gateway';
import autocannon from 'autocannon';
import { machineInfo } from '../machine.ts';
import { cpuMs } from '../service-process.ts';

const durationS = Number(process.env.BENCH_DURATION_S ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = Number(process.env.BENCH_PORT ?? 7104);
const secret = 'whsec_bench_secret_0123456789';
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure: run `npm run infra:up` first');

const scratch = await freshDatabase(infra.postgresUrl, 'gateway_bench');
// A topic namespace of this run's own, deleted at the end: the benchmark's callbacks must never reach the dispatch of
// a developer's `npm start` (issue 11).
const scoped = await ownNamespace(infra, { prefix: 'bench' });
const env = {
  ...process.env,
  ...serviceEnv(scoped),
  HTTP_PORT: String(port),
  WEBHOOK_DB_NAME: scratch.name,
  WEBHOOK_SECRET_SANDBOX_BENCH: secret,
  WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
  WEBHOOK_RATE_LIMIT_BURST: '1000000',
  LOG_LEVEL: 'warn',
};
const mainTs = fileURLToPath(new URL('../../services/webhook-gateway/src/main.ts', import.meta.url));
const child: ChildProcess = spawn(process.execPath, [mainTs], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;

/** A fresh sandbox-format event for a fresh payout, signed now: every request is new work, never a duplicate. */
function signedEvent(): { body: string; headers: Record<string, string> } {
  const payoutId = randomUUID();
  const body = JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: 'payout.completed',
    created_at: new Date().toISOString(),
    data: {
      id: `sbx_po_${payoutId.slice(0, 13)}`,
      status: 'completed',
      client_reference: payoutId,
      amount_minor: '2500000',
      settled_amount_minor: '2500000',
      fee_amount_minor: '0',
      currency: 'USDC',
    },
  });
  const timestampS = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-pay-signature': xPaySignature(secret, timestampS, body),
      'x-pay-timestamp': String(timestampS),
    },
  };
}

let sent = 0;
const run = (seconds: number) =>
  autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/webhooks/sandbox',
        setupRequest: (request) => {
          sent += 1;
          const event = signedEvent();
          return { ...request, body: event.body, headers: { ...request.headers, ...event.headers } };
        },
      },
    ],
  });

try {
  await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.ok, {
    timeoutMs: 60_000,
    description: 'gateway ready',
  });
  await run(5); // warm-up: JIT, connection pools, registry schema id
  // CPU time per callback does not move with the machine's load the way throughput does: the figure to compare by.
  const cpuBeforeMs = cpuMs(child.pid!);
  const loadBefore = loadavg()[0]!.toFixed(1);
  const result = await run(durationS);
  const cpuMsPerCallback = (cpuMs(child.pid!) - cpuBeforeMs) / Math.max(1, result['2xx']);
  const summary = {
    verified_per_s: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    latency_max_ms: result.latency.max,
    status_2xx: result['2xx'],
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requests_sent_incl_warmup: sent,
    gateway_cpu_ms_per_callback: Number(cpuMsPerCallback.toFixed(3)),
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `| ${new Date().toISOString().slice(0, 10)} | ${machineInfo()} | ${summary.verified_per_s}/s | ${summary.latency_p50_ms} / ${summary.latency_p99_ms} / ${summary.latency_max_ms} ms | ${summary.status_2xx} / ${summary.non_2xx} / ${summary.errors} | ${summary.gateway_cpu_ms_per_callback} ms | ${loadBefore} | ${connections} connections, ${durationS} s after 5 s warm-up |`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await scratch.drop();
  await scoped.drop();
}
