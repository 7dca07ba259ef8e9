import express, { type Request, type Router } from 'express';
import { EXPORT_FORMATS, exportRecords, parseExportFormat, writeCsv, writeJson, writeXlsx } from '../records/export-records.ts';
import { dryRunImport, planImport } from '../records/import-records.ts';
import { getImportJob, startImport } from '../records/import-jobs.ts';
import { readUpload } from '../records/import-upload.ts';
import type { ImportStarted } from './api-types.ts';
import { parseListQuery } from './list-query.ts';
import { ctxOf } from './request-context.ts';

const flag = (req: Request, name: string) => req.query[name] === 'true' || req.query[name] === '1';

/** An import upload, read whole here (so the API's small JSON body limit does not apply to it). */
export const isImportUpload = (req: Request) => req.method === 'POST' && /^\/records\/[^/]+\/import\/?$/.test(req.path);

/** SPEC 5.3: CSV, XLSX and JSON import (with a dry run and background jobs) and CSV/XLSX/JSON export, added to the records router before `/:object/:id`. */
export function addImportExportRoutes(router: Router): void {
  const upload = express.raw({ type: () => true, limit: '50mb' });

  router.post('/:object/import', upload, async (req, res) => {
    const ctx = ctxOf(req);
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const plan = { ...planImport(req.params.object, await readUpload(req.get('content-type'), data), ctx), skipInvalid: flag(req, 'skipInvalid') };
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
    res.json({ id: job.id, status: job.status, total: job.total } satisfies ImportStarted);
  });

  router.get('/:object/import/:jobId', async (req, res) => {
    res.json(await getImportJob(req.params.object, req.params.jobId, ctxOf(req)));
  });

  router.get('/:object/export', async (req, res) => {
    const format = parseExportFormat(req.query.format);
    const source = await exportRecords(req.params.object, parseListQuery(req), ctxOf(req), { codes: req.query.codes === 'true' });
    res.status(200);
    res.attachment(`${req.params.object}.${format}`);
    res.setHeader('content-type', EXPORT_FORMATS[format].contentType);
    res.setHeader('cache-control', 'no-store');
    if (format === 'csv') await writeCsv(source, res);
    else if (format === 'json') await writeJson(source, res);
    else await writeXlsx(source, req.params.object, res);
  });
}
