import type { Ctx } from '../core/ctx.ts';
import { createError, detail, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { isId } from '../core/identifiers.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { selectFields, toApiValue, type RecordData } from './record-shape.ts';

/** `{ <object>: { <id>: <title> } }`: only titles the caller may read are present. */
export type RecordTitles = Record<string, Record<string, string>>;

/** At most this many ids in one request (ten pages of a list with five lookup columns). */
export const MAX_TITLE_IDS = 2500;

/**
 * The titles of these records, read through the caller's read scope like any record: a record the
 * caller cannot read, a title field they cannot read (at all or in the record's workflow state) and an
 * empty title are all left out, so an absent title means "not for you" to the client.
 */
export async function readTitles(wanted: ReadonlyMap<string, ReadonlySet<string>>, ctx: Ctx, options: TitleReadOptions = {}): Promise<RecordTitles> {
  const out: RecordTitles = {};
  for (const [objectName, ids] of wanted) out[objectName] = ids.size ? await titlesOf(ctx.schema.object(objectName, { recordsOnly: true }), [...ids], ctx, options) : {};
  return out;
}

export interface TitleReadOptions {
  /** Also the records of the caller's open approval tasks (see resolvePolicy). */
  openTasks?: boolean;
}

async function titlesOf(object: ObjectInfo, ids: string[], ctx: Ctx, options: TitleReadOptions): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  const policy = tryResolvePolicy(ctx, object, 'read', options);
  const field = object.fields.get(object.titleField);
  if (!policy || !field || field.name === 'id' || policy.fieldAccess(field) === 'none') return titles;
  const { query, scope } = scopedQuery(ctx, object.name, 'read', options);
  // The scope masks a value in the states that hide the field, and computes a formula title.
  query.select('t0.id', selectFields(ctx.db, scope, [field])).whereIn('t0.id', ids);
  scope.applyJoins(query);
  for (const row of (await query) as RecordData[]) {
    const value = toApiValue(field, row[field.name]);
    if (value === null || value === '') continue;
    titles[String(row.id)] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return titles;
}

/** The titles a page of records needs: those of the values of its lookups to other records (not people or departments). */
export function pageTitles(objectName: string, rows: readonly RecordData[], ctx: Ctx): Promise<RecordTitles> {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  const wanted = new Map<string, Set<string>>();
  for (const field of object.fields.values()) {
    if (field.type !== 'lookup' || !field.target || ctx.schema.objects.get(field.target)?.system !== false) continue;
    const ids = wanted.get(field.target) ?? new Set<string>();
    for (const row of rows) if (typeof row[field.name] === 'string') ids.add(row[field.name] as string);
    wanted.set(field.target, ids);
  }
  return readTitles(wanted, ctx);
}

/** Checks the body of `POST /api/records/titles`: `{ <object>: [id, …] }` of record objects the schema knows. */
export function parseTitleRequest(body: unknown, ctx: Ctx): Map<string, Set<string>> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw createError('BAD_REQUEST', msg('titles.bodyShape'), [{ path: '', message: msg('titles.bodyShapeDetail') }]);
  }
  const wanted = new Map<string, Set<string>>();
  const details: ErrorDetail[] = [];
  let count = 0;
  for (const [name, ids] of Object.entries(body)) {
    const path = `/${name.slice(0, 100)}`;
    const object = ctx.schema.objects.get(name);
    if (!object) details.push(detail(path, msg('titles.noObject', { name: name.slice(0, 100) })));
    else if (object.system) details.push(detail(path, msg('titles.systemObject', { name })));
    if (!Array.isArray(ids)) {
      details.push(detail(path, msg('titles.idList')));
      continue;
    }
    const set = new Set<string>();
    ids.forEach((id, i) => {
      const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
      if (isId(text)) set.add(text);
      else details.push(detail(`${path}/${i}`, msg('titles.recordId')));
    });
    count += set.size;
    wanted.set(name, set);
  }
  if (details.length) throw createError('BAD_REQUEST', msg('titles.invalid'), details.slice(0, 50));
  if (count > MAX_TITLE_IDS) throw createError('BAD_REQUEST', msg('titles.tooMany', { max: MAX_TITLE_IDS }), [{ path: '', message: msg('titles.tooManyDetail', { max: MAX_TITLE_IDS }) }]);
  return wanted;
}
