import { Router } from 'express';
import { compileCacheStats } from '../workflow/compile-workflow.ts';
import { requireSuperuser } from './admin-guard.ts';

/** Process figures for operators (superusers): how well this process's caches work. */
export function adminMetricsRoutes(): Router {
  const router = Router();
  router.use(requireSuperuser('read server metrics'));
  router.get('/', (_req, res) => {
    const { hits, misses } = compileCacheStats();
    res.json({ workflowCompileCache: { hits, misses, hitRate: hits + misses === 0 ? null : hits / (hits + misses) } });
  });
  return router;
}
