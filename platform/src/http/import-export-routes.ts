import express, { type Request, type Router } from 'express';
import { createError } from '../core/errors.ts';
import { EXPORT_FORMATS, exportRecords, parseExportFormat, writeCsv, writeXlsx } from '../records/export-records.ts';
import { dryRunImport, planImport } from '../records/import-records.ts';
import { getImportJob, startImport } from '../records/import-jobs.ts';
import { parseListQuery } from './list-query.ts';
import { ctxOf } from './request-context.ts';

const flag = (req: Request, name: string) => req.query[name] === 'true' || req.query[name] === '1';

/** The CSV of an import: a raw text/csv body, or JSON `{ "csv": "..." }`. */
function csvBody(req: Request): string {
  if (typeof req.body === 'string') return req.body;
  const csv = (req.body as { csv?: unknown } | undefined)?.csv;
  if (typeof csv === 'string') return csv;
  throw createError('BAD_REQUEST', 'Send the CSV as a text/csv body or as JSON {"csv": "..."}.', [{ path: '/csv', message: 'is required' }]);
}

/** SPEC 5.3: CSV import (with a dry run and background jobs) and CSV/XLSX export, added to the records router before `/:object/:id`. */
export function addImportExportRoutes(router: Router): void {
  const csvText = express.text({ type: ['text/csv', 'text/plain'], limit: '50mb' });

  router.post('/:object/import', csvText, async (req, res) => {
    const ctx = ctxOf(req);
    const plan = planImport(req.params.object, csvBody(req), ctx);
    if (flag(req, 'dryRun')) {
      res.json(await dryRunImport(plan, ctx));
      return;
    }
    const wait = flag(req, 'wait');
    const job = await startImport(plan, ctx, { wait });
    if (wait) {
      res.json(job);
      return;
    }
    res.status(202).location(`/api/records/${req.params.object}/import/${job.id}`);
    res.json({ id: job.id, status: job.status, total: job.total });
  });

  router.get('/:object/import/:jobId', async (req, res) => {
    res.json(await getImportJob(req.params.object, req.params.jobId, ctxOf(req)));
  });

  router.get('/:object/export', async (req, res) => {
    const format = parseExportFormat(req.query.format);
    const source = await exportRecords(req.params.object, parseListQuery(req), ctxOf(req));
    res.status(200);
    res.attachment(`${req.params.object}.${format}`);
    res.setHeader('content-type', EXPORT_FORMATS[format].contentType);
    res.setHeader('cache-control', 'no-store');
    if (format === 'csv') await writeCsv(source, res);
    else await writeXlsx(source, req.params.object, res);
  });
}
