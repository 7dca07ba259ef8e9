import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { recentRecords, recordOpened, RECENT_KEPT } from '../records/recent-records.ts';
import type { DataAnswer, RecentRecord } from './api-types.ts';
import { ctxOf } from './request-context.ts';

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return 10;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > RECENT_KEPT) {
    throw createError('BAD_REQUEST', msg('http.limitRange', { name: 'limit', min: 1, max: RECENT_KEPT }), [{ path: '/limit', message: msg('http.mustBeRange', { min: 1, max: RECENT_KEPT }) }]);
  }
  return n;
}

/** The records the caller opened lately (the home page): the record page reports an opening, the home page reads them back. */
export function uiRecentRoutes(): Router {
  const router = Router();
  router.post('/recent', async (req, res) => {
    await recordOpened(req.body, ctxOf(req));
    res.status(204).end();
  });
  router.get('/recent', async (req, res) => {
    res.json({ data: await recentRecords(parseLimit(req.query.limit), ctxOf(req)) } satisfies DataAnswer<RecentRecord>);
  });
  return router;
}
