import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.ts';

/** A process started by `up`, and whether it has already exited (known only while this Node process lives). */
export interface DetachedProcess {
  readonly pid: number;
  /** Exit description once the process has exited, e.g. "exit code 1". */
  exited(): string | undefined;
}

/**
 * Starts a long-lived process that outlives this command: its own process group, stdout and stderr appended to
 * `logFile`, not waited for. The previous log is kept as `<logFile>.1` so a crash before this start stays readable.
 */
export function spawnDetached(command: string, args: readonly string[], cwd: string, logFile: string): DetachedProcess {
  mkdirSync(path.dirname(logFile), { recursive: true });
  if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', fd, fd] });
    let exit: string | undefined;
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `exit code ${code}`;
    });
    child.once('error', (error) => {
      exit = error.message;
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    return { pid: child.pid, exited: () => exit };
  } finally {
    closeSync(fd);
  }
}

/** The pid recorded in a pid file, or undefined when there is none or it is unreadable. */
export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePid(pidFile: string, pid: number): void {
  writeFileSync(pidFile, `${pid}\n`);
}

/**
 * True when `pid` is alive and its command line contains every marker. Checking the command line, not only
 * liveness, keeps a recycled pid (another program now holding the number) from being taken for ours.
 */
export function isOurProcess(pid: number, markers: readonly string[]): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return false;
  }
  return cmdline.length > 0 && markers.every((marker) => cmdline.includes(marker));
}

/** The pid from `pidFile` when that process is alive and ours; undefined otherwise. */
export function livePid(pidFile: string, markers: readonly string[]): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && isOurProcess(pid, markers) ? pid : undefined;
}

/** How `stopByPidFile` ended: `not-running` when the pid file was missing, stale or not ours. */
export interface StopOutcome {
  readonly result: 'stopped' | 'killed' | 'not-running';
  readonly pid?: number;
}

const POLL_MS = 200;

async function waitGone(pid: number, markers: readonly string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(pid, markers)) return true;
    await sleep(POLL_MS);
  }
  return !isOurProcess(pid, markers);
}

/**
 * Stops the process named by `pidFile` if it is ours: SIGTERM (Kafka and Quarkus shut down cleanly on it),
 * SIGKILL after `graceMs`. Removes the pid file in every case. Never touches a process it did not start.
 */
export async function stopByPidFile(
  pidFile: string,
  markers: readonly string[],
  graceMs: number,
): Promise<StopOutcome> {
  const pid = livePid(pidFile, markers);
  try {
    if (pid === undefined) return { result: 'not-running' };
    process.kill(pid, 'SIGTERM');
    if (await waitGone(pid, markers, graceMs)) return { result: 'stopped', pid };
    process.kill(pid, 'SIGKILL');
    await waitGone(pid, markers, 5_000);
    return { result: 'killed', pid };
  } finally {
    rmSync(pidFile, { force: true });
  }
}

/**
 * Refuses to start a component on a port something else already holds: the component would fail to bind, or a
 * stranger would answer our health checks. `ports` names the setting that moves each port.
 */
export async function assertPortsFree(host: string, ports: readonly (readonly [setting: string, port: number])[]) {
  for (const [setting, port] of ports) {
    if (await isPortOpen(host, port)) {
      throw new InfraError(
        'port_in_use',
        `${host}:${port} is already in use by another process; stop it or set ${setting}`,
      );
    }
  }
}

/** True when something accepts TCP connections on host:port. */
function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** The last `lines` lines of a log file, for error messages. */
export function tailFile(file: string, lines = 15): string {
  if (!existsSync(file)) return '(no log file)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
