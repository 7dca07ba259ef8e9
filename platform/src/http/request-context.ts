import type { Request, RequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Actor, Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { answerLanguage } from '../core/messages/language.ts';
import type { Language } from '../core/messages/message.ts';
import type { Logger } from '../core/logger.ts';
import type { SnapshotHolder } from '../metadata/metadata-store.ts';
import type { SessionStore } from '../auth/session-store.ts';
import { csrfTokenMatches } from '../auth/csrf.ts';
import type { Knex } from 'knex';
import type { ReadReplica } from '../core/read-replica.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { msg } from '../core/messages/message.ts';
import { recordWorkflowPort } from '../workflow/record-workflow-port.ts';

export interface Services {
  db: Knex;
  holder: SnapshotHolder;
  sessions: SessionStore;
  log: Logger;
  /** The wall clock of the login level (lockouts, allowed hours); tests replace it. */
  now: () => Date;
  /** The server secret CSRF tokens of cookie sessions derive from. */
  csrfSecret: Buffer;
  lockoutMinutes: number;
  jobs: JobQueue;
  /** Packs: their hooks run inside record writes; their field types and workflow actions are the contexts' registry. */
  plugins?: PluginHost;
  /** The read replica for heavy reads, when one is configured. */
  readReplica?: ReadReplica;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx?: Ctx;
    token?: string;
  }
}

/** The UI's session cookie: httpOnly, SameSite=Strict, only sent to the API. */
export const SESSION_COOKIE = 'tessera_session';
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The language of the answer to `req`: the user's setting, then Accept-Language, then English. */
export function languageOf(req: Request, actor?: Actor): Language {
  return answerLanguage(actor?.language ?? req.ctx?.actor.language, req.headers['accept-language']);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1];
}

export function cookieToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parseCookies(header)[SESSION_COOKIE];
  return token && TOKEN.test(token) ? token : undefined;
}

/**
 * Every route after this one acts as an authenticated user; the context carries the current snapshot.
 * A bearer token wins over the cookie; a cookie session must prove with `x-csrf-token` that a
 * state-changing request comes from the UI, since browsers attach cookies to any site's requests.
 */
export function requireUser(services: Services): RequestHandler {
  return async (req, _res, next) => {
    let token = bearerToken(req);
    if (!token) {
      token = cookieToken(req);
      if (!token) throw createError('UNAUTHENTICATED', msg('auth.logInWithToken'));
      const sent = req.headers['x-csrf-token'];
      if (!SAFE_METHODS.has(req.method) && !csrfTokenMatches(services.csrfSecret, token, typeof sent === 'string' ? sent : undefined)) {
        throw createError('FORBIDDEN', msg('auth.csrf'));
      }
    }
    const actor: Actor = await services.sessions.authenticate(token, req.ip);
    req.token = token;
    req.ctx = { db: services.db, schema: services.holder.snapshot, actor, log: services.log, lang: languageOf(req, actor), jobs: services.jobs, hooks: services.plugins, workflow: recordWorkflowPort, registry: services.plugins?.registrations, readReplica: services.readReplica, now: services.now };
    next();
  };
}

export function ctxOf(req: Request): Ctx {
  if (!req.ctx) throw createError('UNAUTHENTICATED', msg('auth.logInFirst'));
  return req.ctx;
}
