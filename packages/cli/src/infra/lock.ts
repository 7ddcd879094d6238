import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.ts';

/** A cold `up` fetches jars and a 160 MB tarball; a second command waits that long before giving up. */
const LOCK_WAIT_MS = 15 * 60_000;
const POLL_MS = 500;

function holderAlive(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` while holding .infra/infra.lock, so two `up`/`down` commands (a test run and a demo, say) never
 * start two brokers or stop one mid-start. A lock left by a dead process is taken over.
 */
export async function withInfraLock<T>(
  lockFile: string,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderAlive(lockFile);
    if (holder === undefined) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new InfraError('locked', `another infra command (pid ${holder}) still holds ${lockFile}`);
    }
    if (!announced) log(`[infra] waiting for another infra command (pid ${holder}) to finish`);
    announced = true;
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
