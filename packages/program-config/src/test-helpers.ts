// Test-only helpers: derive variants of the shipped sample program so tests exercise the real file's shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_PROGRAMS_DIR, parseProgram } from './load.ts';
import type { Program } from './schema.ts';

export const SAMPLE_FILE = join(DEFAULT_PROGRAMS_DIR, 'sandbox-global.yaml');

/** The sample program as a plain object, freshly parsed so a test can mutate it. */
export function sampleObject(): Record<string, unknown> & {
  markets: Record<string, unknown>[];
  corridors: Record<string, unknown>[];
  owners: Record<string, unknown>;
} {
  return parse(readFileSync(SAMPLE_FILE, 'utf8'));
}

/** Parses an object as if it were the file `sandbox-global.yaml` (or `<id>.yaml` when given). */
export function parseObject(object: unknown, id = 'sandbox-global'): Program {
  return parseProgram(Buffer.from(stringify(object)), `/virtual/${id}.yaml`);
}
