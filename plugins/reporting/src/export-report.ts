import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { pluginError, spreadsheetCell } from '../../../platform/src/plugins/plugin-api.ts';
import type { ReportRun } from './run-report.ts';

export type ReportExportFormat = 'csv' | 'xlsx';

export function parseReportExportFormat(value: unknown): ReportExportFormat {
  const format = value === undefined || value === '' ? 'csv' : value;
  if (format !== 'csv' && format !== 'xlsx') throw pluginError('BAD_REQUEST', { en: 'format must be csv or xlsx.', 'zh-CN': 'format 必须是 csv 或 xlsx。' }, [{ path: '/format', message: { en: 'must be csv or xlsx', 'zh-CN': '必须是 csv 或 xlsx' } }]);
  return format;
}

/** The columns a person reads: a lookup grouping shows its record's title instead of the id. */
export function readableColumns(run: ReportRun): ReportRun['columns'] {
  const titled = new Set(run.columns.filter((c) => c.kind === 'title').map((c) => c.key.replace(/__title$/, '')));
  return run.columns.filter((c) => !(c.kind === 'group' && titled.has(c.key)));
}

const fileName = (run: ReportRun) => (run.report.name ?? 'report').replace(/[^a-z0-9_]/g, '_');

/** Sends the report's rows as CSV (with a BOM for spreadsheet programs) or as an XLSX workbook, headers in the caller's language. */
export async function sendReportExport(run: ReportRun, format: ReportExportFormat, lang: 'en' | 'zh-CN', res: Response): Promise<void> {
  const columns = readableColumns(run);
  const header = columns.map((c) => spreadsheetCell(c.label[lang] ?? c.label.en ?? c.key));
  const raw = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean));
  // Enum values are shown by their labels, as on screen; text never becomes a live formula.
  const cellOf = (column: ReportRun['columns'][number], value: unknown) => {
    const label = typeof value === 'string' ? column.options?.[value] : undefined;
    return spreadsheetCell(label ? (label[lang] ?? label.en ?? value) : raw(value));
  };
  if (format === 'csv') {
    const text = stringify([header, ...run.rows.map((row) => columns.map((c) => cellOf(c, row[c.key]) ?? ''))], { bom: true });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${fileName(run)}.csv"`);
    res.send(text);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet((run.report.label?.[lang] ?? run.report.name ?? 'Report').slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(header).font = { bold: true };
  for (const row of run.rows) sheet.addRow(columns.map((c) => cellOf(c, row[c.key])));
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(12, header[i].length + 4));
    if (c.kind === 'percent') sheet.getColumn(i + 1).numFmt = '0.00"%"';
  });
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', `attachment; filename="${fileName(run)}.xlsx"`);
  res.send(Buffer.from(await workbook.xlsx.writeBuffer()));
}
