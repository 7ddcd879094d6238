import type { AvroRecordSchema } from './avro-schema.ts';
import { checkConventions, checkKeySpec } from './schema-conventions.ts';
import type { SchemaFile } from './schema-files.ts';
import { parseSchemaText, readSchemaFiles, repoRoot } from './schema-files.ts';

const files = readSchemaFiles(repoRoot());
const parsed = (file: SchemaFile): AvroRecordSchema => {
  const result = parseSchemaText(file.text);
  if (!result.ok) throw new Error(`${file.path}: ${result.reason}`);
  return result.schema;
};

/** The v1 topics of ARCHITECTURE.md §3. */
const ARCHITECTURE_TOPICS = [
  'compliance.decided.v1',
  'dispatch.attempted.v1',
  'ledger.entries-posted.v1',
  'payouts.accepted.v1',
  'payouts.rejected.v1',
  'payouts.requested.v1',
  'payouts.status-changed.v1',
  'provider.callbacks-received.v1',
  'reconciliation.day-closed.v1',
  'reconciliation.discrepancy-detected.v1',
];

describe('schemas/ in the repository', () => {
  it('holds exactly one schema per v1 topic of the architecture', () => {
    expect(files.map((f) => f.topic).sort()).toEqual(ARCHITECTURE_TOPICS);
  });

  it.each(files.map((f) => [f.topic, f] as const))('%s follows the conventions', (_topic, file) => {
    expect(checkConventions(file, parsed(file))).toEqual([]);
  });
});

describe('checkConventions', () => {
  const file = files.find((f) => f.topic === 'ledger.entries-posted.v1')!;
  const schema = parsed(file);
  const withFields = (fields: readonly object[]): AvroRecordSchema => ({ ...schema, fields }) as AvroRecordSchema;

  it('requires the envelope first, in order', () => {
    const swapped = [schema.fields[1]!, schema.fields[0]!, ...schema.fields.slice(2)];
    expect(checkConventions(file, withFields(swapped))).toEqual([
      expect.stringContaining('the first fields must be the envelope'),
    ]);
  });

  it('requires a doc on every field, nested ones included', () => {
    const lines = schema.fields.find((f) => f.name === 'lines')!;
    const items = (lines.type as { items: AvroRecordSchema }).items;
    const undocumented = {
      ...lines,
      type: { type: 'array', items: { ...items, fields: [{ name: 'x', type: 'string' }] } },
    };
    const fields = schema.fields.map((f) => (f.name === 'lines' ? undocumented : f));
    expect(checkConventions(file, withFields(fields))).toEqual([
      'LedgerEntryPosted.lines[] (LedgerLine).x: field has no doc',
    ]);
  });

  it('requires money as *_minor long, and no floats', () => {
    const extra = [
      { name: 'total', type: 'long', doc: 'd' },
      { name: 'fee_minor', type: 'int', doc: 'd' },
      { name: 'rate', type: ['null', 'double'], default: null, doc: 'd' },
    ];
    expect(checkConventions(file, withFields([...schema.fields, ...extra]))).toEqual([
      expect.stringContaining('total: a plain long is money'),
      expect.stringContaining('fee_minor: *_minor fields are long'),
      expect.stringContaining('rate: no floats'),
    ]);
  });

  it('requires optional fields as ["null", T] with default null', () => {
    const extra = [
      { name: 'a', type: ['null', 'string'], doc: 'd' },
      { name: 'b', type: ['string', 'null'], default: 'x', doc: 'd' },
    ];
    expect(checkConventions(file, withFields([...schema.fields, ...extra]))).toEqual([
      expect.stringContaining('a: an optional field must have "default": null'),
      expect.stringContaining('b: unions must be ["null", T]'),
    ]);
  });

  it('requires the namespace and path to follow the topic name', () => {
    const moved = { ...file, path: 'schemas/payouts/ledger.entries-posted.v1.avsc' };
    expect(checkConventions(moved, { ...schema, namespace: 'sluice.ledger' })).toEqual([
      'path must be schemas/ledger/ledger.entries-posted.v1.avsc',
      'namespace must be "sluice.ledger.v1", found "sluice.ledger"',
    ]);
  });
});

describe('checkKeySpec', () => {
  const schemaOf = (topic: string) => parsed(files.find((f) => f.topic === topic)!);

  it('reads a key and its fallback', () => {
    expect(checkKeySpec(schemaOf('ledger.entries-posted.v1'))).toEqual({
      spec: { keyField: 'payout_id', keyFallbackField: 'entry_id' },
      violations: [],
    });
  });

  it('requires a fallback for a nullable key and refuses one for a required key', () => {
    const ledger = schemaOf('ledger.entries-posted.v1');
    expect(checkKeySpec({ ...ledger, 'sluice.key': ['payout_id'] }).violations).toEqual([
      expect.stringContaining('is nullable: name a non-null fallback'),
    ]);
    expect(checkKeySpec({ ...ledger, 'sluice.key': ['entry_id', 'payout_id'] }).violations).toEqual([
      expect.stringContaining('is never null: drop the fallback'),
    ]);
    expect(checkKeySpec({ ...ledger, 'sluice.key': ['lines'] }).violations).toEqual([
      expect.stringContaining('must be a top-level string'),
    ]);
  });
});
