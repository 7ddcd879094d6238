import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './schema-files.ts';
import { readSchemaFilesAt, revisionExists } from './schema-history.ts';
import { runSchemasCheck } from './schemas-check.ts';

const SCHEMA = 'schemas/payouts/payouts.requested.v1.avsc';
const SCRIPT = fileURLToPath(new URL('../scripts/schemas-check.ts', import.meta.url));

/** A throwaway git repository holding one real schema, committed once. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-schemas-check-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
  git('init', '-q');
  cpSync(join(repoRoot(), SCHEMA), join(dir, SCHEMA));
  git('add', '.');
  git('commit', '-qm', 'base');
  return dir;
}

function editSchema(dir: string, edit: (fields: object[]) => object[]): void {
  const schema = JSON.parse(readFileSync(join(dir, SCHEMA), 'utf8')) as { fields: object[] };
  writeFileSync(join(dir, SCHEMA), JSON.stringify({ ...schema, fields: edit(schema.fields) }, null, 2));
}

describe('schemas:check against git history', () => {
  let dir: string;
  beforeEach(() => {
    dir = scratchRepo();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the schemas of a revision', () => {
    expect(revisionExists(dir, 'HEAD')).toBe(true);
    expect(revisionExists(dir, 'no-such-rev')).toBe(false);
    const [file] = readSchemaFilesAt(dir, 'HEAD');
    expect(file).toEqual({
      path: SCHEMA,
      topic: 'payouts.requested.v1',
      text: readFileSync(join(dir, SCHEMA), 'utf8'),
    });
  });

  it('passes an additive change with a default', async () => {
    editSchema(dir, (fields) => [...fields, { name: 'note', type: ['null', 'string'], default: null, doc: 'A note.' }]);
    const result = await runSchemasCheck({ root: dir });
    expect(result.ok).toBe(true);
    expect(result.lines).toContainEqual(
      expect.stringMatching(/ok\s+payouts\.requested\.v1\s+backward compatible with HEAD/),
    );
  });

  it('fails a new required field with a per-schema report', async () => {
    editSchema(dir, (fields) => [...fields, { name: 'note', type: 'string', doc: 'A note.' }]);
    const result = await runSchemasCheck({ root: dir });
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        /BREAK\s+payouts\.requested\.v1\s+not backward compatible: cannot read the HEAD version: .*note/,
      ),
    );
  });

  it('catches a break that is already committed (as in CI), unless an explicit base accepts it', async () => {
    editSchema(dir, (fields) => [...fields, { name: 'note', type: 'string', doc: 'A note.' }]);
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'break'], {
      cwd: dir,
    });
    const result = await runSchemasCheck({ root: dir });
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      expect.stringMatching(/BREAK .*cannot read the commit [0-9a-f]{12} version: .*note/),
    );
    expect((await runSchemasCheck({ root: dir, base: 'HEAD' })).ok).toBe(true);
  });

  it('refuses an unknown base revision', async () => {
    expect(await runSchemasCheck({ root: dir, base: 'no-such-rev' })).toEqual({
      ok: false,
      lines: ['schemas:check: unknown revision "no-such-rev"'],
    });
  });

  it('exits 1 from the command line on a break, 0 otherwise', () => {
    const run = () =>
      spawnSync(process.execPath, [SCRIPT, '--root', dir, '--no-registry'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
        timeout: 30_000,
      });
    expect(run()).toMatchObject({ status: 0, stdout: expect.stringContaining('OK, 1 schemas checked') });
    editSchema(dir, (fields) =>
      fields.map((f) => ((f as { name: string }).name === 'corridor' ? { ...f, type: 'int' } : f)),
    );
    expect(run()).toMatchObject({ status: 1, stdout: expect.stringContaining('cannot read "string" as "int"') });
  });
});
