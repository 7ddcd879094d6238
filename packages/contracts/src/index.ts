export { avroOptions, avroTypeFor, BigIntLongType, decodeEvent, encodeEvent, invalidPaths } from './avro-codec.ts';
export type {
  AvroArraySchema,
  AvroEnumSchema,
  AvroField,
  AvroMapSchema,
  AvroPrimitiveSchema,
  AvroRecordSchema,
  AvroSchema,
  JsonValue,
} from './avro-schema.ts';
export { type CompatibilityVerdict, checkBackward } from './compatibility.ts';
export { ENVELOPE_FIELDS, type EventEnvelope, eventTypeOf } from './envelope.ts';
export { TOPICS, type TopicName, type TopicPayloads } from './generated/topics.ts';
export type * from './generated/types.ts';
export type { FieldOfType, KeyableField, TopicDefinition, TopicRegistry } from './topic-definition.ts';
export { dlqTopic, isTopicName, MissingKeyError, messageKey, TOPIC_NAMES } from './topic-registry.ts';
