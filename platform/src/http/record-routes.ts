import { Router } from 'express';
import { aggregateRecords } from '../records/aggregate-records.ts';
import { createRecord } from '../records/create-record.ts';
import { findDuplicateGroups } from '../records/duplicate-groups.ts';
import { mergeRecords } from '../records/merge-records.ts';
import { getRecord, listRecords } from '../records/read-records.ts';
import { readHistory, revertChange } from '../records/record-history.ts';
import { pageTitles, parseTitleRequest, readTitles } from '../records/record-titles.ts';
import { deleteRecord } from '../records/recycle-bin.ts';
import { editSelected } from '../records/edit-selected.ts';
import { updateRecord } from '../records/update-record.ts';
import type { BulkEditAnswer, CreatedRecord, RecordData, RecordPage, TitleAnswer } from './api-types.ts';
import { parseListQuery, wantsTitles } from './list-query.ts';
import { addImportExportRoutes } from './import-export-routes.ts';
import { addRecordAccessRoutes } from './record-access-routes.ts';
import { addRecordWorkflowRoutes } from './workflow-routes.ts';
import { sendJson } from './json-response.ts';
import { ctxOf } from './request-context.ts';

/** SPEC 5.3: the records of every object, through the caller's permissions. */
export function recordRoutes(): Router {
  const router = Router();
  addImportExportRoutes(router);

  // Titles of lookup values for screens that are not one list page (record page, history, inbox).
  router.post('/titles', async (req, res) => {
    const ctx = ctxOf(req);
    res.json({ titles: await readTitles(parseTitleRequest(req.body, ctx), ctx) } satisfies TitleAnswer);
  });

  router.get('/:object', async (req, res) => {
    const ctx = ctxOf(req);
    const titles = wantsTitles(req);
    const page = await listRecords(req.params.object, parseListQuery(req), ctx);
    const answer: RecordPage<RecordData> = titles ? { ...page, titles: await pageTitles(req.params.object, page.data, ctx) } : page;
    res.json(answer);
  });

  router.post('/:object', async (req, res) => {
    const { record, warnings } = await createRecord(req.params.object, req.body, ctxOf(req));
    const answer: CreatedRecord<RecordData> = warnings.length ? { ...record, _warnings: warnings } : record;
    sendJson(res, 201, answer, { location: `/api/records/${req.params.object}/${record.id}` });
  });

  router.patch('/:object', async (req, res) => {
    res.json(await editSelected(req.params.object, req.body, ctxOf(req)) satisfies BulkEditAnswer);
  });

  router.post('/:object/aggregate', async (req, res) => {
    res.json(await aggregateRecords(req.params.object, req.body, ctxOf(req)));
  });

  router.post('/:object/merge', async (req, res) => {
    const record = await mergeRecords(req.params.object, req.body, ctxOf(req));
    res.status(record._pending ? 202 : 200).json(record);
  });

  router.get('/:object/duplicates', async (req, res) => {
    res.json({ data: await findDuplicateGroups(req.params.object, req.query.rule, ctxOf(req)) });
  });

  router.get('/:object/:id', async (req, res) => {
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',').filter(Boolean) : undefined;
    res.json(await getRecord(req.params.object, req.params.id, ctxOf(req), { fields }));
  });

  router.patch('/:object/:id', async (req, res) => {
    const record = await updateRecord(req.params.object, req.params.id, req.body, ctxOf(req));
    // 202: part of the change waits for an approval workflow (approval-gated edits).
    res.status(record._pending ? 202 : 200).json(record);
  });

  router.delete('/:object/:id', async (req, res) => {
    await deleteRecord(req.params.object, req.params.id, ctxOf(req));
    res.status(204).end();
  });

  router.get('/:object/:id/history', async (req, res) => {
    res.json({ data: await readHistory(req.params.object, req.params.id, ctxOf(req)) });
  });

  router.post('/:object/:id/history/:changeId/revert', async (req, res) => {
    const record = await revertChange(req.params.object, req.params.id, req.params.changeId, ctxOf(req));
    res.status(record._pending ? 202 : 200).json(record);
  });

  addRecordAccessRoutes(router);
  addRecordWorkflowRoutes(router);

  return router;
}
