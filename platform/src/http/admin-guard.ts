import type { Request, RequestHandler } from 'express';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isName } from '../core/identifiers.ts';
import { ctxOf } from './request-context.ts';

/** The caller's context when they hold a superuser role; otherwise 403 saying what they tried. */
export function superuserCtx(req: Request, what: string): Ctx {
  const ctx = ctxOf(req);
  if (!ctx.actor.superuser) throw createError('FORBIDDEN', `Only administrators may ${what}.`);
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
export function namedDefinitionBody(req: Request, kind: string): { name: string; body: Record<string, unknown> } {
  const name = req.params.name;
  if (!isName(name)) throw createError('BAD_REQUEST', `${kind[0].toUpperCase()}${kind.slice(1)} names are lower-case letters, digits and underscores, starting with a letter.`);
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', `The request body must be a ${kind} definition.`);
  const named = body as Record<string, unknown>;
  if (named.name !== undefined && named.name !== name) {
    throw createError('VALIDATION_FAILED', 'The name in the body differs from the name in the address.', [{ path: '/name', message: `must be '${name}'` }]);
  }
  return { name, body: named };
}
