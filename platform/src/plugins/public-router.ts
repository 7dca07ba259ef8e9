import express, { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'all'] as const;

/** The limit per client address shared by every pack's public routes. */
export function publicRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(createError('RATE_LIMITED', msg('error.RATE_LIMITED'))),
  });
}

/**
 * A router for a pack's public routes (`router(resource, { public: true })`): each route it is given
 * first passes the rate limit and reads a form body (an RFC 8058 one-click unsubscribe posts one), so
 * only requests a public route answers count against the limit, not the pack's logged-in routes at
 * the same place.
 */
export function publicRouter(limit: RequestHandler): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  for (const verb of VERBS) {
    const declare = router[verb].bind(router) as (path: string, ...handlers: RequestHandler[]) => Router;
    (router as unknown as Record<string, unknown>)[verb] = (path: string, ...handlers: RequestHandler[]) => declare(path, limit, form, ...handlers);
  }
  return router;
}
