import { InfraError } from './errors.ts';
import { livePid, spawnDetached, tailFile, writePid } from './process-control.ts';
import { secondsSince, waitFor } from './wait.ts';

const READY_TIMEOUT_MS = 90_000;

/** A long-running process `infra:up` starts detached (the Kafka broker, the registry) and how to tell it is ready. */
export interface DetachedComponent {
  /** Log prefix, e.g. `kafka`. */
  readonly name: string;
  /** Human name in errors, e.g. `Apache Kafka`. */
  readonly title: string;
  /** Where it answers, for log lines and errors. */
  readonly endpoint: string;
  readonly pidFile: string;
  /** Command-line fragments that identify our process (so a recycled pid is never taken for it). */
  readonly markers: readonly string[];
  readonly logFile: string;
  /** The log file as a person finds it (relative to the repository). */
  readonly logName: string;
  readonly answers: () => Promise<boolean>;
  readonly pollIntervalMs: number;
}

/**
 * The pid of our component from an earlier `up` when it is still alive and answering; undefined when none runs.
 * A live process that does not answer is an error: starting a second one would fight it for its ports and data.
 */
export async function reuseRunning(
  component: DetachedComponent,
  log: (line: string) => void,
): Promise<number | undefined> {
  const running = livePid(component.pidFile, component.markers);
  if (running === undefined) return undefined;
  const ready = await waitFor(component.answers, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 500 });
  if (!ready.ok) {
    throw new InfraError(
      'not_ready',
      `${component.title} (pid ${running}) is running but does not answer at ${component.endpoint}; see ${component.logName}, then run infra:down and infra:up`,
    );
  }
  log(`[${component.name}] already running (pid ${running}) at ${component.endpoint}`);
  return running;
}

/** Spawns the component detached, records its pid, and waits until it answers (or exits, or the timeout passes). */
export async function spawnAndAwait(
  component: DetachedComponent,
  launch: { command: string; args: readonly string[]; cwd: string },
  log: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const child = spawnDetached(launch.command, launch.args, launch.cwd, component.logFile);
  writePid(component.pidFile, child.pid);
  const ready = await waitFor(component.answers, {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: component.pollIntervalMs,
    stopIf: () => {
      const exit = child.exited();
      return exit === undefined ? undefined : `${component.title} exited (${exit})`;
    },
  });
  if (!ready.ok) {
    throw new InfraError(
      'start_failed',
      `${component.title} did not become ready: ${ready.reason}. Log ${component.logName} ends with:\n${tailFile(component.logFile)}`,
    );
  }
  log(`[${component.name}] ready in ${secondsSince(started)} s (pid ${child.pid})`);
  return child.pid;
}
