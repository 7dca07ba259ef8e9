import type { Request } from 'express';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { KindNaming } from '../core/messages/kind-labels.ts';
import { namedDefinitionBody } from './admin-guard.ts';

/** What definition GETs and PUTs add to a definition; none is part of any definition's JSON Schema. */
const READ_ONLY = ['version', 'updatedAt', 'graph', 'changes'] as const;

export interface DefinitionEdit {
  name: string;
  /** The body without the read-only attributes, named as the address names it. */
  definition: Record<string, unknown>;
  /** The `version` the client read, when it sent one: the edit is refused if the definition has moved on. */
  expectedVersion: number | undefined;
  /** The `updatedAt` the client read (roles, which have no version). */
  expectedUpdatedAt: string | undefined;
}

/**
 * The body of `PUT /…/:name` for every definition kind (objects, roles, workflows, pack kinds), so a
 * definition read with GET can be edited and sent back: the attributes the server adds are dropped,
 * and a sent `version` / `updatedAt` becomes an optimistic lock.
 */
export function definitionEdit(req: Request, kind: KindNaming): DefinitionEdit {
  const { name, body } = namedDefinitionBody(req, kind);
  const { version, updatedAt } = body;
  if (version !== undefined && !(Number.isInteger(version) && (version as number) > 0)) {
    throw createError('VALIDATION_FAILED', msg('definition.versionRead'), [{ path: '/version', message: msg('definition.positiveWhole') }]);
  }
  if (updatedAt !== undefined && (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)))) {
    throw createError('VALIDATION_FAILED', msg('definition.updatedAtRead'), [{ path: '/updatedAt', message: msg('definition.isoDateTime') }]);
  }
  const definition = Object.fromEntries(Object.entries(body).filter(([key]) => !(READ_ONLY as readonly string[]).includes(key)));
  return {
    name,
    definition: { ...definition, name },
    expectedVersion: version as number | undefined,
    expectedUpdatedAt: updatedAt === undefined ? undefined : new Date(updatedAt as string).toISOString(),
  };
}
