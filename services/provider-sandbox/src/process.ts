import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A sandbox running as its own OS process (what issue 6 asks dispatch's integration tests to run against). */
export interface SandboxProcess {
  readonly url: string;
  readonly pid: number;
  /** Sends SIGTERM and resolves with the exit code once the process has shut down cleanly (or was killed). */
  stop(): Promise<number | null>;
}

const MAIN = new URL('./main.ts', import.meta.url);
const START_TIMEOUT_MS = 30_000;

/**
 * Starts `node services/provider-sandbox/src/main.ts` with `env` on top of the parent's environment and resolves
 * once it listens (its start log line names the URL, so `HTTP_PORT=0` works). Rejects, killing the child, if it
 * exits or stays silent past the timeout. Its log lines are passed to `onLog` (default: dropped).
 */
export function spawnProviderSandbox(
  env: Record<string, string>,
  options: { onLog?: (line: string) => void; timeoutMs?: number } = {},
): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [MAIN.pathname], {
    // The parent's NODE_OPTIONS (a test runner's flags) are not the sandbox's; info level carries the start line.
    env: { ...process.env, NODE_OPTIONS: '', HTTP_PORT: '0', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<SandboxProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('provider sandbox did not start in time')),
      options.timeoutMs ?? START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const exitedEarly = (code: number | null) =>
      fail(new Error(`provider sandbox exited with code ${code} before it started`));
    child.once('exit', exitedEarly);
    createInterface({ input: child.stderr }).on('line', (line) => options.onLog?.(line));
    createInterface({ input: child.stdout }).on('line', (line) => {
      options.onLog?.(line);
      const url = startedUrl(line);
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      resolve({ url, pid: child.pid, stop: () => stop(child, exited) });
    });
  });
}

/** The URL from the sandbox's "started" log line, if this is that line. */
function startedUrl(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === 'provider sandbox started' && typeof entry.url === 'string' ? entry.url : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  return exited;
}
