import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError, isAppError } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import { changedHistoryFields, writeHistory, type HistoryAction, type HistoryEntry } from './history-entries.ts';
import { checkValues, type ColumnValues } from './prepare-values.ts';
import { getRecord } from './read-records.ts';
import { fieldsSetByHooks, hookableValues, runRecordHooks } from './record-hooks.ts';
import { toApiRecord, visibleFields, type RecordData } from './record-shape.ts';
import { checkValidationRules, findDuplicates, invalidWithRuleErrors, lockDedupKeys, refuseDuplicates, refuseLookupCycles, refuseUnreachableLookups, touchesDedupFields } from './write-checks.ts';
import { lockRecord, type LockedRecord } from './locked-record.ts';
import { updateLocked, writeTentatively } from './record-writer.ts';
import { writeChange } from './write-change.ts';
import { msg } from '../core/messages/message.ts';

const storedFields = (object: ObjectInfo) => [...object.fields.values()].filter((f) => f.column !== null);

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
 * inside the transaction `ctx.db`. A caller's change goes through `writeChange` (approval gates,
 * locked states); only the system's own writes (workflow actions, approved changes) call this directly.
 */
export async function applyUpdate(locked: LockedRecord, change: ApplyChange, ctx: Ctx): Promise<void> {
  const { object, id } = locked;
  const trx = ctx.db;
  const updated = await updateLocked(locked, change.values, ctx);
  const fields = storedFields(object);
  const entries = changedHistoryFields(object, toApiRecord(fields, locked.row), toApiRecord(fields, updated))
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

export function refuseStaleVersion(locked: LockedRecord, version: number): void {
  const current = locked.row._version;
  if (Number(current) !== version) {
    throw createError('STALE_VERSION', msg('record.stale'), [
      { path: '/_version', message: msg('record.currentVersion', { version: String(current) }) },
    ], { currentVersion: Number(current) });
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
    const row = locked.row;
    if (ctx.hooks?.has(object.name, 'beforeUpdate')) {
      const written = hookableValues(input);
      await runRecordHooks(tctx, 'beforeUpdate', object.name, { id: locked.id, values: written, record: toApiRecord(visibleFields(object, policy), row) });
      checked = checkValues(object, policy, written, 'update', ctx, fieldsSetByHooks(input, written));
    }
    const values = checked.values;
    if (checked.invalid.length) {
      throw await invalidWithRuleErrors(trx, object, checked.invalid, async (sp) => {
        await writeTentatively(object, locked.id, values, withDb(tctx, sp));
        return locked.id;
      }, tctx);
    }
    refuseFieldsLockedInState(policy, object, Object.keys(values), (row._state as string | null) ?? null);
    await refuseUnreachableLookups(object, values, tctx);
    await refuseLookupCycles(trx, object, locked.id, values);
    if (object.definition.dedup?.length) {
      // Only a change to a dedup rule's field can race another write into a duplicate: others take no
      // key lock, which would be held to the end of the transaction (thousands in a bulk job's).
      if (touchesDedupFields(object, values)) await lockDedupKeys(trx, object, { ...toApiRecord(storedFields(object), row), ...values });
      refuseDuplicates(object, await findDuplicates(tctx, object, values, toApiRecord(storedFields(object), row), locked.id), ctx);
    }
    const pending = await writeChange(trx, locked, { values, action: 'update' }, tctx);
    const record = await readBack(objectName, locked.id, tctx);
    const written: RecordData = pending ? { ...record, _pending: pending } : record;
    if (hooked) await runRecordHooks(tctx, 'afterUpdate', object.name, { id: locked.id, record: written });
    return written;
  });
}
