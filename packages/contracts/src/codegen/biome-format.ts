import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const FORMAT_TIMEOUT_MS = 30_000;

/**
 * Formats TypeScript source with the repository's Biome config, so generated files look exactly as if someone had
 * run `biome format --write` on them (and stay stable when they do). `fileName` only tells Biome the language.
 */
export function formatWithBiome(source: string, fileName: string, root: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${fileName}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    timeout: FORMAT_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`biome format failed (${result.status ?? result.signal}): ${result.stderr}`);
  }
  return result.stdout;
}
