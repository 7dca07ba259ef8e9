import { Router } from 'express';
import { objectAccess } from '../permissions/caller-access.ts';
import { explainPermission, parseExplainQuery } from '../permissions/explain.ts';
import type { MyPermissions } from './api-types.ts';
import { ctxOf, type Services } from './request-context.ts';

/** "Why can't she see this?" (explain) and "what may I do?" (mine), docs/permissions.md. */
export function permissionRoutes(services: Services): Router {
  const router = Router();
  router.get('/explain', async (req, res) => {
    res.json(await explainPermission(parseExplainQuery(req.query as Record<string, unknown>), ctxOf(req), services.now()));
  });
  // Every object at once: the app's menu and screens need them all when it starts.
  router.get('/mine', (req, res) => {
    const ctx = ctxOf(req);
    const objects = [...ctx.schema.objects.values()].filter((o) => !o.system);
    res.json({ data: Object.fromEntries(objects.map((o) => [o.name, objectAccess(o.name, ctx)])) } satisfies MyPermissions);
  });
  router.get('/mine/:object', (req, res) => {
    res.json(objectAccess(req.params.object, ctxOf(req)));
  });
  return router;
}
