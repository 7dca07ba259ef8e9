import type { Router } from 'express';
import { recordAccess } from '../permissions/caller-access.ts';
import { addShare, listShares, parseShareInput, removeShare } from '../records/record-shares.ts';
import { parseTransferInput, transferRecord } from '../records/transfer-record.ts';
import { ctxOf } from './request-context.ts';

/** Who holds, who shares and what the caller may do with a record (docs/permissions.md). */
export function addRecordAccessRoutes(router: Router): void {
  router.get('/:object/:id/access', async (req, res) => {
    res.json(await recordAccess(req.params.object, req.params.id, ctxOf(req)));
  });

  router.post('/:object/:id/transfer', async (req, res) => {
    res.json(await transferRecord(req.params.object, req.params.id, parseTransferInput(req.body), ctxOf(req)));
  });

  router.get('/:object/:id/shares', async (req, res) => {
    res.json({ data: await listShares(req.params.object, req.params.id, ctxOf(req)) });
  });

  router.post('/:object/:id/shares', async (req, res) => {
    const { share, created } = await addShare(req.params.object, req.params.id, parseShareInput(req.body), ctxOf(req));
    res.status(created ? 201 : 200).json(share);
  });

  router.delete('/:object/:id/shares/:shareId', async (req, res) => {
    await removeShare(req.params.object, req.params.id, req.params.shareId, ctxOf(req));
    res.status(204).end();
  });
}
