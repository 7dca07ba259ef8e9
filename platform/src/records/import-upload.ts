import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createError } from '../core/errors.ts';
import { msg, type Message } from '../core/messages/message.ts';

export type UploadFormat = 'csv' | 'xlsx' | 'json';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One data row of an upload: where it is in the file (for error reports) and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
}

/** An upload read into the one shape every import checks: a header of column names and rows of text cells. */
export interface UploadTable {
  format: UploadFormat;
  header: string[];
  rows: SourceRow[];
}

const formatsHelp = () => msg('upload.formats', { xlsx: XLSX_TYPE, csv: '{"csv": "..."}' });

function unreadable(format: string | Message, err: unknown): never {
  // The parser's own words (English) say where the file breaks.
  const problem = err instanceof Error ? err.message.slice(0, 300) : msg('upload.unreadableDetail');
  throw createError('BAD_REQUEST', msg('upload.unreadable', { format, problem }), [{ path: '/file', message: msg('upload.parserSaid', { problem }) }]);
}

export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    return unreadable('CSV', err);
  }
}

/** CSV text: the first record is the header; row numbers are the spreadsheet's (the header is row 1). */
export function csvTable(text: string): UploadTable {
  const [header = [], ...records] = parseCsv(text);
  return { format: 'csv', header, rows: records.map((cells, i) => ({ row: i + 2, cells })) };
}

/** A cell of a worksheet as the text a CSV would hold: formulas by their result, dates as ISO text. */
function xlsxCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return xlsxCellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return String(value.text ?? value.hyperlink);
  if ('error' in value) return String(value.error);
  return JSON.stringify(value);
}

/** The first worksheet of an XLSX workbook; row numbers are the sheet's, so errors point at the right row. */
export async function xlsxTable(data: Buffer): Promise<UploadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    unreadable(msg('upload.xlsxFile'), err);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw createError('BAD_REQUEST', msg('upload.noWorksheet'), [{ path: '/file', message: msg('upload.noWorksheetDetail') }]);
  const width = sheet.columnCount;
  const line = (n: number) => Array.from({ length: width }, (_, c) => xlsxCellText(sheet.getRow(n).getCell(c + 1).value));
  const rows: SourceRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ row: n, cells: line(n) });
  return { format: 'xlsx', header: sheet.rowCount ? line(1) : [], rows };
}

/** A JSON value as cell text: lists of plain values joined with ';' (as multienum cells are), objects as JSON. */
function jsonCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(';');
  return JSON.stringify(value);
}

/** An array of records: the header is every key in order of first appearance; a record's row is its position (the first is 1). */
export function jsonTable(records: unknown[]): UploadTable {
  const header: string[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw createError('BAD_REQUEST', msg('upload.jsonRecords'), [{ path: `/${i}`, message: msg('upload.mustBeObject') }]);
    }
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  });
  const rows = records.map((record, i) => ({ row: i + 1, cells: header.map((key) => jsonCellText((record as Record<string, unknown>)[key])) }));
  return { format: 'json', header, rows };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return unreadable('JSON', err);
  }
}

const isZip = (data: Buffer) => data.length > 3 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/**
 * Reads an import upload by its content type: CSV text, an XLSX workbook (also sent as
 * application/octet-stream) or JSON — an array of records, or `{"csv": "..."}`.
 */
export async function readUpload(contentType: string | undefined, data: Buffer): Promise<UploadTable> {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!data.length) throw createError('BAD_REQUEST', msg('upload.empty', { help: formatsHelp() }), [{ path: '/file', message: msg('upload.required') }]);
  if (type === 'text/csv' || type === 'text/plain') return csvTable(data.toString('utf8'));
  if (type === XLSX_TYPE || (type === 'application/octet-stream' && isZip(data))) return xlsxTable(data);
  if (type === 'application/json' || type.endsWith('+json')) {
    const body = parseJson(data.toString('utf8'));
    if (Array.isArray(body)) return jsonTable(body);
    const csv = (body as { csv?: unknown } | null)?.csv;
    if (typeof csv === 'string') return csvTable(csv);
  }
  throw createError('BAD_REQUEST', msg('upload.notImportFile', { help: formatsHelp() }), [{ path: '/file', message: msg('upload.formatDetail') }]);
}
