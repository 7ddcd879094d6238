import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSanctionsScreening, loadSanctionsLists, ScreeningListError } from './list-sanctions.adapter.ts';

async function withDir(files: Record<string, string>, body: (dir: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lists-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('list-based sanctions adapter', () => {
  it('loads the shipped sandbox lists and screens against them', async () => {
    const index = loadSanctionsLists();
    expect(index.size).toBeGreaterThan(2);
    const screening = listSanctionsScreening(index);
    const result = await screening.sanctions({
      network: 'base',
      address: '0x5a1c7e0000000000000000000000000000000bad',
      name: null,
    });
    expect(result).toMatchObject({ status: 'screened', matches: [{ matchedOn: 'address', strength: 'exact' }] });
  });

  it('reads txt (with comments and network prefixes) and csv (quoted names)', async () => {
    await withDir(
      {
        'a.txt': '# sandbox\n0xAA00000000000000000000000000000000000001\nsolana:Sol111\n',
        'b.csv': 'type,value,network,reference\nname,"Doe, John",,B-1\naddress,TAddr,tron,\n',
      },
      (dir) => {
        const index = loadSanctionsLists(dir);
        expect(index.size).toBe(4);
        expect(index.version).toMatch(/^[0-9a-f]{16}$/);
        expect(index.match({ network: 'solana', address: 'Sol111', name: 'John Doe' }).map((m) => m.reference)).toEqual(
          ['a:3', 'B-1'],
        );
        expect(index.match({ network: 'tron', address: 'TAddr', name: null })[0]?.reference).toBe('b:3');
      },
    );
  });

  it('changes its version when a list changes', async () => {
    let first = '';
    await withDir({ 'a.txt': '0x01\n' }, (dir) => {
      first = loadSanctionsLists(dir).version;
    });
    await withDir({ 'a.txt': '0x02\n' }, (dir) => {
      expect(loadSanctionsLists(dir).version).not.toBe(first);
    });
  });

  it('refuses a malformed csv row and answers unavailable with no lists', async () => {
    await withDir({ 'b.csv': 'type,value,network,reference\nperson,X,,\n' }, (dir) => {
      expect(() => loadSanctionsLists(dir)).toThrow(ScreeningListError);
    });
    await withDir({}, async (dir) => {
      const result = await listSanctionsScreening(loadSanctionsLists(dir)).sanctions({
        network: null,
        address: null,
        name: 'x',
      });
      expect(result.status).toBe('unavailable');
    });
  });
});
