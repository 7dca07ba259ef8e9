import { Router } from 'express';
import { deleteSavedView, listSavedViews, putSavedView } from '../records/saved-views.ts';
import { ctxOf } from './request-context.ts';

/** GET /api/views/:object, PUT|DELETE /api/views/:object/:name: the caller's saved list views (and shared ones). */
export function savedViewRoutes(): Router {
  const router = Router();
  router.get('/:object', async (req, res) => {
    res.json({ data: await listSavedViews(req.params.object, ctxOf(req)) });
  });
  router.put('/:object/:name', async (req, res) => {
    const { view, created } = await putSavedView(req.params.object, req.params.name, req.body, ctxOf(req));
    res.status(created ? 201 : 200).json(view);
  });
  router.delete('/:object/:name', async (req, res) => {
    await deleteSavedView(req.params.object, req.params.name, ctxOf(req));
    res.status(204).end();
  });
  return router;
}
