import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { objectLabel, operationLabel } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { isId } from '../core/identifiers.ts';
import { parseRecordId, readableRow, recordNotFound } from '../permissions/readable-row.ts';
import { tryResolvePolicy, type Operation } from '../permissions/resolve-policy.ts';
import { scopedQuery, type ScopedQueryOptions } from '../permissions/scoped-query.ts';
import type { RecordData } from './record-shape.ts';

/**
 * A record row locked `FOR UPDATE` through `scopedQuery`, in the scope of the operation the caller
 * asked for (the system's writes lock in `systemContext`). Only `lockRecord` makes one, and the
 * record writer (record-writer.ts) changes a record row only when handed one.
 */
class Locked {
  // A private member makes the type nominal: no object literal or spread copy passes for a LockedRecord,
  // and the class itself is not exported, so nothing but lockRecord can make one.
  private declare readonly madeByLock: true;

  constructor(
    readonly object: ObjectInfo,
    readonly id: string,
    /** Every column of the row as it was locked. */
    readonly row: RecordData,
  ) {}
}

export type LockedRecord = Locked;

type LockedRows = NonNullable<ScopedQueryOptions['rows']>;

/**
 * Why a record could not be reached for an operation: 404 when the caller cannot read it either (so
 * its existence is not revealed), 403 when they can see it but not do this to it.
 */
async function unreachable(objectName: string, id: string, operation: Operation, ctx: Ctx, rows: LockedRows): Promise<Error> {
  const object = ctx.schema.object(objectName);
  const visible = operation !== 'read' && tryResolvePolicy(ctx, object, 'read') ? await readableRow(objectName, id, ctx, ['_state'], rows) : undefined;
  if (!visible) return recordNotFound(object, id);
  const params = { operation: operationLabel(operation), object: objectLabel(object) };
  return createError('FORBIDDEN', visible._state === null ? msg('record.notPermitted', params) : msg('record.notPermittedInState', { ...params, state: String(visible._state) }));
}

/**
 * Locks a record in the caller's scope for `operation`, in the caller's transaction (`ctx.db`); see
 * `unreachable` for the answer when it is not in that scope.
 */
export async function lockRecord(objectName: string, id: string, operation: Operation, ctx: Ctx, rows: LockedRows = 'live'): Promise<LockedRecord> {
  const { query, object } = scopedQuery(ctx, objectName, operation, { rows });
  const recordId = parseRecordId(id);
  const row: RecordData | undefined = await query.select('t0.*').where('t0.id', recordId).forUpdate('t0').first();
  if (!row) throw await unreachable(objectName, recordId, operation, ctx, rows);
  return new Locked(object, String(row.id), row);
}

/**
 * Locks many records of one object in the caller's scope for `operation`, in id order (two bulk
 * writes over the same records cannot deadlock). Ids out of that scope, or of no record, are not
 * in the answer: the caller decides what a missing one means. A bulk write that needs only some
 * columns names them (`columns`): the rows then hold only those, which matters at 100,000 rows.
 */
export async function lockRecords(objectName: string, ids: readonly string[], operation: Operation, ctx: Ctx, columns?: readonly string[]): Promise<LockedRecord[]> {
  const wanted = [...new Set(ids.filter(isId))];
  if (!wanted.length) return [];
  const { query, object } = scopedQuery(ctx, objectName, operation);
  const found: RecordData[] = await query.select(columns ? columns.map((c) => `t0.${c}`) : 't0.*').whereRaw('t0.id = ANY(?::bigint[])', [wanted]).orderBy('t0.id').forUpdate('t0');
  return found.map((row) => new Locked(object, String(row.id), row));
}
