import type { AvroRecordSchema } from '../avro-schema.ts';
import { checkConventions, checkKeySpec } from '../schema-conventions.ts';
import { parseSchemaText, readSchemaFiles } from '../schema-files.ts';
import { formatWithBiome } from './biome-format.ts';
import { emitTopics } from './emit-topics.ts';
import { CodegenError, emitTypes } from './emit-types.ts';

/** Repository-relative folder the generated files are written to. */
export const GENERATED_DIR = 'packages/contracts/src/generated';

/** First line of every generated file. */
export const GENERATED_HEADER =
  '// Generated from schemas/**/*.avsc by packages/contracts/scripts/generate.ts: do not edit, run `npm run generate`.';

/** Content of each generated file, by file name within GENERATED_DIR. */
export type GeneratedSources = Readonly<Record<'types.ts' | 'topics.ts', string>>;

/**
 * Reads every schema under `<root>/schemas`, checks the house conventions and returns the formatted content of
 * `types.ts` and `topics.ts`. Pure apart from reading the schemas and running Biome: writing is the caller's job,
 * so a test can compare the result with the committed files byte for byte.
 * @throws CodegenError with code `invalid_schema` listing every violation of every schema.
 */
export function generateSources(root: string): GeneratedSources {
  const files = readSchemaFiles(root);
  const problems: string[] = [];
  const schemas: AvroRecordSchema[] = [];
  for (const file of files) {
    const parsed = parseSchemaText(file.text);
    if (!parsed.ok) {
      problems.push(`${file.path}: ${parsed.reason}`);
      continue;
    }
    problems.push(...checkConventions(file, parsed.schema).map((v) => `${file.path}: ${v}`));
    schemas.push(parsed.schema);
  }
  if (files.length === 0) problems.push(`no schema found under ${root}/schemas`);
  if (problems.length > 0)
    throw new CodegenError('invalid_schema', `schemas break conventions:\n${problems.join('\n')}`);

  const { code: typesCode, rootNames } = emitTypes(schemas);
  const topicsCode = emitTopics(
    files.map((file, i) => ({
      topic: file.topic,
      schemaFile: file.path,
      schema: schemas[i]!,
      payloadType: rootNames[i]!,
      key: checkKeySpec(schemas[i]!).spec!,
    })),
  );
  return {
    'types.ts': formatWithBiome(`${GENERATED_HEADER}\n\n${typesCode}\n`, 'types.ts', root),
    'topics.ts': formatWithBiome(`${GENERATED_HEADER}\n\n${topicsCode}\n`, 'topics.ts', root),
  };
}
