import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InfraError } from './errors.ts';

const execFileAsync = promisify(execFile);

/** Longest a Maven fetch may take: a cold download of ~160 MB on a slow mirror, with margin. */
const MAVEN_TIMEOUT_MS = 15 * 60_000;

/** Runs `mvn -B -q <args>`; throws `maven_failed` with Maven's output when it fails or is missing. */
export async function runMaven(args: readonly string[], cwd: string): Promise<void> {
  try {
    await execFileAsync('mvn', ['-B', '-q', ...args], { cwd, timeout: MAVEN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new InfraError('maven_failed', 'Maven (mvn) is not on PATH; install it (Debian: apt-get install maven)');
    }
    const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new InfraError('maven_failed', `mvn ${args.join(' ')} failed:\n${output || failure.message}`);
  }
}
