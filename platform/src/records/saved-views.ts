import type { Ctx } from '../core/ctx.ts';
import { detail, createError, type ErrorDetail } from '../core/errors.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { compileFilter, parseSort } from '../query/index.ts';
import { msg } from '../core/messages/message.ts';
import { nameLabel } from '../core/messages/kind-labels.ts';
import { readableView, type DroppedPart } from './readable-view.ts';
import { LAYOUT_KEYS, layoutProblems, storedLayout, type ViewLayout } from './view-layout.ts';

export type { ViewLayout, ViewType } from './view-layout.ts';

export interface SavedViewDefinition extends ViewLayout {
  filter?: Record<string, unknown>;
  sort?: string;
  columns?: string[];
}

export interface SavedView extends SavedViewDefinition {
  name: string;
  shared: boolean;
  /** True for the caller's own views, which they may change or delete. */
  mine: boolean;
  owner: { id: string; name: string };
  updatedAt: string;
  /** Parts of the stored view on fields the caller cannot read, left out of this answer. */
  dropped?: DroppedPart[];
}

const MAX_NAME = 100;
const MAX_VIEWS_PER_OBJECT = 200;

interface ViewRow {
  name: string;
  definition: SavedViewDefinition;
  shared: boolean;
  user_id: string | number;
  owner_name: string;
  updated_at: Date | string;
}

/**
 * The caller's views of an object and those others shared, as long as the caller may read the object;
 * each as far as the caller may read its fields (a view that cannot be kept faithfully is left out).
 */
export async function listSavedViews(objectName: string, ctx: Ctx): Promise<SavedView[]> {
  const { object, scope } = scopedQuery(ctx, objectName, 'read');
  const rows: ViewRow[] = await ctx.db('saved_views as v')
    .join('users as u', 'u.id', 'v.user_id')
    .where('v.object', object.name)
    .andWhere((q) => q.where('v.user_id', ctx.actor.id).orWhere('v.shared', true))
    .orderBy([{ column: 'v.shared', order: 'asc' }, { column: 'v.name', order: 'asc' }])
    .limit(MAX_VIEWS_PER_OBJECT * 2)
    .select('v.name', 'v.definition', 'v.shared', 'v.user_id', 'u.name as owner_name', 'v.updated_at');
  const views: SavedView[] = [];
  for (const r of rows) {
    const readable = readableView(r.definition, scope);
    if (!readable) continue;
    views.push({
      name: r.name,
      ...readable.definition,
      shared: r.shared,
      mine: String(r.user_id) === ctx.actor.id,
      owner: { id: String(r.user_id), name: r.owner_name },
      updatedAt: new Date(r.updated_at).toISOString(),
      ...(readable.dropped.length ? { dropped: readable.dropped } : {}),
    });
  }
  return views;
}

/**
 * Stores one of the caller's views. The filter and sort are compiled against what the caller may
 * read, and the columns must be readable fields, so a view never names what its owner cannot see.
 */
export async function putSavedView(objectName: string, name: string, body: unknown, ctx: Ctx): Promise<{ view: SavedView; created: boolean }> {
  if (ctx.actor.id === null) throw createError('FORBIDDEN', msg('view.onlyPeople'));
  const { object, scope, policy } = scopedQuery(ctx, objectName, 'read');
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_NAME) throw createError('BAD_REQUEST', msg('view.nameLength', { max: MAX_NAME }), [{ path: '/name', message: msg('value.nameLength', { max: MAX_NAME }) }]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', msg('view.mustBeObject', { shape: '{filter?, sort?, columns?, type?, groupBy?, dateField?, endField?, shared?}' }), [{ path: '', message: msg('value.mustBeObject') }]);
  const input = body as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(input)) if (!['filter', 'sort', 'columns', 'shared', 'name', ...LAYOUT_KEYS].includes(key)) problems.push(detail(`/${key}`, msg('value.unknownProperty')));
  if (input.shared !== undefined && typeof input.shared !== 'boolean') problems.push(detail('/shared', msg('value.boolean')));
  if (input.sort !== undefined && typeof input.sort !== 'string') problems.push(detail('/sort', msg('value.sortKeys')));
  if (input.filter !== undefined && (typeof input.filter !== 'object' || input.filter === null || Array.isArray(input.filter))) problems.push(detail('/filter', msg('value.condition')));
  const columns = input.columns;
  if (columns !== undefined) {
    if (!Array.isArray(columns) || columns.length > 200) problems.push(detail('/columns', msg('value.fieldNames')));
    else columns.forEach((c, i) => {
      const field = typeof c === 'string' ? object.fields.get(c) : undefined;
      if (!field || policy.fieldAccess(field) === 'none') problems.push(detail(`/columns/${i}`, msg('value.notVisibleField', { name: String(c).slice(0, 80) })));
    });
  }
  problems.push(...layoutProblems(input, object, policy));
  if (problems.length) throw createError('BAD_REQUEST', msg('view.invalid'), problems);
  if (input.filter !== undefined) compileFilter(input.filter, scope, '/filter');
  if (input.sort) parseSort(input.sort as string, scope);

  const definition: SavedViewDefinition = {
    ...(input.filter !== undefined ? { filter: input.filter as Record<string, unknown> } : {}),
    ...(input.sort ? { sort: input.sort as string } : {}),
    ...(columns !== undefined ? { columns: columns as string[] } : {}),
    ...storedLayout(input),
  };
  const mine = ctx.db('saved_views').where({ user_id: ctx.actor.id, object: object.name });
  const [{ n }] = await mine.clone().count<{ n: string }[]>({ n: '*' });
  const replacing = await mine.clone().where({ name: trimmed }).first('id');
  if (!replacing && Number(n) >= MAX_VIEWS_PER_OBJECT) throw createError('CONFLICT', msg('view.tooMany', { max: MAX_VIEWS_PER_OBJECT, object: nameLabel(object) }));
  const row = await ctx.db.raw(
    'INSERT INTO saved_views (user_id, object, name, definition, shared) VALUES (?::bigint, ?, ?, ?::jsonb, ?) ' +
      'ON CONFLICT (user_id, object, name) DO UPDATE SET definition = EXCLUDED.definition, shared = EXCLUDED.shared, updated_at = now() ' +
      'RETURNING (xmax = 0) AS created, updated_at, (SELECT name FROM users WHERE id = ?::bigint) AS owner_name',
    [ctx.actor.id, object.name, trimmed, JSON.stringify(definition), input.shared === true, ctx.actor.id],
  );
  const stored = row.rows[0];
  return {
    view: { name: trimmed, ...definition, shared: input.shared === true, mine: true, owner: { id: ctx.actor.id, name: stored.owner_name }, updatedAt: new Date(stored.updated_at).toISOString() },
    created: stored.created === true,
  };
}

export async function deleteSavedView(objectName: string, name: string, ctx: Ctx): Promise<void> {
  const { object } = scopedQuery(ctx, objectName, 'read');
  const deleted = await ctx.db('saved_views').where({ user_id: ctx.actor.id, object: object.name, name: name.trim() }).delete().returning('id');
  if (!deleted.length) throw createError('NOT_FOUND', msg('view.notFound', { object: nameLabel(object), name: name.slice(0, 80) }));
}
