import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { catalogOf, type ProgramCatalog } from './catalog.ts';
import { ProgramConfigError, type ProgramConfigIssue } from './errors.ts';
import { readiness } from './readiness.ts';
import { type Program, programFileSchema } from './schema.ts';

/** `<repo>/config/programs`, found from this file so it works from any working directory. */
export const DEFAULT_PROGRAMS_DIR = fileURLToPath(new URL('../../../config/programs/', import.meta.url));

// A program file is reviewed by people; anything this large is a mistake or an attack on the parser.
const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 200;

/**
 * Loads and validates every `*.yaml` / `*.yml` program in `dir`. Throws {@link ProgramConfigError} on the first
 * bad file with every issue and its field path, and refuses a file that sets a market `live` while that market's
 * readiness fails (the gaps are listed). Start-up is meant to stop on it.
 */
export function loadPrograms(dir: string = DEFAULT_PROGRAMS_DIR): ProgramCatalog {
  const root = resolve(dir);
  const files = listProgramFiles(root);
  const programs: Program[] = [];
  for (const file of files) {
    const program = parseProgram(readFileSync(file), file);
    const clash = programs.find((p) => p.id === program.id);
    if (clash) {
      throw new ProgramConfigError('program_duplicate', file, [
        { path: 'id', message: `program ${program.id} is also defined in ${clash.file}` },
      ]);
    }
    programs.push(program);
  }
  return catalogOf(programs);
}

/** Parses, validates and readiness-checks one program file's bytes; `file` names it in errors and must be `<id>.yaml`. */
export function parseProgram(bytes: Buffer, file: string): Program {
  const doc = parseDocument(bytes.toString('utf8'), { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ProgramConfigError(
      'program_config_invalid',
      file,
      doc.errors.map((e) => ({ path: '', message: e.message })),
    );
  }
  const parsed = programFileSchema.safeParse(doc.toJS({ maxAliasCount: 20 }));
  if (!parsed.success) throw new ProgramConfigError('program_config_invalid', file, parsed.error.issues.map(toIssue));
  const expectedId = basename(file, extname(file));
  if (parsed.data.id !== expectedId) {
    throw new ProgramConfigError('program_config_invalid', file, [
      { path: 'id', message: `must match the file name (${expectedId})` },
    ]);
  }
  const program: Program = { ...parsed.data, contentHash: sha256(bytes), file };
  refuseLiveWhileNotReady(program);
  return program;
}

function refuseLiveWhileNotReady(program: Program): void {
  const report = readiness(program);
  const issues: ProgramConfigIssue[] = [];
  report.markets.forEach((market, i) => {
    if (market.mode !== 'live' || market.ready) return;
    const gaps = [...report.custody, ...market.items].filter((it) => !it.pass);
    for (const gap of gaps) {
      issues.push({
        path: `markets[${i}].mode`,
        message: `live while readiness fails: ${gap.id}: missing ${gap.missing.join(', ')}`,
      });
    }
  });
  if (issues.length > 0) throw new ProgramConfigError('program_not_ready', program.file, issues);
}

function listProgramFiles(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (error) {
    throw new ProgramConfigError('program_config_unreadable', root, [{ path: '', message: String(error) }]);
  }
  const files = names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => join(root, n));
  if (files.length === 0 || files.length > MAX_FILES) {
    const message = files.length === 0 ? 'no program files (*.yaml)' : `more than ${MAX_FILES} program files`;
    throw new ProgramConfigError('program_config_unreadable', root, [{ path: '', message }]);
  }
  for (const file of files) {
    if (statSync(file).size > MAX_FILE_BYTES) {
      throw new ProgramConfigError('program_config_unreadable', file, [
        { path: '', message: `file larger than ${MAX_FILE_BYTES} bytes` },
      ]);
    }
  }
  return files;
}

/** `['markets', 1, 'mode']` → `markets[1].mode`, the way people point at a field in a YAML file. */
function toIssue(issue: z.core.$ZodIssue): ProgramConfigIssue {
  const path = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return { path: path || '(root)', message: issue.message };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
