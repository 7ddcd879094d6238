import type { AvroField, AvroRecordSchema, AvroSchema } from './avro-schema.ts';
import { ENVELOPE_FIELDS, eventTypeOf } from './envelope.ts';
import type { SchemaFile } from './schema-files.ts';

/** Where an event's Kafka key comes from: `keyField`, or `keyFallbackField` when `keyField` is null. */
export interface KeySpec {
  readonly keyField: string;
  readonly keyFallbackField: string | null;
}

/** Schema attribute naming the key field (and, when that one is nullable, the fallback): `["payout_id", "entry_id"]`. */
export const KEY_ATTRIBUTE = 'sluice.key';

const TOPIC_PATTERN = /^([a-z]+)\.[a-z][a-z0-9-]*\.v(\d+)$/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const NULLABLE_STRING = ['null', 'string'] as const;

/**
 * Checks one topic schema against the house rules (ARCHITECTURE.md §3 and the contracts brief): path and namespace
 * follow the topic name, the envelope comes first, every record/enum/field has a doc, nullable unions default to
 * null, money is `*_minor: long`, no floats, and the key attribute names usable fields.
 * @returns human-readable violations; empty when the schema conforms.
 */
export function checkConventions(file: SchemaFile, schema: AvroRecordSchema): string[] {
  const violations: string[] = [];
  const topicMatch = TOPIC_PATTERN.exec(file.topic);
  if (!topicMatch) {
    return [`topic name "${file.topic}" is not <domain>.<past-tense-fact>.v<major>`];
  }
  const [, domain, major] = topicMatch;
  if (file.path !== `schemas/${domain}/${file.topic}.avsc`) {
    violations.push(`path must be schemas/${domain}/${file.topic}.avsc`);
  }
  if (schema.namespace !== `sluice.${domain}.v${major}`) {
    violations.push(`namespace must be "sluice.${domain}.v${major}", found "${schema.namespace}"`);
  }
  violations.push(...checkEnvelope(schema, file.topic));
  violations.push(...checkKeySpec(schema).violations);
  walkNamed(schema, '', violations);
  return violations;
}

/** Reads the key attribute of a topic schema; `violations` is empty when it names usable fields. */
export function checkKeySpec(schema: AvroRecordSchema): { spec: KeySpec | null; violations: string[] } {
  const raw = schema[KEY_ATTRIBUTE];
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2 || !raw.every((v) => typeof v === 'string')) {
    return { spec: null, violations: [`"${KEY_ATTRIBUTE}" must be an array of one or two field names`] };
  }
  const [keyField, fallback] = raw as string[];
  const violations: string[] = [];
  const keyType = fieldOf(schema, keyField!)?.type;
  if (keyType === 'string' && fallback !== undefined) {
    violations.push(`key field "${keyField}" is never null: drop the fallback "${fallback}"`);
  } else if (isNullableString(keyType)) {
    if (fallback === undefined) {
      violations.push(`key field "${keyField}" is nullable: name a non-null fallback field`);
    } else if (fieldOf(schema, fallback)?.type !== 'string') {
      violations.push(`key fallback field "${fallback}" must be a top-level non-null string field`);
    }
  } else if (keyType !== 'string') {
    violations.push(`key field "${keyField}" must be a top-level string (or nullable string) field`);
  }
  return { spec: { keyField: keyField!, keyFallbackField: fallback ?? null }, violations };
}

function checkEnvelope(schema: AvroRecordSchema, topic: string): string[] {
  const names = schema.fields.slice(0, ENVELOPE_FIELDS.length).map((f) => f.name);
  if (names.join() !== ENVELOPE_FIELDS.join()) {
    return [`the first fields must be the envelope ${ENVELOPE_FIELDS.join(', ')}; found ${names.join(', ')}`];
  }
  const violations: string[] = [];
  const expectString = ['event_id', 'event_type', 'producer', 'correlation_id'];
  for (const name of expectString) {
    if (fieldOf(schema, name)?.type !== 'string') violations.push(`envelope field ${name} must be "string"`);
  }
  const occurredAt = fieldOf(schema, 'occurred_at')?.type;
  if (!isTimestampMillis(occurredAt)) violations.push('envelope field occurred_at must be a timestamp-millis long');
  if (!isNullableString(fieldOf(schema, 'causation_id')?.type)) {
    violations.push('envelope field causation_id must be ["null", "string"]');
  }
  const payoutId = fieldOf(schema, 'payout_id')?.type;
  if (payoutId !== 'string' && !isNullableString(payoutId)) {
    violations.push('envelope field payout_id must be "string" or ["null", "string"]');
  }
  if (!fieldOf(schema, 'event_type')?.doc?.includes(`"${eventTypeOf(topic)}"`)) {
    violations.push(`the doc of event_type must quote its value "${eventTypeOf(topic)}"`);
  }
  return violations;
}

/** Visits every named type (record, enum) and field, collecting violations with a dotted location. */
function walkNamed(schema: AvroSchema, at: string, violations: string[]): void {
  if (typeof schema === 'string') {
    if (schema === 'float' || schema === 'double') violations.push(`${at}: no floats (money is *_minor long)`);
    return;
  }
  if (Array.isArray(schema)) {
    for (const branch of schema as readonly AvroSchema[]) walkNamed(branch, at, violations);
    return;
  }
  const complex = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
  switch (complex.type) {
    case 'record': {
      const record = complex as AvroRecordSchema;
      const where = at ? `${at} (${record.name})` : record.name;
      if (!PASCAL_CASE.test(record.name)) violations.push(`${where}: record names are PascalCase`);
      if (!record.doc) violations.push(`${where}: record has no doc`);
      for (const field of record.fields) checkField(field, `${where}.${field.name}`, violations);
      return;
    }
    case 'enum':
      if (!complex.doc) violations.push(`${at} (${complex.name}): enum has no doc`);
      return;
    case 'array':
      walkNamed(complex.items, `${at}[]`, violations);
      return;
    case 'map':
      walkNamed(complex.values, `${at}{}`, violations);
      return;
    default:
      walkNamed(complex.type, at, violations);
  }
}

function checkField(field: AvroField, at: string, violations: string[]): void {
  if (!SNAKE_CASE.test(field.name)) violations.push(`${at}: field names are snake_case`);
  if (!field.doc) violations.push(`${at}: field has no doc`);
  const type = field.type;
  if (Array.isArray(type)) {
    const branches = type as readonly AvroSchema[];
    if (branches.length !== 2 || branches[0] !== 'null') {
      violations.push(`${at}: unions must be ["null", T] (optional values), found ${JSON.stringify(type)}`);
    } else if (field.default !== null) {
      violations.push(`${at}: an optional field must have "default": null`);
    }
  }
  const base = Array.isArray(type) ? (type as readonly AvroSchema[])[1] : type;
  const isPlainLong = base === 'long' || (isObjectOfType(base, 'long') && !hasLogicalType(base));
  if (isPlainLong && !field.name.endsWith('_minor')) {
    violations.push(`${at}: a plain long is money: name it *_minor (timestamps use logicalType timestamp-millis)`);
  }
  if (field.name.endsWith('_minor') && !isPlainLong) violations.push(`${at}: *_minor fields are long`);
  walkNamed(type, at, violations);
}

function fieldOf(schema: AvroRecordSchema, name: string): AvroField | undefined {
  return schema.fields.find((f) => f.name === name);
}

function isNullableString(type: AvroSchema | undefined): boolean {
  return Array.isArray(type) && type.length === 2 && type[0] === NULLABLE_STRING[0] && type[1] === NULLABLE_STRING[1];
}

function isTimestampMillis(type: AvroSchema | undefined): boolean {
  return isObjectOfType(type, 'long') && (type as { logicalType?: string }).logicalType === 'timestamp-millis';
}

function isObjectOfType(type: AvroSchema | undefined, name: string): boolean {
  return typeof type === 'object' && type !== null && !Array.isArray(type) && (type as { type: unknown }).type === name;
}

function hasLogicalType(type: AvroSchema | undefined): boolean {
  return typeof type === 'object' && type !== null && 'logicalType' in type;
}
