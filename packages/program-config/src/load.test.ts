import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ProgramConfigError } from './errors.ts';
import { loadPrograms } from './load.ts';
import { SAMPLE_FILE, sampleObject } from './test-helpers.ts';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'programs-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function loadError(dir: string): ProgramConfigError {
  try {
    loadPrograms(dir);
  } catch (error) {
    if (error instanceof ProgramConfigError) return error;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('expected loadPrograms to throw');
}

describe('loadPrograms', () => {
  it('loads the sample program from config/programs by default', () => {
    const catalog = loadPrograms();
    const program = catalog.program('sandbox-global');
    expect(program?.version).toBe('2026.05.1');
    expect(program?.custodyModel).toBe('non_custodial');
    expect(program?.contentHash).toBe(createHash('sha256').update(readFileSync(SAMPLE_FILE)).digest('hex'));
    expect(program?.markets.map((m) => [m.country, m.mode])).toEqual([
      ['US', 'live'],
      ['PH', 'read_only'],
    ]);
  });

  it('looks up corridors and markets, every sample corridor paying through the sandbox', () => {
    const catalog = loadPrograms();
    const base = catalog.corridor('sandbox-global', 'US-USDC-BASE');
    expect(base?.rail).toEqual({ kind: 'stablecoin', network: 'base', asset: 'USDC', provider: 'sandbox' });
    expect(catalog.corridor('sandbox-global', 'US-USDC-POLYGON')?.market).toBe('US');
    expect(catalog.corridor('sandbox-global', 'PH-USDC-SOLANA')?.market).toBe('PH');
    expect(catalog.corridor('sandbox-global', 'XX-USDC-BASE')).toBeUndefined();
    expect(catalog.program('nope')).toBeUndefined();
    expect(catalog.programs.flatMap((p) => p.corridors.map((c) => c.rail.provider))).toEqual([
      'sandbox',
      'sandbox',
      'sandbox',
    ]);
    expect(catalog.market('sandbox-global', 'US')?.limits[0]?.perPayoutMinor).toBe(10_000_000_000n);
  });

  it('gives a catalog hash that changes when any file changes', () => {
    const original = readFileSync(SAMPLE_FILE, 'utf8');
    const a = tempDir({ 'sandbox-global.yaml': original });
    const b = tempDir({ 'sandbox-global.yaml': `${original}\n# reviewed\n` });
    try {
      expect(loadPrograms(a).contentHash).toBe(loadPrograms().contentHash);
      expect(loadPrograms(b).contentHash).not.toBe(loadPrograms(a).contentHash);
    } finally {
      rmSync(a, { recursive: true });
      rmSync(b, { recursive: true });
    }
  });

  it('refuses a directory without program files', () => {
    const error = loadError(tempDir({ 'README.md': 'no programs here' }));
    expect(error.code).toBe('program_config_unreadable');
    expect(error.messages).toEqual(['no program files (*.yaml)']);
  });

  it('refuses a missing directory', () => {
    expect(() => loadPrograms('/nonexistent/programs')).toThrow(ProgramConfigError);
  });

  it('refuses YAML syntax errors and duplicate keys', () => {
    const error = loadError(tempDir({ 'sandbox-global.yaml': 'id: a\nid: b\n' }));
    expect(error.code).toBe('program_config_invalid');
    expect(error.messages.join('\n')).toMatch(/unique/i);
  });

  it('refuses a program whose id does not match its file name', () => {
    const error = loadError(tempDir({ 'other.yaml': stringify(sampleObject()) }));
    expect(error.issues).toEqual([{ path: 'id', message: 'must match the file name (other)' }]);
  });

  it('refuses two files defining the same program id', () => {
    const text = stringify(sampleObject());
    const error = loadError(tempDir({ 'sandbox-global.yaml': text, 'sandbox-global.yml': text }));
    expect(error.code).toBe('program_duplicate');
  });
});
