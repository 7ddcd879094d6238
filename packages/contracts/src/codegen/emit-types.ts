import type { AvroEnumSchema, AvroRecordSchema, AvroSchema } from '../avro-schema.ts';
import { isPrimitiveName } from '../avro-schema.ts';

/** A TypeScript declaration emitted for one named Avro type. */
interface Declaration {
  readonly fullName: string;
  readonly tsName: string;
  code: string;
}

/** Thrown when a schema uses something the generator cannot map faithfully; `code` is stable. */
export class CodegenError extends Error {
  readonly code:
    | 'invalid_schema'
    | 'unsupported_schema'
    | 'name_collision'
    | 'unversioned_namespace'
    | 'undefined_type';
  constructor(code: CodegenError['code'], message: string) {
    super(message);
    this.name = 'CodegenError';
    this.code = code;
  }
}

const PRIMITIVE_TS: Readonly<Record<string, string>> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  // Every plain long is money (`*_minor`, enforced by schema-conventions.ts) and decodes to bigint through
  // avroOptions(): the generated type must say the same.
  long: 'bigint',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

/** TypeScript name of a named Avro type: its name plus the namespace's major version, e.g. `PayoutRequestedV1`. */
export function tsNameOf(name: string, namespace: string | undefined): string {
  const major = /\.v(\d+)$/.exec(namespace ?? '')?.[1];
  if (major === undefined) {
    throw new CodegenError('unversioned_namespace', `namespace of ${name} must end in .v<major>, found "${namespace}"`);
  }
  return `${name}V${major}`;
}

/**
 * Emits one interface per record (nested ones included) and one string-literal union per enum, in the order the
 * types first appear, for the given top-level record schemas. Output is unformatted (see biome-format.ts).
 * @returns the declarations' code and the TypeScript name of each top-level schema, by index.
 */
export function emitTypes(schemas: readonly AvroRecordSchema[]): { code: string; rootNames: string[] } {
  const declarations = new Map<string, Declaration>();
  const tsNames = new Set<string>();

  const declare = (fullName: string, tsName: string): Declaration => {
    if (declarations.has(fullName)) {
      throw new CodegenError('name_collision', `${fullName} is defined twice: give one of them another name`);
    }
    if (tsNames.has(tsName)) {
      throw new CodegenError('name_collision', `two types map to ${tsName}: ${fullName} and another; rename one`);
    }
    tsNames.add(tsName);
    const declaration = { fullName, tsName, code: '' };
    declarations.set(fullName, declaration);
    return declaration;
  };

  const tsType = (schema: AvroSchema, namespace: string | undefined): string => {
    if (typeof schema === 'string') {
      if (isPrimitiveName(schema)) return PRIMITIVE_TS[schema]!;
      const fullName = schema.includes('.') ? schema : `${namespace}.${schema}`;
      const declared = declarations.get(fullName);
      if (!declared) throw new CodegenError('undefined_type', `type ${schema} is used before it is defined`);
      return declared.tsName;
    }
    if (Array.isArray(schema)) {
      // `T | null` reads better than Avro's null-first order (which Avro needs for the null default).
      const branches = (schema as readonly AvroSchema[]).map((branch) => tsType(branch, namespace));
      return [...branches.filter((b) => b !== 'null'), ...branches.filter((b) => b === 'null')].join(' | ');
    }
    const complex = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
    switch (complex.type) {
      case 'record':
        return emitRecord(complex as AvroRecordSchema, namespace);
      case 'enum':
        return emitEnum(complex as AvroEnumSchema, namespace);
      case 'array': {
        const items = tsType(complex.items, namespace);
        return items.includes(' ') ? `Array<${items}>` : `${items}[]`;
      }
      case 'map':
        return `Record<string, ${tsType(complex.values, namespace)}>`;
      default: {
        const logicalType = 'logicalType' in complex ? complex.logicalType : undefined;
        if (logicalType === undefined) return tsType(complex.type, namespace);
        // Only the logical type whose runtime mapping we control is accepted: a long of epoch milliseconds is
        // decoded by avsc as a plain number (avroOptions() leaves logical longs alone).
        if (complex.type === 'long' && logicalType === 'timestamp-millis') return 'number';
        throw new CodegenError('unsupported_schema', `logical type ${logicalType} on ${complex.type} is not supported`);
      }
    }
  };

  const emitRecord = (record: AvroRecordSchema, enclosing: string | undefined): string => {
    const namespace = record.namespace ?? enclosing;
    const declaration = declare(`${namespace}.${record.name}`, tsNameOf(record.name, namespace));
    const members = record.fields.map(
      (field) => `${docComment(field.doc)}${field.name}: ${tsType(field.type, namespace)};`,
    );
    declaration.code = `${docComment(record.doc)}export interface ${declaration.tsName} {\n${members.join('\n')}\n}`;
    return declaration.tsName;
  };

  const emitEnum = (schema: AvroEnumSchema, enclosing: string | undefined): string => {
    const namespace = schema.namespace ?? enclosing;
    const declaration = declare(`${namespace}.${schema.name}`, tsNameOf(schema.name, namespace));
    const union = schema.symbols.map((symbol) => `'${symbol}'`).join(' | ');
    declaration.code = `${docComment(schema.doc)}export type ${declaration.tsName} = ${union};`;
    return declaration.tsName;
  };

  const rootNames = schemas.map((schema) => emitRecord(schema, undefined));
  const code = [...declarations.values()].map((d) => d.code).join('\n\n');
  return { code, rootNames };
}

/** A TSDoc comment for an Avro doc string (`*\/` cannot occur inside it). */
export function docComment(doc: string | undefined): string {
  return doc ? `/** ${doc.replaceAll('*/', '*\\/')} */\n` : '';
}
