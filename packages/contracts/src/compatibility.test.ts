import { checkBackward, compareSchemaSets, isBreaking } from './compatibility.ts';
import type { SchemaFile } from './schema-files.ts';
import { readSchemaFiles, repoRoot } from './schema-files.ts';

const record = (fields: readonly object[], extra: object = {}) => ({
  type: 'record',
  name: 'Thing',
  namespace: 'sluice.test.v1',
  fields,
  ...extra,
});
const base = [{ name: 'id', type: 'string' }];

describe('checkBackward (new reader, old writer)', () => {
  it('accepts a field added with a default', () => {
    expect(checkBackward(record([...base, { name: 'n', type: 'int', default: 0 }]), record(base))).toEqual({
      compatible: true,
    });
  });

  it('refuses a field added without a default', () => {
    const verdict = checkBackward(record([...base, { name: 'n', type: 'int' }]), record(base));
    expect(verdict).toEqual({ compatible: false, code: 'incompatible', reason: expect.stringContaining('n') });
  });

  it('accepts a removed field, with or without default: the new reader skips it', () => {
    expect(checkBackward(record([]), record(base)).compatible).toBe(true);
  });

  it('refuses a type change int → string, accepts the promotion int → long', () => {
    const asInt = record([{ name: 'n', type: 'int' }]);
    expect(checkBackward(record([{ name: 'n', type: 'string' }]), asInt)).toMatchObject({
      compatible: false,
      code: 'incompatible',
    });
    expect(checkBackward(record([{ name: 'n', type: 'long' }]), asInt).compatible).toBe(true);
  });

  it('refuses making an optional field required, accepts the reverse', () => {
    const optional = record([{ name: 'id', type: ['null', 'string'], default: null }]);
    expect(checkBackward(record(base), optional).compatible).toBe(false);
    expect(checkBackward(optional, record(base)).compatible).toBe(true);
  });

  it('refuses removing an enum symbol unless the enum has a default', () => {
    const enumField = (symbols: string[], extra: object = {}) =>
      record([{ name: 'd', type: { type: 'enum', name: 'Side', symbols, ...extra } }]);
    expect(checkBackward(enumField(['debit']), enumField(['debit', 'credit'])).compatible).toBe(false);
    expect(checkBackward(enumField(['debit'], { default: 'debit' }), enumField(['debit', 'credit'])).compatible).toBe(
      true,
    );
  });

  it('refuses renaming the record unless the new name aliases the old one', () => {
    expect(checkBackward(record(base, { name: 'Other' }), record(base)).compatible).toBe(false);
    expect(checkBackward(record(base, { name: 'Other', aliases: ['Thing'] }), record(base)).compatible).toBe(true);
  });

  it('reports an invalid schema as such', () => {
    expect(checkBackward({ type: 'record', name: 'X' }, record(base))).toMatchObject({
      compatible: false,
      code: 'invalid_schema',
    });
  });
});

describe('compareSchemaSets', () => {
  const [repoFile] = readSchemaFiles(repoRoot()).filter((f) => f.topic === 'payouts.requested.v1');
  const file = repoFile!;
  const schema = JSON.parse(file.text) as { fields: object[] };
  const edited = (fields: object[]): SchemaFile => ({ ...file, text: JSON.stringify({ ...schema, fields }) });

  it('classifies new, unchanged, compatible, incompatible and removed schemas', () => {
    const other: SchemaFile = { path: 'schemas/payouts/payouts.gone.v1.avsc', topic: 'payouts.gone.v1', text: '{}' };
    const optionalAdded = edited([
      ...schema.fields,
      { name: 'note', type: ['null', 'string'], default: null, doc: 'x' },
    ]);
    const requiredAdded = edited([...schema.fields, { name: 'note', type: 'string', doc: 'x' }]);

    expect(compareSchemaSets([file], []).map((c) => c.status)).toEqual(['new']);
    expect(compareSchemaSets([file], [file]).map((c) => c.status)).toEqual(['unchanged']);
    expect(compareSchemaSets([optionalAdded], [file]).map((c) => c.status)).toEqual(['compatible']);
    const [broken] = compareSchemaSets([requiredAdded], [file]);
    expect(broken).toMatchObject({ status: 'incompatible', reason: expect.stringContaining('note') });
    expect(isBreaking(broken!)).toBe(true);
    expect(compareSchemaSets([file], [file, other])).toEqual([
      { path: other.path, topic: 'payouts.gone.v1', status: 'removed', reason: expect.stringContaining('removed') },
      { path: file.path, topic: file.topic, status: 'unchanged' },
    ]);
  });

  it('warns when a compatible change cannot be read by old readers', () => {
    const withoutReference = edited(schema.fields.filter((f) => (f as { name: string }).name !== 'beneficiary_id'));
    const [change] = compareSchemaSets([withoutReference], [file]);
    expect(change).toMatchObject({ status: 'compatible', warning: expect.stringContaining('beneficiary_id') });
    expect(isBreaking(change!)).toBe(false);
  });

  it('checks every older committed version, naming the one that can no longer be read', () => {
    const requiredAdded = edited([...schema.fields, { name: 'note', type: 'string', doc: 'x' }]);
    const history = new Map([[file.path, [{ commit: 'c0ffee'.repeat(7).slice(0, 40), text: file.text }]]]);
    const [change] = compareSchemaSets([requiredAdded], [requiredAdded], { baseLabel: 'HEAD', history });
    expect(change).toMatchObject({
      status: 'incompatible',
      reason: expect.stringMatching(/commit c0ffeec0ffee .*note/),
    });
  });

  it('fails a schema that breaks the house conventions even when it is new', () => {
    const undocumented = edited([...schema.fields, { name: 'note', type: ['null', 'string'], default: null }]);
    const [change] = compareSchemaSets([undocumented], []);
    expect(change).toMatchObject({ status: 'invalid', reason: expect.stringContaining('no doc') });
  });
});
