import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/** One service of the local stack running as its own process, logging JSON lines to `.infra/logs/<name>.log`. */
export interface ServiceProcess {
  readonly name: string;
  readonly url: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;

/** Starts `node <root>/services/<name>/src/main.ts` with `env` and waits until its /readyz answers 200. */
export async function startServiceProcess(options: {
  root: string;
  name: string;
  port: number;
  env: Record<string, string>;
}): Promise<ServiceProcess> {
  const logDir = path.join(options.root, '.infra', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const main = path.join(options.root, 'services', options.name, 'src', 'main.ts');
  // SLUICE_NODE_ARGS: extra node flags for profiling a service inside the stack (e.g. `--cpu-prof --cpu-prof-dir=…`).
  const nodeArgs = (options.env.SLUICE_NODE_ARGS ?? process.env.SLUICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', ...nodeArgs, main], {
    cwd: options.root,
    env: { ...process.env, ...options.env, HTTP_PORT: String(options.port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited with code ${child.exitCode} during start-up; see ${logFile}`);
    }
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })
      .then((res) => res.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${options.name} did not become ready at ${url}/readyz within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name: options.name, url, logFile, child, stop };
}
