import { machineInfo } from '../machine.ts';
import type { Offered } from './load.ts';
import type { Sample, Settled } from './observe.ts';
import type { Verdict } from './verify.ts';

export interface RunFigures {
  readonly via: 'rest' | 'topic';
  readonly ratePerS: number;
  readonly durationS: number;
  readonly payeeCount: number;
  readonly step: string;
  readonly startedMs: number;
  readonly loadEndedMs: number;
  readonly offered: Offered;
  readonly settled: readonly Settled[];
  readonly samples: readonly Sample[];
  readonly verdict: Verdict;
  /** 1-minute load average when the load started (the machine is shared; a high figure means other work ran too). */
  readonly loadAtStart: number;
  /** Peak resident set per watched process, MiB. */
  readonly peakRssMiB: Record<string, number>;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

/** Request → settled latencies, matched by payout id (REST) or by correlation id (topic). */
function latenciesMs(figures: RunFigures): number[] {
  const { sentAtMs } = figures.offered;
  return figures.settled
    .map((s) => {
      const sent = sentAtMs.get(figures.via === 'rest' ? s.payoutId : s.correlationId);
      return sent === undefined ? Number.NaN : s.atMs - sent;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
}

/** Lag per group at each sample, and whether it grew over the second half of the load (a stage falling behind). */
function lagTable(samples: readonly Sample[], startedMs: number, loadEndedMs: number): string[] {
  const groups = Object.keys(samples[0]?.lag ?? {});
  const rows = [
    `| t (s) | ${groups.map((g) => g.replace(/^e2e-[0-9a-f]+-/, '')).join(' | ')} |`,
    `|---|${groups.map(() => '---:').join('|')}|`,
  ];
  const every = Math.max(1, Math.floor(samples.length / 16));
  samples.forEach((s, i) => {
    if (i % every === 0 || i === samples.length - 1) {
      rows.push(`| ${fmt((s.atMs - startedMs) / 1000)} | ${groups.map((g) => fmt(s.lag[g] ?? 0)).join(' | ')} |`);
    }
  });
  const during = samples.filter((s) => s.atMs > startedMs && s.atMs <= loadEndedMs);
  const half = during.slice(Math.floor(during.length / 2));
  // Growing: the last sample of the load's second half is more than 10 % (and 100 events) above its first.
  const growing = groups.filter(
    (g) => half.length >= 2 && (half.at(-1)!.lag[g] ?? 0) > 1.1 * (half[0]!.lag[g] ?? 0) + 100,
  );
  rows.push(
    '',
    `Lag growing during the second half of the load: ${growing.length === 0 ? 'none' : growing.join(', ')}`,
  );
  return rows;
}

/** Events per second per topic over the load window, from topic end offsets. */
function stageRates(samples: readonly Sample[], startedMs: number, loadEndedMs: number): string[] {
  const first = samples.find((s) => s.atMs >= startedMs) ?? samples[0]!;
  const last = [...samples].reverse().find((s) => s.atMs <= loadEndedMs + 1_000) ?? samples.at(-1)!;
  const seconds = Math.max(1, (last.atMs - first.atMs) / 1000);
  return Object.keys(first.ends).map(
    (topic) => `${topic} ${fmt(((last.ends[topic] ?? 0) - (first.ends[topic] ?? 0)) / seconds)}/s`,
  );
}

/** One run as Markdown: headline, lag over time, events per stage, CPU per payout and peak memory per process. */
export function report(figures: RunFigures): string {
  const { offered, settled, samples, verdict } = figures;
  const latencies = latenciesMs(figures);
  const lastSettleMs = Math.max(...settled.map((s) => s.atMs), figures.startedMs + 1);
  const achieved = settled.length / ((lastSettleMs - figures.startedMs) / 1000);
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const perPayout = (name: string) =>
    ((last.cpuMs[name] ?? 0) - (first.cpuMs[name] ?? 0)) / Math.max(1, settled.length);
  const outboxPeak = Object.keys(first.outbox).map(
    (s) => `${s} ${fmt(Math.max(...samples.map((x) => x.outbox[s] ?? 0)))}`,
  );
  const lines = [
    `### e2e over ${figures.via.toUpperCase()} — ${new Date(figures.startedMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machineInfo()}. Load: ${fmt(figures.ratePerS)} payouts/s offered for ${figures.durationS} s (open model), ${figures.payeeCount} KYC'd payees, sandbox step delay ${figures.step}; load average at start ${figures.loadAtStart.toFixed(1)}.`,
    '',
    '| offered | admitted | refused / errors / client-capped | settled | achieved payouts/s | request → settled p50 / p99 / max | lost or doubled |',
    '|---:|---:|---|---:|---:|---|---|',
    `| ${fmt(offered.offered)} | ${fmt(offered.admitted)} | ${fmt(offered.refused)} / ${fmt(offered.errors)} / ${fmt(offered.capped)} | ${fmt(settled.length)} | ${fmt(achieved, 1)} | ${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 99))} / ${fmt(latencies.at(-1) ?? Number.NaN)} ms | ${verdict.problems.length === 0 ? `none (${fmt(verdict.admitted)} checked)` : verdict.problems.join('; ')} |`,
    '',
    ...(verdict.inFlight.length > 0
      ? [
          `Not drained ${Math.round((Date.now() - figures.loadEndedMs) / 1000)} s after the load: of ${fmt(verdict.admitted)} admitted, ${verdict.inFlight.join('; ')}.`,
          '',
        ]
      : []),
    ...(offered.refusals.size > 0
      ? [`Refusals: ${[...offered.refusals].map(([c, n]) => `${c} × ${n}`).join(', ')}`, '']
      : []),
    'Consumer lag per group (events):',
    '',
    ...lagTable(samples, figures.startedMs, figures.loadEndedMs),
    '',
    `Events/s per stage during the load: ${stageRates(samples, figures.startedMs, figures.loadEndedMs).join(', ')}.`,
    '',
    `Outbox backlog peak per service: ${outboxPeak.join(', ')}.`,
    '',
    `Database transactions per settled payout: ${Object.keys(first.commits)
      .map((s) => `${s} ${fmt(((last.commits[s] ?? 0) - (first.commits[s] ?? 0)) / Math.max(1, settled.length), 1)}`)
      .join(', ')}.`,
    '',
    '| process | CPU ms per settled payout | cores used (average over the run) | peak RSS MiB |',
    '|---|---:|---:|---:|',
    ...Object.keys(last.cpuMs).map(
      (name) =>
        `| ${name} | ${fmt(perPayout(name), 2)} | ${fmt(((last.cpuMs[name] ?? 0) - (first.cpuMs[name] ?? 0)) / Math.max(1, last.atMs - first.atMs), 2)} | ${fmt(figures.peakRssMiB[name] ?? Number.NaN)} |`,
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
