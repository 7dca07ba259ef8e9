import type { Request, RequestHandler } from 'express';
import type { Actor, Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SnapshotHolder } from '../metadata/metadata-store.ts';
import type { SessionStore } from '../auth/session-store.ts';
import type { Knex } from 'knex';

export interface Services {
  db: Knex;
  holder: SnapshotHolder;
  sessions: SessionStore;
  log: Logger;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx?: Ctx;
    token?: string;
  }
}

function languageOf(req: Request): 'en' | 'zh-CN' {
  const header = req.headers['accept-language'] ?? '';
  return /^zh/i.test(header) ? 'zh-CN' : 'en';
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1];
}

/** Every route after this one acts as an authenticated user; the context carries the current snapshot. */
export function requireUser(services: Services): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) throw createError('UNAUTHENTICATED', 'Log in first: send Authorization: Bearer <token>.');
    const actor: Actor = await services.sessions.authenticate(token);
    req.token = token;
    req.ctx = { db: services.db, schema: services.holder.snapshot, actor, log: services.log, lang: languageOf(req) };
    next();
  };
}

export function ctxOf(req: Request): Ctx {
  if (!req.ctx) throw createError('UNAUTHENTICATED', 'Log in first.');
  return req.ctx;
}
