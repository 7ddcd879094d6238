import avro from 'avsc';
import { checkConventions } from './schema-conventions.ts';
import type { SchemaFile } from './schema-files.ts';
import { parseSchemaText } from './schema-files.ts';
import type { SchemaVersion } from './schema-history.ts';

/** Whether one schema can replace another under BACKWARD compatibility, or why not. */
export type CompatibilityVerdict =
  | { readonly compatible: true }
  | { readonly compatible: false; readonly code: 'incompatible' | 'invalid_schema'; readonly reason: string };

/**
 * BACKWARD compatibility (ARCHITECTURE.md §3, the registry's setting): can a consumer holding `readerSchema` (the
 * new one) decode every record written with `writerSchema` (the old one)? Decided by avsc's schema resolution
 * (`reader.createResolver(writer)`), which applies the Avro spec rules: fields are matched by name (or alias),
 * a reader-only field needs a default, a writer-only field is skipped, types must match or promote
 * (int→long→float→double, string↔bytes), enums need the writer's symbols (or a default) and named types keep
 * their names (or alias the old ones).
 */
export function checkBackward(readerSchema: unknown, writerSchema: unknown): CompatibilityVerdict {
  let reader: avro.Type;
  let writer: avro.Type;
  try {
    // Separate types (and name registries) per side: both define the same record names.
    reader = avro.Type.forSchema(readerSchema as avro.Schema);
    writer = avro.Type.forSchema(writerSchema as avro.Schema);
  } catch (error) {
    return { compatible: false, code: 'invalid_schema', reason: (error as Error).message };
  }
  try {
    reader.createResolver(writer);
    return { compatible: true };
  } catch (error) {
    return { compatible: false, code: 'incompatible', reason: (error as Error).message };
  }
}

/** What happened to one schema between a base (e.g. HEAD) and the working tree. */
export type SchemaChangeStatus = 'new' | 'unchanged' | 'compatible' | 'incompatible' | 'removed' | 'invalid';

/** One line of the compatibility report. */
export interface SchemaChange {
  readonly path: string;
  readonly topic: string;
  readonly status: SchemaChangeStatus;
  /** Why the change breaks (incompatible, removed, invalid); absent otherwise. */
  readonly reason?: string;
  /**
   * For a compatible change that old readers cannot decode (e.g. a new enum symbol, a removed field without
   * default): consumers must be upgraded before producers start writing it.
   */
  readonly warning?: string;
}

const BREAKING: readonly SchemaChangeStatus[] = ['incompatible', 'removed', 'invalid'];

/** True for the statuses that must fail the gate. */
export function isBreaking(change: SchemaChange): boolean {
  return BREAKING.includes(change.status);
}

/** What to compare the working tree with, besides the base revision's files. */
export interface CompareOptions {
  /** Name of the base revision in reasons (e.g. `HEAD`). */
  readonly baseLabel?: string;
  /** Older committed versions per path (see readSchemaHistory); each must stay readable. */
  readonly history?: ReadonlyMap<string, readonly SchemaVersion[]>;
}

/**
 * Compares every schema of the working tree with the base revision's version at the same path and with every
 * older version in `history`: new, unchanged, BACKWARD compatible with all of them, incompatible with one,
 * removed (consumers may still read the topic: publish a `.v2` alongside instead), or invalid (not a valid Avro
 * record, or against the house conventions).
 * @returns one change per path of either side, sorted by path.
 */
export function compareSchemaSets(
  current: readonly SchemaFile[],
  base: readonly SchemaFile[],
  options: CompareOptions = {},
): SchemaChange[] {
  const { baseLabel = 'base', history = new Map<string, readonly SchemaVersion[]>() } = options;
  const baseByPath = new Map(base.map((file) => [file.path, file]));
  const changes: SchemaChange[] = current.map((file) => {
    const previous = baseByPath.get(file.path);
    const olderVersions = [
      ...(previous ? [{ label: baseLabel, text: previous.text }] : []),
      ...(history.get(file.path) ?? []).map((v) => ({ label: `commit ${v.commit.slice(0, 12)}`, text: v.text })),
    ];
    return compareOne(file, previous, olderVersions);
  });
  const currentPaths = new Set(current.map((file) => file.path));
  for (const file of base) {
    if (!currentPaths.has(file.path)) {
      const reason = 'schema file removed: consumers may still read this topic (add a new major version instead)';
      changes.push({ path: file.path, topic: file.topic, status: 'removed', reason });
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function compareOne(
  file: SchemaFile,
  previous: SchemaFile | undefined,
  olderVersions: readonly { label: string; text: string }[],
): SchemaChange {
  const { path, topic } = file;
  const parsed = parseSchemaText(file.text);
  if (!parsed.ok) return { path, topic, status: 'invalid', reason: parsed.reason };
  const violations = checkConventions(file, parsed.schema);
  if (violations.length > 0) return { path, topic, status: 'invalid', reason: violations.join('; ') };
  if (olderVersions.length === 0) return { path, topic, status: 'new' };

  const seen = new Set<string>([file.text]);
  let warning: string | undefined;
  for (const older of olderVersions) {
    if (seen.has(older.text)) continue;
    seen.add(older.text);
    const old = parseSchemaText(older.text);
    // An invalid old version cannot have been registered or produced: nothing to stay compatible with.
    if (!old.ok) continue;
    const verdict = checkBackward(parsed.schema, old.schema);
    if (!verdict.compatible) {
      return {
        path,
        topic,
        status: 'incompatible',
        reason: `cannot read the ${older.label} version: ${verdict.reason}`,
      };
    }
    const forward = checkBackward(old.schema, parsed.schema);
    if (!forward.compatible && warning === undefined) {
      warning = `readers of the ${older.label} version cannot read new data (${forward.reason})`;
    }
  }
  const status = previous?.text === file.text ? 'unchanged' : 'compatible';
  return warning === undefined ? { path, topic, status } : { path, topic, status, warning };
}
