import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery, type ScopedQueryOptions } from './scoped-query.ts';

export function parseRecordId(id: string): string {
  if (!isId(id)) throw createError('NOT_FOUND', msg('record.noSuchRecord'));
  return id;
}

export function recordNotFound(object: ObjectInfo, id: string) {
  return createError('NOT_FOUND', msg('record.notFound', { object: objectLabel(object), id }));
}

/**
 * Some columns of one record in the caller's read scope, or undefined when it is missing or out of
 * scope (the two look alike). 403 when no role lets the caller read the object at all.
 */
export async function readableRow(objectName: string, id: string, ctx: Ctx, columns: readonly string[], rows: ScopedQueryOptions['rows'] = 'live'): Promise<Record<string, unknown> | undefined> {
  const { query } = scopedQuery(ctx, objectName, 'read', { rows, openTasks: true });
  return query.where('t0.id', parseRecordId(id)).first(columns.map((c) => `t0.${c}`));
}

/** Like readableRow, but a missing or unreadable record is 404. */
export async function requireReadableRow(objectName: string, id: string, ctx: Ctx, columns: readonly string[]): Promise<Record<string, unknown>> {
  const row = await readableRow(objectName, id, ctx, columns);
  if (!row) throw recordNotFound(ctx.schema.object(objectName), id);
  return row;
}
