// Admission of 10,000-item POST /v1/payout-batches against intake running as its own process, with its outbox relay
// and consumer, on the real PostgreSQL, Kafka and registry. Not a test: it prints figures (and a Markdown row for
// bench/RESULTS.md). Run: node bench/intake/payout-batch.bench.ts
// Env: BENCH_RUNS (5, after one warm-up batch), BENCH_ITEMS (10000), SLUICE_NODE_ARGS (extra node flags for the
// intake process, e.g. --cpu-prof).
import { seedIntakePlatform } from '@sluice/intake';
import { ownNamespace, serviceEnv } from '@sluice/messaging/testing';
import { configuredEndpoints, freshDatabase, uniqueName, waitFor } from '@sluice/testing';
import { machineInfo } from '../machine.ts';
import { startBenchService, unsentOutboxRows } from '../service-process.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const itemsPerBatch = Number(process.env.BENCH_ITEMS ?? 10_000);
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure: run `npm run infra:up` first');

const scratch = await freshDatabase(infra.postgresUrl, 'intake_batch_bench');
// A topic namespace of this run's own, deleted at the end (as post-payouts.bench.ts): 50,000 benchmark events must
// never reach the topics a developer's `npm start` consumes.
const scoped = await ownNamespace(infra, { prefix: 'bench' });
// The default rate limit stays: a batch is one request against it.
const intake = await startBenchService('intake', {
  ...serviceEnv(scoped),
  INTAKE_DB_NAME: scratch.name,
  INTAKE_CONSUMER_GROUP: uniqueName('intake-batch-bench'),
  LOG_LEVEL: 'warn',
});
const base = intake.url;
try {
  const seeded = await seedIntakePlatform(
    { DATABASE_URL: infra.postgresUrl, INTAKE_DB_NAME: scratch.name },
    { platformId: 'bench' },
  );
  const headers = { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { ...headers, ...extra },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const beneficiary = await post('/v1/beneficiaries', { type: 'individual', name: 'Bench', country: 'US' });
  const wallet = await post(`/v1/beneficiaries/${beneficiary.body.id}/wallets`, {
    network: 'base',
    address: '0x52908400098527886E0F7030069857D2E4169EE7',
    asset: 'USDC',
  });
  await post(`/v1/beneficiaries/${beneficiary.body.id}/wallets/${wallet.body.id}/activate`, {});
  const batchBody = (run: string, size: number) =>
    JSON.stringify({
      items: Array.from({ length: size }, (_, i) => ({
        idempotency_key: `${run}-${i}`,
        platform_reference: `${run}-${i}`,
        beneficiary_id: beneficiary.body.id,
        destination: { type: 'wallet', id: wallet.body.id },
        amount_minor: String(1_000_000 + i),
        currency: 'USDC',
        corridor: 'US-USDC-BASE',
        metadata: { run },
      })),
    });

  const admit = async (run: string, size: number) => {
    const body = batchBody(run, size);
    const cpuBeforeMs = intake.cpuMs();
    const startedMs = performance.now();
    const answer = await post('/v1/payout-batches', body, { 'idempotency-key': run });
    const elapsedMs = performance.now() - startedMs;
    const counts = answer.body.item_counts as { admitted: number } | undefined;
    if (answer.status !== 201 || counts?.admitted !== size) {
      throw new Error(`batch ${run}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
    return { elapsedMs, cpuMs: intake.cpuMs() - cpuBeforeMs, bodyMiB: body.length / 2 ** 20 };
  };

  await admit(`warm-${process.pid}`, 1_000); // JIT, pooled connections, prepared statements, registry schema ids
  await waitFor(async () => (await unsentOutboxRows(scratch.url)) === 0, {
    timeoutMs: 120_000,
    description: 'warm-up drained',
  });
  const results: { elapsedMs: number; cpuMs: number; bodyMiB: number; drainMs: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await admit(`bench-${process.pid}-${run}`, itemsPerBatch);
    // Each batch starts on an idle relay, so the figure is admission alone, not admission behind the last publish.
    const drainStartedMs = Date.now();
    await waitFor(async () => (await unsentOutboxRows(scratch.url)) === 0, {
      timeoutMs: 120_000,
      description: 'outbox drained',
    });
    results.push({ ...result, drainMs: Date.now() - drainStartedMs });
  }
  const elapsed = results.map((r) => r.elapsedMs).sort((a, b) => a - b);
  const median = elapsed[Math.floor(elapsed.length / 2)]!;
  const summary = {
    items_per_batch: itemsPerBatch,
    batches: runs,
    body_mib: Number(results[0]!.bodyMiB.toFixed(2)),
    admission_ms: results.map((r) => Math.round(r.elapsedMs)),
    admission_median_ms: Math.round(median),
    admission_max_ms: Math.round(elapsed.at(-1)!),
    items_per_s_at_median: Math.round((itemsPerBatch * 1000) / median),
    intake_cpu_ms_per_batch: results.map((r) => Math.round(r.cpuMs)),
    outbox_drained_after_ms: results.map((r) => r.drainMs),
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(`
| date | machine | items | body | admission (201 received) median / max | items/s | intake CPU per batch | outbox drained after |
|---|---|---|---|---|---|---|---|
| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${machineInfo()} | ${itemsPerBatch} × ${runs} | ${summary.body_mib} MiB | ${summary.admission_median_ms} / ${summary.admission_max_ms} ms | ${summary.items_per_s_at_median} | ${summary.intake_cpu_ms_per_batch.join(', ')} ms | ${summary.outbox_drained_after_ms.join(', ')} ms |
`);
} finally {
  await intake.stop();
  await scratch.drop();
  await scoped.drop();
}
