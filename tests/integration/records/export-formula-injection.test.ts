import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Spreadsheet formula injection (OWASP "CSV injection"): exported text never becomes a live formula.

let t: TestApp;

const hostile = ['=HYPERLINK("http://evil.example","Click")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(A1:A2)', '\tTabbed', '\rReturned'];

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'reporting' }] });
  const res = await t.admin.put('/api/meta/objects/prospect', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'amount', type: 'number' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  for (const [i, name] of [...hostile, 'Plain'].entries()) {
    expect((await t.admin.post('/api/records/prospect', { name, amount: i === 0 ? -5 : i })).status).toBe(201);
  }
  const report = await t.admin.put('/api/meta/reports/prospects_by_name', { object: 'prospect', groupBy: [{ field: 'name' }], measures: [{ fn: 'sum', field: 'amount' }] });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
});
afterAll(() => t?.close());

async function xlsxRows(res: Response): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const rows: unknown[][] = [];
  const sheet = workbook.worksheets[0];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  // No cell is stored as a formula.
  sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  return rows;
}

const quoted = (text: string) => `'${text}`;
// XML reading turns a stored carriage return into a line feed.
const quotedInXlsx = (text: string) => quoted(text).replace('\r', '\n');

describe('export formula injection (issue 12 item 10)', () => {
  it('record exports quote text starting with = + - @ tab or CR, in CSV and XLSX, and keep negative numbers as numbers', async () => {
    const csv = await t.admin.raw('/api/records/prospect/export?format=csv&fields=name,amount&sort=id');
    const csvRows = parse(await csv.text(), { bom: true, relax_quotes: true }) as string[][];
    expect(csvRows.slice(1).map((r) => r[0])).toEqual([...hostile.map(quoted), 'Plain']);
    expect(csvRows[1][1]).toBe('-5');

    const xlsx = await xlsxRows(await t.admin.raw('/api/records/prospect/export?format=xlsx&fields=name,amount&sort=id'));
    expect(xlsx.slice(1).map((r) => r[0])).toEqual([...hostile.map(quotedInXlsx), 'Plain']);
    expect(xlsx[1][1]).toBe(-5);
  });

  it('report exports quote hostile group values in CSV and XLSX, numbers stay numbers', async () => {
    const csv = await t.admin.raw('/api/reports/prospects_by_name/export?format=csv');
    const csvRows = parse((await csv.text()).replace(/^\uFEFF/, ''), { relax_quotes: true }) as string[][];
    const csvNames = csvRows.slice(1).map((r) => r[0]);
    expect(csvNames).toEqual(expect.arrayContaining([...hostile.map(quoted), 'Plain']));
    expect(csvRows.find((r) => r[0] === quoted(hostile[0]))?.[1]).toBe('-5');

    const xlsx = await xlsxRows(await t.admin.raw('/api/reports/prospects_by_name/export?format=xlsx'));
    expect(xlsx.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining([...hostile.map(quotedInXlsx), 'Plain']));
    expect(xlsx.find((r) => r[0] === quoted(hostile[0]))?.[1]).toBe(-5);
  });
});
