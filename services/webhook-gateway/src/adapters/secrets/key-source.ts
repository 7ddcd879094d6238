import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '@sluice/service-kit';
import type { KeyRing } from '../../app/key-ring.ts';
import { type KeySet, keysFromEnv, mergeKeySets, parseSecretsFile } from '../../domain/key-set.ts';
import { describeKey } from '../../domain/signing-key.ts';

export interface KeySourceOptions {
  readonly secretEnv: Readonly<Record<string, string | undefined>>;
  readonly secretsFile: string | undefined;
  readonly logger: Logger;
}

/** Reads every key from the env variables and the secrets file (when given). Throws KeySetError on bad input. */
export async function loadKeys(options: Pick<KeySourceOptions, 'secretEnv' | 'secretsFile'>): Promise<KeySet> {
  const fromEnv = keysFromEnv(options.secretEnv);
  if (!options.secretsFile) return mergeKeySets(fromEnv);
  return mergeKeySets(fromEnv, parseSecretsFile(await readFile(options.secretsFile, 'utf8')));
}

/** Logs which keys are in force (ids and windows only) so an operator can check a rotation took. */
export function logKeys(logger: Logger, ring: KeyRing, providers: readonly string[], now: Date): void {
  for (const provider of providers) {
    const keys = ring.keysFor(provider).map((key) => describeKey(key, now));
    if (keys.length === 0)
      logger.warn({ provider }, 'no signing key configured: every callback of this provider is refused');
    else logger.info({ provider, keys }, 'signing keys in force');
  }
}

/**
 * Keeps the ring in step with the secrets file: `reload()` re-reads env and file now (SIGHUP, tests); with an interval
 * the file's mtime is checked and a change reloads it. A file that no longer parses keeps the previous keys in force
 * (refusing every callback because of a typo would be an outage) and is logged loudly.
 */
export function watchKeys(
  ring: KeyRing,
  providers: readonly string[],
  options: KeySourceOptions & { intervalMs: number },
) {
  let lastMtimeMs = -1;
  const reload = async (): Promise<boolean> => {
    try {
      ring.replace(await loadKeys(options));
      logKeys(options.logger, ring, providers, new Date());
      return true;
    } catch (error) {
      options.logger.error(
        { err_message: (error as Error).message },
        'signing keys not reloaded; previous keys stay in force',
      );
      return false;
    }
  };
  const check = async () => {
    if (!options.secretsFile) return;
    const mtimeMs = await stat(options.secretsFile).then(
      (s) => s.mtimeMs,
      () => -1,
    );
    if (lastMtimeMs !== -1 && mtimeMs !== lastMtimeMs) await reload();
    lastMtimeMs = mtimeMs;
  };
  void check();
  const timer =
    options.intervalMs > 0 && options.secretsFile ? setInterval(() => void check(), options.intervalMs) : undefined;
  timer?.unref();
  return { reload, stop: () => clearInterval(timer) };
}
