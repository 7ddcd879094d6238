import { parse } from 'csv-parse/sync';
import { REPORT_COLUMNS, reportCsv, reportDay, type SettlementRow } from './settlement-report.ts';

const row: SettlementRow = {
  id: 'sbx_po_1',
  client_reference: 'ref, with "quotes"',
  status: 'failed',
  amount_minor: '100',
  settled_amount_minor: null,
  fee_amount_minor: null,
  currency: 'USDC',
  settled_at: '2025-03-01T10:00:00.000Z',
};

describe('settlement report', () => {
  it('writes a header line even when nothing settled', () => {
    expect(reportCsv([])).toBe(`${REPORT_COLUMNS.join(',')}\n`);
  });

  it('quotes fields so a client reference with commas and quotes survives a round trip', () => {
    const [parsed] = parse(reportCsv([row]), { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual({ ...row, settled_amount_minor: '', fee_amount_minor: '' });
  });

  it('reads a valid UTC day and refuses anything else', () => {
    expect(reportDay('2025-03-01')).toEqual({
      start: new Date('2025-03-01T00:00:00.000Z'),
      end: new Date('2025-03-02T00:00:00.000Z'),
    });
    for (const bad of ['2025-02-30', '2025-3-1', '20250301', '', undefined, ['2025-03-01']]) {
      expect(reportDay(bad)).toBeNull();
    }
  });
});
