import { Router } from 'express';
import { csrfTokenFor } from '../auth/csrf.ts';
import { createError } from '../core/errors.ts';
import { ctxOf, type Services } from './request-context.ts';
import type { UiSession } from './api-types.ts';
import { msg } from '../core/messages/message.ts';

/**
 * GET /api/ui/session: the CSRF token of the caller's cookie session, so the web application can
 * pick up a session after a reload or in a new tab (the token is never readable by other origins:
 * the API sends no CORS headers). Bearer-token callers need no CSRF token and get 404. `kind` tells the
 * staff application to send a portal user to the portal.
 */
export function uiSessionRoutes(services: Services): Router {
  const router = Router();
  router.get('/session', (req, res) => {
    if (req.headers.authorization || !req.token) throw createError('NOT_FOUND', msg('http.noCookieSession'));
    res.setHeader('cache-control', 'no-store');
    res.json({ csrfToken: csrfTokenFor(services.csrfSecret, req.token), kind: ctxOf(req).actor.portal ? 'portal' : 'staff' } satisfies UiSession);
  });
  return router;
}
