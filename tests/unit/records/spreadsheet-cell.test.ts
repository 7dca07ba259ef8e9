import { describe, expect, it } from 'vitest';
import { spreadsheetCell } from '../../../platform/src/records/spreadsheet-cell.ts';

describe('spreadsheetCell', () => {
  it('prefixes text a spreadsheet would run as a formula with a quote and leaves numbers alone (issue 12 item 10)', () => {
    for (const text of ['=HYPERLINK("http://evil","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)', '\tTab', '\rReturn']) {
      expect(spreadsheetCell(text)).toBe(`'${text}`);
    }
    for (const text of ['Acme', ' =spaced', '', '2024-03-05', "'quoted"]) expect(spreadsheetCell(text)).toBe(text);
    expect(spreadsheetCell(-12.5)).toBe(-12.5);
    expect(spreadsheetCell(true)).toBe(true);
    expect(spreadsheetCell(null)).toBeNull();
  });
});
