import { Router } from 'express';
import { objectAccess } from '../permissions/caller-access.ts';
import { explainPermission, parseExplainQuery } from '../permissions/explain.ts';
import { ctxOf, type Services } from './request-context.ts';

/** "Why can't she see this?" (explain) and "what may I do?" (mine), docs/permissions.md. */
export function permissionRoutes(services: Services): Router {
  const router = Router();
  router.get('/explain', async (req, res) => {
    res.json(await explainPermission(parseExplainQuery(req.query as Record<string, unknown>), ctxOf(req), services.now()));
  });
  router.get('/mine/:object', (req, res) => {
    res.json(objectAccess(req.params.object, ctxOf(req)));
  });
  return router;
}
