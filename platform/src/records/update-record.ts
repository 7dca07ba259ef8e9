import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { ObjectInfo } from '../metadata/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import type { Operation } from '../permissions/resolve-policy.ts';
import { changedHistoryFields, writeHistory, type HistoryAction, type HistoryEntry } from './history-entries.ts';
import { prepareValues, type ColumnValues } from './prepare-values.ts';
import { getRecord, parseRecordId } from './read-records.ts';
import { toApiRecord, type RecordData } from './record-shape.ts';
import { checkValidationRules, findDuplicates, lockDedupKeys, refuseDuplicates } from './write-checks.ts';

const storedFields = (object: ObjectInfo) => [...object.fields.values()].filter((f) => f.column !== null);

/** Locks a record in the caller's scope for `operation`; out-of-scope and missing records are both 404. */
export async function lockRecord(objectName: string, id: string, operation: Operation, ctx: Ctx, rows: 'live' | 'deleted' = 'live'): Promise<RecordData> {
  const { query, object } = scopedQuery(ctx, objectName, operation, { rows });
  const row = await query.select('t0.*').where('t0.id', parseRecordId(id)).forUpdate('t0').first();
  if (!row) throw createError('NOT_FOUND', `There is no ${object.label.en ?? object.name} record with id ${id}.`);
  return row;
}

export interface ApplyChange {
  values: ColumnValues;
  action: HistoryAction;
  extraHistory?: HistoryEntry[];
  reverts?: string;
}

/** Writes already-checked values to a locked row, with history and validation rules, inside `trx`. */
export async function applyUpdate(trx: Knex, object: ObjectInfo, locked: RecordData, change: ApplyChange, ctx: Ctx): Promise<void> {
  const id = String(locked.id);
  const [updated] = await trx(object.table)
    .where({ id })
    .update({ ...change.values, _version: trx.raw('_version + 1'), _updated_at: trx.fn.now() })
    .returning('*');
  const fields = storedFields(object);
  const entries = changedHistoryFields(object, toApiRecord(fields, locked), toApiRecord(fields, updated))
    .map((e) => ({ ...e, reverts: change.reverts ?? null }));
  const all = [...entries, ...(change.extraHistory ?? [])];
  if (all.length || change.action !== 'update') await writeHistory(trx, object, id, change.action, all, ctx);
  await checkValidationRules(trx, object, id, ctx);
}

function expectedVersion(input: unknown): number {
  const version = (input as { _version?: unknown } | null)?._version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw createError('VALIDATION_FAILED', 'Send the _version you last read so that concurrent edits are detected.', [
      { path: '/_version', message: '_version is required and must be a whole number' },
    ]);
  }
  return version;
}

/** PATCH: optimistic concurrency on `_version`; a stale version is 409 and changes nothing. */
export async function updateRecord(objectName: string, id: string, input: unknown, ctx: Ctx): Promise<RecordData> {
  const { policy, object } = scopedQuery(ctx, objectName, 'update');
  const values = prepareValues(object, policy, input, 'update', ctx);
  const version = expectedVersion(input);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'update', tctx);
    if (Number(locked._version) !== version) {
      throw createError('STALE_VERSION', 'Someone else changed this record since you read it; reload it and apply your change again.', [
        { path: '/_version', message: `the current version is ${locked._version}` },
      ], { currentVersion: Number(locked._version) });
    }
    if (object.definition.dedup?.length) {
      await lockDedupKeys(trx, object, { ...toApiRecord(storedFields(object), locked), ...values });
      refuseDuplicates(object, await findDuplicates(tctx, object, values, toApiRecord(storedFields(object), locked), String(locked.id)), ctx);
    }
    await applyUpdate(trx, object, locked, { values, action: 'update' }, tctx);
    return getRecord(objectName, id, tctx);
  });
}
