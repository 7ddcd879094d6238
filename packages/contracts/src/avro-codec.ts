import avro from 'avsc';
import type { AvroSchema } from './avro-schema.ts';
import type { TopicName, TopicPayloads } from './generated/topics.ts';
import { TOPICS } from './generated/topics.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Avro `long` as a JS `bigint`: money is `amount_minor: long` and must survive values above 2^53 exactly, which
 * avsc's default number mapping cannot. Built with avsc's documented `LongType.__with` hook.
 * JSON form (only used by `Type#toString`/`clone`): a number when it is a safe integer, else a decimal string.
 */
export const BigIntLongType: avro.Type = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer): bigint => buf.readBigInt64LE(),
  toBuffer: (value: bigint): Buffer => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(value);
    return buf;
  },
  fromJSON: (json: number | string | bigint): bigint => BigInt(json),
  toJSON: (value: bigint): number | string => (value >= SAFE_MIN && value <= SAFE_MAX ? Number(value) : `${value}`),
  isValid: (value: unknown): boolean => typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX,
  compare: (a: bigint, b: bigint): number => (a === b ? 0 : a < b ? -1 : 1),
});

/** avsc's type hook: every plain `long` becomes BigIntLongType; logical longs (timestamp-millis) stay numbers. */
function bigintLongHook(schema: AvroSchema | avro.Type): avro.Type | undefined {
  if (schema === 'long') return BigIntLongType;
  const isPlainLongObject =
    typeof schema === 'object' &&
    !Array.isArray(schema) &&
    !avro.Type.isType(schema) &&
    (schema as { type?: unknown }).type === 'long' &&
    !('logicalType' in schema);
  return isPlainLongObject ? BigIntLongType : undefined;
}

/**
 * Options for `avro.Type.forSchema` that decode Avro `long` to `bigint` (and `timestamp-millis` to a number of
 * epoch milliseconds), matching the generated types. Returns a fresh object on every call because avsc adds a
 * `registry` of named types to the options it is given, and a shared registry would reject the next version of a
 * record ("duplicate type name").
 *
 * With `@kafkajs/confluent-schema-registry` pass it once at construction (the client copies it per schema):
 * ```ts
 * new SchemaRegistry({ host }, { [SchemaType.AVRO]: avroOptions() });
 * // or the legacy form: new SchemaRegistry({ host }, { forSchemaOptions: avroOptions() })
 * ```
 */
export function avroOptions(): Partial<avro.ForSchemaOptions> {
  return { typeHook: bigintLongHook as avro.ForSchemaOptions['typeHook'] };
}

const typeCache = new Map<TopicName, avro.Type>();

/** The avsc type of a topic's current schema, built with avroOptions() (cached). */
export function avroTypeFor(topic: TopicName): avro.Type {
  let type = typeCache.get(topic);
  if (!type) {
    type = avro.Type.forSchema(TOPICS[topic].schema as avro.Schema, avroOptions());
    typeCache.set(topic, type);
  }
  return type;
}

/**
 * Paths of the values that do not fit the topic's schema (e.g. `["amount_minor"]` for a number instead of a
 * bigint, `["lines", "0", "direction"]`); empty when the payload is encodable.
 */
export function invalidPaths<T extends TopicName>(topic: T, payload: TopicPayloads[T]): string[] {
  const paths: string[] = [];
  avroTypeFor(topic).isValid(payload, { errorHook: (path: string[]) => paths.push(path.join('.')) });
  return paths;
}

/** Encodes a payload with the topic's schema (plain Avro binary, no registry framing). */
export function encodeEvent<T extends TopicName>(topic: T, payload: TopicPayloads[T]): Buffer {
  return avroTypeFor(topic).toBuffer(payload);
}

/** Decodes plain Avro binary written with the topic's current schema. */
export function decodeEvent<T extends TopicName>(topic: T, buf: Buffer): TopicPayloads[T] {
  return avroTypeFor(topic).fromBuffer(buf) as TopicPayloads[T];
}
