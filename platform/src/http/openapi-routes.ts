import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { buildOpenApi } from './openapi/build-openapi.ts';
import { ctxOf, type Services } from './request-context.ts';
import { securityHeaders } from './security-headers.ts';

const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'openapi');
const PAGE_FILES: Record<string, string> = { '': 'reference-page.html', 'reference-page.js': 'reference-page.js', 'reference-page.css': 'reference-page.css' };

/** GET /api/openapi.json: the OpenAPI 3.1 document for the caller (docs/openapi.md). */
export function openApiRoutes(services: Services): Router {
  const router = Router();
  router.get('/openapi.json', async (req, res) => {
    const reporting = services.plugins ? (await services.plugins.installedNames(services.db)).includes('reporting') : false;
    res.json(buildOpenApi(ctxOf(req), { reporting }));
  });
  return router;
}

/**
 * GET /api/docs: the API reference page and its script and styles, served without a login (the
 * page reads /api/openapi.json with the browser's session) under the web app's security headers,
 * whose CSP allows only scripts from files of this origin.
 */
export function apiDocsRoutes(): Router {
  const router = Router();
  router.use('/docs', securityHeaders());
  router.get(/^\/docs\/?(reference-page\.(?:js|css))?$/, (req, res) => {
    const file = PAGE_FILES[(req.params as Record<string, string | undefined>)[0] ?? ''];
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(pageDir, file));
  });
  return router;
}
