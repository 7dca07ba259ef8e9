import type { RequestHandler } from 'express';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { ctxOf } from './request-context.ts';

/**
 * What of the API portal users reach (paths under /api, matched without regard to case as express
 * routes them): the records API, where their roles decide every row and field; global search, which
 * searches only what they may read; their own permissions, inbox, notices, recent records and session.
 */
const OPEN_TO_PORTAL: readonly RegExp[] = [
  /^\/records(?:\/|$)/i,
  /^\/recycle-bin(?:\/|$)/i,
  /^\/search\/?$/i,
  /^\/permissions\/mine(?:\/|$)/i,
  /^\/tasks(?:\/|$)/i,
  /^\/notifications(?:\/|$)/i,
  /^\/ui\/(?:session|recent)\/?$/i,
];

/** Within the open paths, what still tells about the staff organisation: who a record is shared with. */
const CLOSED_TO_PORTAL: readonly RegExp[] = [/^\/records\/[^/]+\/[^/]+\/shares(?:\/|$)/i];

export function openToPortal(path: string): boolean {
  return OPEN_TO_PORTAL.some((p) => p.test(path)) && !CLOSED_TO_PORTAL.some((p) => p.test(path));
}

/**
 * Portal users never reach the staff application's API: everything not open to them is 403, whatever
 * their roles say (definitions, administration, the people directory, saved views, packs, the OpenAPI
 * description). Pack routes decide for themselves (`servesPackPath`): a pack opens routes to portal
 * users explicitly (plugin-api `router(resource, { portal: true })`).
 */
export function portalGate(servesPackPath: (path: string) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (!ctxOf(req).actor.portal || openToPortal(req.path) || servesPackPath(req.path)) return next();
    throw createError('FORBIDDEN', msg('auth.portalRefused'));
  };
}
