/**
 * The JSON shape of an Avro schema as written in `schemas/**\/*.avsc`, typed loosely enough to hold any valid
 * schema and strictly enough for the code generator and the convention checks to walk it without casts.
 */

/** Any JSON value (a field default, an unknown schema attribute). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A field of an Avro record. */
export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: JsonValue;
}

/** An Avro record, the top-level shape of every topic schema. Extra attributes (e.g. `sluice.key`) are allowed. */
export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
  readonly [attribute: string]: unknown;
}

/** An Avro enum. */
export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly symbols: readonly string[];
  readonly default?: string;
}

/** An Avro array. */
export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

/** An Avro map (keys are always strings). */
export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

/** A primitive written in object form, usually to carry a logical type (`{ type: 'long', logicalType: ... }`). */
export interface AvroPrimitiveSchema {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
}

/** Avro primitive type names. */
export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** Any Avro schema: a type name (primitive or a named type), a union, or a complex type. */
export type AvroSchema =
  | string
  | readonly AvroSchema[]
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroPrimitiveSchema;

const PRIMITIVES: readonly string[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

/** True for the name of an Avro primitive type. */
export function isPrimitiveName(name: string): name is AvroPrimitiveName {
  return PRIMITIVES.includes(name);
}
