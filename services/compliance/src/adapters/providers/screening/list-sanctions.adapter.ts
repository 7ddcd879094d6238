import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildSanctionsIndex, type SanctionsEntry, type SanctionsIndex } from '../../../domain/sanctions-list.ts';
import type { SanctionsScreening, ScreeningSubject } from '../../../domain/screening.ts';

/** `<repo>/data/screening`, the sanctions lists shipped for the sandbox. */
export const DEFAULT_SCREENING_DIR = new URL('../../../../../../data/screening/', import.meta.url).pathname;

// Bounds on what is read: a list is reviewed data, not an unbounded upload.
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 1_000_000;

/** Raised at start-up for a list file that cannot be read; start-up stops rather than screen against half a list. */
export class ScreeningListError extends Error {
  readonly code = 'screening_list_invalid';
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'ScreeningListError';
  }
}

/**
 * Reads every `*.txt` and `*.csv` list in `dir`:
 * - `.txt`: one address per line (`#` starts a comment); optional `network:address`.
 * - `.csv`: header `type,value,network,reference` with type `address` or `name`; network may be empty.
 * The list name is the file name; the index version is a hash over every file's bytes.
 */
export function loadSanctionsLists(dir: string = DEFAULT_SCREENING_DIR): SanctionsIndex {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.csv'))
    .sort();
  const hash = createHash('sha256');
  const entries: SanctionsEntry[] = [];
  for (const name of files) {
    const file = join(dir, name);
    if (statSync(file).size > MAX_FILE_BYTES) throw new ScreeningListError(file, `larger than ${MAX_FILE_BYTES} bytes`);
    const bytes = readFileSync(file);
    hash.update(name).update('\0').update(bytes);
    const list = basename(name, extname(name));
    entries.push(...(name.endsWith('.txt') ? parseTxt(list, bytes.toString('utf8')) : parseCsv(file, list, bytes)));
    if (entries.length > MAX_ENTRIES) throw new ScreeningListError(file, `more than ${MAX_ENTRIES} entries in total`);
  }
  return buildSanctionsIndex(entries, hash.digest('hex').slice(0, 16));
}

function parseTxt(list: string, content: string): SanctionsEntry[] {
  return content.split(/\r?\n/).flatMap((raw, i): SanctionsEntry[] => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return [];
    const match = /^(?:([a-z0-9_]+):)?(\S+)$/.exec(line);
    if (!match) return [];
    return [{ list, kind: 'address', value: match[2]!, network: match[1] ?? null, reference: `${list}:${i + 1}` }];
  });
}

function parseCsv(file: string, list: string, bytes: Buffer): SanctionsEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(bytes, { columns: true, skip_empty_lines: true, trim: true, comment: '#', comment_no_infix: true });
  } catch (error) {
    throw new ScreeningListError(file, (error as Error).message);
  }
  return rows.map((row, i): SanctionsEntry => {
    const kind = row.type;
    if ((kind !== 'address' && kind !== 'name') || !row.value) {
      throw new ScreeningListError(file, `row ${i + 2}: type must be address or name, value is required`);
    }
    return {
      list,
      kind,
      value: row.value,
      network: row.network || null,
      reference: row.reference || `${list}:${i + 2}`,
    };
  });
}

/** The list-based sanctions adapter: screening is a lookup in the index loaded at start-up. */
export function listSanctionsScreening(index: SanctionsIndex) {
  return {
    async sanctions(subject: ScreeningSubject): Promise<SanctionsScreening> {
      if (index.size === 0) return { status: 'unavailable', reason: 'no sanctions list loaded' };
      return { status: 'screened', listVersion: index.version, matches: index.match(subject) };
    },
  };
}
