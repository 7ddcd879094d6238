import type { FieldIssue } from '../domain/field-issue.ts';
import { encodeCursor, MAX_PAGE_SIZE, readIndexPage, readPage } from './pagination.ts';

const ID = '01a21828-4c66-739b-9b55-3889db7d7aa1';

describe('pagination', () => {
  it('reads an index cursor this API returned, and starts before index 0 without one', () => {
    const issues: FieldIssue[] = [];
    expect(readIndexPage({}, issues)).toEqual({ afterIndex: -1, limit: 20 });
    expect(readIndexPage({ cursor: encodeCursor(0), limit: '100' }, issues)).toEqual({ afterIndex: 0, limit: 100 });
    expect(readIndexPage({ cursor: encodeCursor(9_999) }, issues)).toEqual({ afterIndex: 9_999, limit: 20 });
    expect(issues).toEqual([]);
  });

  it('refuses index cursors it never issues, and ids where an index belongs (and the reverse)', () => {
    for (const cursor of [encodeCursor(-1), encodeCursor('01'), encodeCursor('1e3'), encodeCursor(ID), 'zz', 7]) {
      const issues: FieldIssue[] = [];
      expect(readIndexPage({ cursor }, issues)).toBeUndefined();
      expect(issues).toEqual([expect.objectContaining({ path: 'cursor', code: 'cursor_invalid' })]);
    }
    const issues: FieldIssue[] = [];
    expect(readPage({ cursor: encodeCursor(3) }, issues)).toBeUndefined();
    expect(readPage({ cursor: encodeCursor(ID) }, [])).toEqual({ afterId: ID, limit: 20 });
  });

  it(`bounds the page size to 1…${MAX_PAGE_SIZE}`, () => {
    for (const limit of ['0', String(MAX_PAGE_SIZE + 1), '2.5', 'ten']) {
      const issues: FieldIssue[] = [];
      expect(readIndexPage({ limit }, issues)).toBeUndefined();
      expect(issues.map((issue) => issue.code)).toEqual(['limit_invalid']);
    }
  });
});
