import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { listRecycleBin, purgeRecord, restoreRecord } from '../records/recycle-bin.ts';
import { isDateTimeText } from '../query/temporal-text.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

export function recycleBinRoutes(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const object = typeof req.query.object === 'string' && req.query.object ? req.query.object : undefined;
    const limit = typeof req.query.limit === 'string' ? Number(req.query.limit) : undefined;
    if (limit !== undefined && !Number.isInteger(limit)) throw createError('BAD_REQUEST', msg('http.mustBeWholeNumber', { name: 'limit' }));
    const before = typeof req.query.before === 'string' && req.query.before ? req.query.before : undefined;
    if (before !== undefined && !isDateTimeText(before)) throw createError('BAD_REQUEST', msg('http.mustBeDateTime', { name: 'before' }), [{ path: '/before', message: msg('http.iso8601') }]);
    res.json({ data: await listRecycleBin({ object, limit, before }, ctxOf(req)) });
  });

  router.post('/:object/:id/restore', async (req, res) => {
    await restoreRecord(req.params.object, req.params.id, ctxOf(req));
    res.status(204).end();
  });

  router.delete('/:object/:id', async (req, res) => {
    await purgeRecord(req.params.object, req.params.id, ctxOf(req));
    res.status(204).end();
  });

  return router;
}
