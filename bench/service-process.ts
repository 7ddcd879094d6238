import { readdirSync, readFileSync } from 'node:fs';
import { freePort, repoRoot } from '@sluice/testing';
import pg from 'pg';
import { type ServiceProcess, startServiceProcess } from '../packages/cli/src/stack/service-process.ts';

/** A service a benchmark runs as its own OS process, with what the benchmark reads about it from /proc. */
export interface BenchService {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Where its JSON log lines go (`.infra/logs/<name>.log`, appended). */
  readonly logFile: string;
  /** User + system CPU of the whole process so far, ms. */
  cpuMs(): number;
  /** CPU of its main thread (the event loop) so far, ms: near wall time means the loop is the bottleneck. */
  mainThreadCpuMs(): number;
  /** CPU so far per thread name (`MainThread`, `V8 Worker` for GC and compilation, `libuv-worker` …), ms. */
  threadCpuMs(): Record<string, number>;
  /** Peak resident set so far (VmHWM), MiB; read it before stop(). */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

/**
 * Starts `services/<name>/src/main.ts` on a free port with `env` (the stack's own starter, which waits for /readyz
 * and logs to `.infra/logs/<name>.log`).
 */
export async function startBenchService(name: string, env: Record<string, string>): Promise<BenchService> {
  const started: ServiceProcess = await startServiceProcess({ root: repoRoot(), name, port: await freePort(), env });
  const pid = started.child.pid;
  if (pid === undefined) throw new Error(`${name} has no pid`);
  return {
    name,
    url: started.url,
    pid,
    logFile: started.logFile,
    cpuMs: () => cpuMs(pid),
    mainThreadCpuMs: () => cpuMs(pid, pid),
    threadCpuMs: () => threadCpuMs(pid),
    peakRssMiB: () => memoryMiB(pid).peak,
    stop: () => started.stop(),
  };
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/**
 * User + system CPU of a process (or of one of its threads) in ms, from fields 14 and 15 of /proc/<pid>/stat;
 * 0 once it has exited. CPU per unit of work is the figure that does not move with a shared machine's load.
 */
export function cpuMs(pid: number, thread?: number): number {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** CPU of a process's live threads so far, summed per thread name (/proc/<pid>/task/<tid>/comm), ms. */
export function threadCpuMs(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      byName[name] = (byName[name] ?? 0) + cpuMs(pid, Number(tid));
    }
  } catch {
    // exited meanwhile
  }
  return byName;
}

/** Per-name difference of two threadCpuMs() readings divided by `per`, rounded to µs; names below 1 % left out. */
export function threadCpuDelta(
  before: Record<string, number>,
  after: Record<string, number>,
  per: number,
): Record<string, number> {
  const total =
    Object.values(after).reduce((sum, ms) => sum + ms, 0) - Object.values(before).reduce((s, ms) => s + ms, 0);
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, ms]) => [name, ms - (before[name] ?? 0)] as const)
      .filter(([, ms]) => ms > 0.01 * total)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => [name, Number((ms / per).toFixed(3))]),
  );
}

/** Resident set size now and at its peak (VmRSS, VmHWM), in MiB; zeros once the process has exited. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/**
 * CPU of every PostgreSQL process (server and backends) so far, ms. The server is shared with everything else running
 * on the machine, so the difference over a run is an upper bound of what the benchmark cost it.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(entry));
    } catch {
      // exited between the listing and the read
    }
  }
  return total;
}

/** Outbox rows of a service database not yet published: a benchmark waits for 0 before it reads the next figure. */
export async function unsentOutboxRows(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('select count(*) as n from outbox where sent_at is null');
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
