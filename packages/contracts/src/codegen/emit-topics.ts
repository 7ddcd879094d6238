import type { AvroRecordSchema } from '../avro-schema.ts';
import type { KeySpec } from '../schema-conventions.ts';

/** What the topic registry needs to know about one topic. */
export interface TopicSource {
  readonly topic: string;
  readonly schemaFile: string;
  readonly schema: AvroRecordSchema;
  readonly payloadType: string;
  readonly key: KeySpec;
}

/** Emits `topics.ts`: the `TopicPayloads` map, `TopicName`, one schema constant per topic and `TOPICS`. */
export function emitTopics(topics: readonly TopicSource[]): string {
  const typeImports = [...new Set(topics.map((t) => t.payloadType))].sort();
  const constName = (topic: string) => topic.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const payloads = topics.map((t) => `'${t.topic}': ${t.payloadType};`);
  const schemas = topics.map(
    (t) => `const ${constName(t.topic)}: AvroRecordSchema = ${JSON.stringify(t.schema, null, 2)};`,
  );
  const entries = topics.map((t) =>
    [
      `'${t.topic}': {`,
      `topic: '${t.topic}',`,
      `subject: '${t.topic}-value',`,
      `keyField: '${t.key.keyField}',`,
      `keyFallbackField: ${t.key.keyFallbackField === null ? 'null' : `'${t.key.keyFallbackField}'`},`,
      `schemaFile: '${t.schemaFile}',`,
      `schema: ${constName(t.topic)},`,
      '},',
    ].join('\n'),
  );
  return [
    "import type { AvroRecordSchema } from '../avro-schema.ts';",
    "import type { TopicRegistry } from '../topic-definition.ts';",
    `import type { ${typeImports.join(', ')} } from './types.ts';`,
    '',
    '/** Payload type of every topic: what a consumer decodes and a producer encodes. */',
    `export interface TopicPayloads {\n${payloads.join('\n')}\n}`,
    '',
    '/** Name of a topic of the registry, e.g. `payouts.requested.v1`. */',
    'export type TopicName = keyof TopicPayloads;',
    '',
    schemas.join('\n\n'),
    '',
    '/**',
    ' * Every topic: its registry subject (`<topic>-value`), where its Kafka key comes from, its schema file and the',
    ' * parsed schema to register. Keys: `keyField`, or `keyFallbackField` when `keyField` is null (see messageKey()).',
    ' */',
    `export const TOPICS = {\n${entries.join('\n')}\n} as const satisfies TopicRegistry;`,
  ].join('\n');
}
