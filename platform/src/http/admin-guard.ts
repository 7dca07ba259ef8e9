import type { Request, RequestHandler } from 'express';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isName } from '../core/identifiers.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';
import { capitalized, kindLabel, type KindNaming } from '../core/messages/kind-labels.ts';

/** The caller's context when they hold a superuser role; otherwise 403 saying what they tried. */
export function superuserCtx(req: Request, what: string): Ctx {
  const ctx = ctxOf(req);
  if (!ctx.actor.superuser) throw createError('FORBIDDEN', msg('http.adminOnly', { what }));
  return ctx;
}

export function requireSuperuser(what: string): RequestHandler {
  return (req, _res, next) => {
    superuserCtx(req, what);
    next();
  };
}

/**
 * The body of `PUT /…/:name` for a named definition (object, role): a JSON object whose `name`,
 * when present, must equal the name in the address.
 */
export function namedDefinitionBody(req: Request, kind: KindNaming): { name: string; body: Record<string, unknown> } {
  const name = req.params.name;
  if (!isName(name)) throw createError('BAD_REQUEST', msg('http.badDefinitionName', { kind: capitalized(kindLabel(kind)) }));
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', msg('http.bodyMustBeDefinition', { kind: kindLabel(kind) }));
  const named = body as Record<string, unknown>;
  if (named.name !== undefined && named.name !== name) {
    throw createError('VALIDATION_FAILED', msg('http.nameDiffers'), [{ path: '/name', message: msg('http.mustBeName', { name }) }]);
  }
  return { name, body: named };
}
