import { Router } from 'express';
import { explainPermission, parseExplainQuery } from '../permissions/explain.ts';
import { ctxOf, type Services } from './request-context.ts';

/** GET /api/permissions/explain: "why can't she see this?" in one call (docs/permissions.md). */
export function permissionRoutes(services: Services): Router {
  const router = Router();
  router.get('/explain', async (req, res) => {
    res.json(await explainPermission(parseExplainQuery(req.query as Record<string, unknown>), ctxOf(req), services.now()));
  });
  return router;
}
