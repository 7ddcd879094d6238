import { globSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { AvroRecordSchema } from './avro-schema.ts';

/** One topic schema file, as found in the working tree or in a git revision. */
export interface SchemaFile {
  /** Repository-relative POSIX path, e.g. `schemas/payouts/payouts.requested.v1.avsc`. */
  readonly path: string;
  /** Topic name: the file name without `.avsc`, e.g. `payouts.requested.v1`. */
  readonly topic: string;
  /** File content, byte for byte. */
  readonly text: string;
}

/** Result of parsing a schema file: the record schema, or why it is not a valid Avro record. */
export type ParsedSchema =
  | { readonly ok: true; readonly schema: AvroRecordSchema }
  | { readonly ok: false; readonly reason: string };

/** Glob, relative to the repository root, of every topic schema. */
export const SCHEMA_GLOB = 'schemas/**/*.avsc';

/** Absolute path of the repository root (this file lives in packages/contracts/src). */
export function repoRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

/** Topic name of a schema path: its file name without the `.avsc` extension. */
export function topicOfPath(path: string): string {
  return basename(path, '.avsc');
}

/** Every schema file under `<root>/schemas`, sorted by path so that generated output is stable. */
export function readSchemaFiles(root: string): SchemaFile[] {
  return globSync(SCHEMA_GLOB, { cwd: root })
    .map((path) => path.split('\\').join('/'))
    .sort()
    .map((path) => ({ path, topic: topicOfPath(path), text: readFileSync(join(root, path), 'utf8') }));
}

/** Parses schema text as JSON and checks with avsc that it is a valid Avro record schema. */
export function parseSchemaText(text: string): ParsedSchema {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  try {
    avro.Type.forSchema(json as avro.Schema);
  } catch (error) {
    return { ok: false, reason: `not a valid Avro schema: ${(error as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'record') {
    return { ok: false, reason: 'the top-level schema must be a record' };
  }
  return { ok: true, schema: json as AvroRecordSchema };
}
