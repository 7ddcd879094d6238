import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AvroRecordSchema } from '../avro-schema.ts';
import { repoRoot } from '../schema-files.ts';
import { CodegenError, emitTypes } from './emit-types.ts';
import { GENERATED_DIR, GENERATED_HEADER, generateSources } from './generate-sources.ts';

describe('generateSources', () => {
  const root = repoRoot();
  const sources = generateSources(root);

  it.each(Object.keys(sources))(
    '%s in the tree is byte-identical to a fresh generation (run `npm run generate`)',
    (name) => {
      const committed = readFileSync(join(root, GENERATED_DIR, name), 'utf8');
      expect(committed).toBe(sources[name as keyof typeof sources]);
    },
  );

  it('starts every file with the do-not-edit header', () => {
    for (const content of Object.values(sources)) expect(content.split('\n')[0]).toBe(GENERATED_HEADER);
  });
});

describe('emitTypes', () => {
  const schema: AvroRecordSchema = {
    type: 'record',
    name: 'Sample',
    namespace: 'sluice.test.v2',
    doc: 'A sample.',
    fields: [
      { name: 'amount_minor', type: 'long', doc: 'Money.' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'count', type: 'int' },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'meta', type: { type: 'map', values: 'string' } },
      { name: 'side', type: { type: 'enum', name: 'Side', symbols: ['debit', 'credit'] } },
      {
        name: 'child',
        type: ['null', { type: 'record', name: 'Child', fields: [{ name: 'flag', type: 'boolean' }] }],
        default: null,
      },
      { name: 'children', type: { type: 'array', items: 'Child' } },
      { name: 'maybe_sides', type: { type: 'array', items: ['null', 'Side'] } },
    ],
  };

  it('maps Avro types to TypeScript: long→bigint, timestamp→number, nullable→T | null, named types by reference', () => {
    const { code, rootNames } = emitTypes([schema]);
    expect(rootNames).toEqual(['SampleV2']);
    expect(code).toBe(
      [
        '/** A sample. */',
        'export interface SampleV2 {',
        '/** Money. */',
        'amount_minor: bigint;',
        'at: number;',
        'count: number;',
        'note: string | null;',
        'tags: string[];',
        'meta: Record<string, string>;',
        'side: SideV2;',
        'child: ChildV2 | null;',
        'children: ChildV2[];',
        'maybe_sides: Array<SideV2 | null>;',
        '}',
        '',
        "export type SideV2 = 'debit' | 'credit';",
        '',
        'export interface ChildV2 {',
        'flag: boolean;',
        '}',
      ].join('\n'),
    );
  });

  it('refuses logical types it cannot map faithfully and unversioned namespaces', () => {
    const micros: AvroRecordSchema = {
      ...schema,
      fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } }],
    };
    expect(() => emitTypes([micros])).toThrow(expect.objectContaining({ code: 'unsupported_schema' }));
    expect(() => emitTypes([{ ...schema, namespace: 'sluice.test' }])).toThrow(CodegenError);
  });

  it('refuses two schemas that define the same named type', () => {
    expect(() => emitTypes([schema, schema])).toThrow(expect.objectContaining({ code: 'name_collision' }));
  });
});
