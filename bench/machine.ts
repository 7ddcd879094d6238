import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One line describing where a benchmark ran, recorded beside every result. */
export function machineInfo(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} cores (${cpu}), ${memoryGiB} GiB, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

/**
 * The commit a benchmark ran, with `+ uncommitted changes` when services/ or packages/ differ from it (a shared
 * checkout often runs someone's work in progress): recorded beside every result.
 */
export function codeVersion(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'services', 'packages') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
