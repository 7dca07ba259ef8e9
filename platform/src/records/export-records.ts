import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { heavyRead } from '../core/read-replica.ts';
import type { FieldInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { listRecords, MAX_LIMIT, type ListInput } from './read-records.ts';
import { visibleFields, type RecordData } from './record-shape.ts';
import { spreadsheetCell } from './spreadsheet-cell.ts';
import { machineCells, readableCells, type ExportCells } from './export-readable.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, { contentType: string }>> = {
  csv: { contentType: 'text/csv; charset=utf-8' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  json: { contentType: 'application/json; charset=utf-8' },
};

export function parseExportFormat(value: unknown): ExportFormat {
  const format = value === undefined || value === '' ? 'csv' : value;
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') {
    throw createError('BAD_REQUEST', msg('export.format'), [{ path: '/format', message: msg('export.formatDetail') }]);
  }
  return format;
}

/** The records to export: the columns in order, every page of rows in scope, and how rows become cells. */
export interface ExportSource {
  fields: FieldInfo[];
  pages: AsyncGenerator<RecordData[]>;
  cells: ExportCells;
}

/**
 * Pages through the 'export' scope with the same filter, sort and keyset pagination as the records
 * list. The first page is read before this returns, so a bad filter fails before anything is sent.
 * An export is a heavy read: with a read replica every page comes from it (the primary when the
 * replica does not answer the first page; a replica lost after that ends the export early).
 */
export function exportRecords(objectName: string, input: ListInput, ctx: Ctx, options: { codes?: boolean } = {}): Promise<ExportSource> {
  return heavyRead(ctx, async (readCtx) => {
    const { object, policy } = scopedQuery(readCtx, objectName, 'export');
    const visible = visibleFields(object, policy, input.fields);
    const fields = input.fields?.length ? input.fields.map((name) => visible.find((f) => f.name === name)!) : visible;
    const query: ListInput = { filter: input.filter, sort: input.sort, fields: input.fields, limit: MAX_LIMIT };
    const first = await listRecords(objectName, query, readCtx, 'export');
    async function* pages(): AsyncGenerator<RecordData[]> {
      let page = first;
      yield page.data;
      while (page.nextCursor) {
        page = await listRecords(objectName, { ...query, cursor: page.nextCursor }, readCtx, 'export');
        yield page.data;
      }
    }
    const cells = options.codes ? machineCells(fields) : readableCells(object, fields, readCtx);
    return { fields, pages: pages(), cells };
  });
}

/** Every page as spreadsheet rows, each cell guarded against formula injection. */
async function* sheetRows(source: ExportSource): AsyncGenerator<(string | number | boolean | null)[]> {
  for await (const page of source.pages) {
    for (const row of await source.cells.rows(page)) yield row.map(spreadsheetCell);
  }
}

const clientLeft = (err: { code?: string }) => {
  if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
};

/** Streams CSV with a BOM (so spreadsheet programs read UTF-8); pipeline stops reading pages when the client goes away. */
export async function writeCsv(source: ExportSource, out: Writable): Promise<void> {
  async function* lines() {
    yield source.cells.header;
    for await (const row of sheetRows(source)) yield row.map((cell) => (cell === null ? '' : String(cell)));
  }
  await pipeline(Readable.from(lines()), stringify({ bom: true }), out).catch(clientLeft);
}

/** Streams a JSON array of records with the exported fields and their API values, which a JSON import takes back. */
export async function writeJson(source: ExportSource, out: Writable): Promise<void> {
  async function* chunks() {
    let first = true;
    yield '[';
    for await (const rows of source.pages) {
      for (const row of rows) {
        const record = Object.fromEntries(source.fields.map((f) => [f.name, row[f.name] ?? null]));
        yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
        first = false;
      }
    }
    yield '\n]\n';
  }
  await pipeline(Readable.from(chunks()), out).catch(clientLeft);
}

/** Streams an XLSX workbook with one sheet named after the object; each row is flushed as written. */
export async function writeXlsx(source: ExportSource, sheetName: string, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(source.cells.header).commit();
  for await (const row of sheetRows(source)) {
    if (out.destroyed) break;
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
}
