import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { runPreparedQuery } from '../core/prepared-query.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { parseRecordId, recordNotFound } from '../permissions/readable-row.ts';
import type { Operation } from '../permissions/resolve-policy.ts';
import {
  compileFilter, cursorValuesOf, decodeCursor, encodeCursor, keysetCondition, orderBySql, parseSort, sortSelectSql,
} from '../query/index.ts';
import { selectFields, toApiRecord, visibleFields, type RecordData } from './record-shape.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

export interface ListInput {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  count?: boolean;
}

export interface ListResult {
  data: RecordData[];
  nextCursor: string | null;
  total?: number;
}

const raw = (db: Knex, part: { sql: string; bindings: unknown[] }) => db.raw(part.sql, part.bindings as Knex.RawBinding[]);

export async function getRecord(objectName: string, id: string, ctx: Ctx, options: { fields?: string[]; operation?: Operation } = {}): Promise<RecordData> {
  // One record at a time, an approver reaches the record of their open task.
  const { query, policy, scope, object } = scopedQuery(ctx, objectName, options.operation ?? 'read', { openTasks: true });
  const fields = visibleFields(object, policy, options.fields);
  const select = selectFields(ctx.db, scope, fields);
  query.select(select).where('t0.id', parseRecordId(id)).first();
  scope.applyJoins(query);
  const row = await query;
  if (!row) throw recordNotFound(object, id);
  return toApiRecord(fields, row);
}

/** A page of records in scope: filter and sort compiled to SQL, keyset pagination on the sort keys plus id. */
export async function listRecords(objectName: string, input: ListInput, ctx: Ctx, operation: Operation = 'read'): Promise<ListResult> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw createError('BAD_REQUEST', msg('record.limit', { max: MAX_LIMIT }), [{ path: '/limit', message: msg('http.mustBeRange', { min: 1, max: MAX_LIMIT }) }]);
  }
  const { query, policy, scope, object } = scopedQuery(ctx, objectName, operation);
  const fields = visibleFields(object, policy, input.fields);
  const where = input.filter === undefined ? null : compileFilter(input.filter, scope);
  const keys = parseSort(input.sort, scope);
  if (where) query.whereRaw(where.sql, where.bindings as Knex.RawBinding[]);

  const countQuery = input.count ? query.clone() : null;
  if (input.cursor) query.whereRaw(...toWhere(keysetCondition(keys, decodeCursor(input.cursor, keys))));
  const keySelect = sortSelectSql(keys);
  query.select([selectFields(ctx.db, scope, fields), raw(ctx.db, keySelect)]);
  // The limit is part of the statement text (a checked integer), so a reused plan knows it needs only limit + 1 rows.
  query.orderByRaw(...toWhere(orderBySql(keys))).limit(limit + 1, { skipBinding: true });
  scope.applyJoins(query);

  const [rows, total] = await Promise.all([
    runPreparedQuery(ctx.db, `schema@${ctx.schema.version}`, query),
    countQuery ? scope.applyJoins(countQuery.count({ n: '*' })).then((r: { n: string | number }[]) => Number(r[0].n)) : undefined,
  ]);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(cursorValuesOf(page[page.length - 1])) : null;
  const result: ListResult = { data: page.map((row: RecordData) => toApiRecord(fields, row)), nextCursor };
  if (total !== undefined) result.total = total;
  return result;
}

function toWhere(part: { sql: string; bindings: unknown[] }): [string, Knex.RawBinding[]] {
  return [part.sql, part.bindings as Knex.RawBinding[]];
}
