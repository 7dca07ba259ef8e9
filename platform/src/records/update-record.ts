import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError, isAppError } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { tryResolvePolicy, type Operation, type Policy } from '../permissions/resolve-policy.ts';
import { changedHistoryFields, writeHistory, type HistoryAction, type HistoryEntry } from './history-entries.ts';
import { checkValues, type ColumnValues } from './prepare-values.ts';
import { getRecord } from './read-records.ts';
import { parseRecordId, readableRow, recordNotFound } from '../permissions/readable-row.ts';
import { fieldsSetByHooks, hookableValues, runRecordHooks } from './record-hooks.ts';
import { toApiRecord, visibleFields, type RecordData } from './record-shape.ts';
import { checkValidationRules, findDuplicates, invalidWithRuleErrors, lockDedupKeys, refuseDuplicates, refuseLookupCycles, refuseUnreachableLookups } from './write-checks.ts';
import { writeChange } from './write-change.ts';
import { msg } from '../core/messages/message.ts';
import { objectLabel, operationLabel } from '../core/messages/kind-labels.ts';

const storedFields = (object: ObjectInfo) => [...object.fields.values()].filter((f) => f.column !== null);

/**
 * Why a record could not be reached for an operation: 404 when the caller cannot read it either (so
 * its existence is not revealed), 403 when they can see it but not do this to it.
 */
async function unreachable(objectName: string, id: string, operation: Operation, ctx: Ctx, rows: 'live' | 'deleted'): Promise<Error> {
  const object = ctx.schema.object(objectName);
  const visible = operation !== 'read' && tryResolvePolicy(ctx, object, 'read') ? await readableRow(objectName, id, ctx, ['_state'], rows) : undefined;
  if (!visible) return recordNotFound(object, id);
  const params = { operation: operationLabel(operation), object: objectLabel(object) };
  return createError('FORBIDDEN', visible._state === null ? msg('record.notPermitted', params) : msg('record.notPermittedInState', { ...params, state: String(visible._state) }));
}

/** Locks a record in the caller's scope for `operation`; see `unreachable` for the answer when it is not. */
export async function lockRecord(objectName: string, id: string, operation: Operation, ctx: Ctx, rows: 'live' | 'deleted' = 'live'): Promise<RecordData> {
  const { query } = scopedQuery(ctx, objectName, operation, { rows });
  const recordId = parseRecordId(id);
  const row = await query.select('t0.*').where('t0.id', recordId).forUpdate('t0').first();
  if (!row) throw await unreachable(objectName, recordId, operation, ctx, rows);
  return row;
}

/** Fields a role may write in general can be capped in the record's workflow state. */
export function refuseFieldsLockedInState(policy: Policy, object: ObjectInfo, names: readonly string[], state: string | null): void {
  if (state === null) return;
  const locked = names.filter((name) => {
    const field = object.fields.get(name);
    return field !== undefined && policy.fieldAccessIn(field, state) !== 'write';
  });
  if (locked.length) {
    throw createError('FORBIDDEN', msg('record.lockedInState', { fields: locked.join(', '), state }),
      locked.map((name) => ({ path: `/${name}`, message: msg('value.notWritableInState', { state }) })));
  }
}

/**
 * Like row-level security's WITH CHECK: the changed row must still be inside the caller's update
 * scope, so nobody can move a record out of their own reach (and into someone else's) by editing it.
 */
async function refuseEscapingScope(trx: Knex, object: ObjectInfo, id: string, ctx: Ctx): Promise<void> {
  const { policy, query } = scopedQuery(withDb(ctx, trx), object.name, 'update');
  if (!policy.rowFilter()) return;
  const still = await query.where('t0.id', id).first('t0.id');
  if (!still) throw createError('FORBIDDEN', msg('record.outOfScope'));
}

export interface ApplyChange {
  values: ColumnValues;
  action: HistoryAction;
  extraHistory?: HistoryEntry[];
  reverts?: string;
  /** The user the history names when the change is made on their behalf (an approved pending change). */
  onBehalfOf?: string | null;
}

/**
 * Writes already-checked values to a locked row with history, validation rules and the scope check,
 * inside `trx`. A caller's change goes through `writeChange` (approval gates, locked states); only
 * the system's own writes (workflow actions, approved changes) call this directly.
 */
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
  if (all.length || change.action !== 'update') await writeHistory(trx, object, id, change.action, all, ctx, change.onBehalfOf === undefined ? ctx.actor.id : change.onBehalfOf);
  await checkValidationRules(trx, object, id, ctx);
  if (ctx.actor.kind !== 'system') await refuseEscapingScope(trx, object, id, ctx);
}

/**
 * The record after a change, as the caller now sees it; when the change took it out of what they may
 * read (a transfer, say), only its id.
 */
export async function readBack(objectName: string, id: string, ctx: Ctx): Promise<RecordData> {
  try {
    return await getRecord(objectName, id, ctx);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return { id };
    throw err;
  }
}

function expectedVersion(input: unknown): number {
  const version = (input as { _version?: unknown } | null)?._version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw createError('VALIDATION_FAILED', msg('record.versionRequired'), [
      { path: '/_version', message: msg('record.versionRequiredDetail') },
    ]);
  }
  return version;
}

export function refuseStaleVersion(locked: RecordData, version: number): void {
  if (Number(locked._version) !== version) {
    throw createError('STALE_VERSION', msg('record.stale'), [
      { path: '/_version', message: msg('record.currentVersion', { version: String(locked._version) }) },
    ], { currentVersion: Number(locked._version) });
  }
}

/** PATCH: optimistic concurrency on `_version`; a stale version is 409 and changes nothing. */
export async function updateRecord(objectName: string, id: string, input: unknown, ctx: Ctx): Promise<RecordData> {
  const { policy, object } = scopedQuery(ctx, objectName, 'update');
  const hooked = ctx.hooks?.has(object.name, 'beforeUpdate', 'afterUpdate') === true;
  let checked = checkValues(object, policy, input, 'update', ctx);
  const version = expectedVersion(input);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'update', tctx);
    refuseStaleVersion(locked, version);
    if (ctx.hooks?.has(object.name, 'beforeUpdate')) {
      const written = hookableValues(input);
      await runRecordHooks(tctx, 'beforeUpdate', object.name, { id: String(locked.id), values: written, record: toApiRecord(visibleFields(object, policy), locked) });
      checked = checkValues(object, policy, written, 'update', ctx, fieldsSetByHooks(input, written));
    }
    const values = checked.values;
    if (checked.invalid.length) {
      throw await invalidWithRuleErrors(trx, object, checked.invalid, async (sp) => {
        await sp(object.table).where({ id: locked.id }).update(values);
        return String(locked.id);
      }, tctx);
    }
    refuseFieldsLockedInState(policy, object, Object.keys(values), (locked._state as string | null) ?? null);
    await refuseUnreachableLookups(object, values, tctx);
    await refuseLookupCycles(trx, object, String(locked.id), values);
    if (object.definition.dedup?.length) {
      await lockDedupKeys(trx, object, { ...toApiRecord(storedFields(object), locked), ...values });
      refuseDuplicates(object, await findDuplicates(tctx, object, values, toApiRecord(storedFields(object), locked), String(locked.id)), ctx);
    }
    const pending = await writeChange(trx, object, locked, { values, action: 'update' }, tctx);
    const record = await readBack(objectName, String(locked.id), tctx);
    const written: RecordData = pending ? { ...record, _pending: pending } : record;
    if (hooked) await runRecordHooks(tctx, 'afterUpdate', object.name, { id: String(locked.id), record: written });
    return written;
  });
}
