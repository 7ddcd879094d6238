import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@sluice/testing';

/**
 * A programs directory holding config/programs/sandbox-global.yaml under the id `programId` (file name and id must
 * match). A benchmark's payouts then name a program only its own services know, so any other instance consuming the
 * shared topics meanwhile finds no route for them instead of screening or paying them.
 */
export function programCopy(programId: string): { dir: string; remove(): void } {
  const yaml = readFileSync(join(repoRoot(), 'config/programs/sandbox-global.yaml'), 'utf8');
  const renamed = yaml.replace(/^id: sandbox-global$/m, `id: ${programId}`);
  if (renamed === yaml) throw new Error('config/programs/sandbox-global.yaml has no `id: sandbox-global` line');
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-programs-'));
  writeFileSync(join(dir, `${programId}.yaml`), renamed);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
