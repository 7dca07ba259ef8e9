import { withDb, type Ctx } from '../core/ctx.ts';
import type { ErrorDetail } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import { fieldKind } from '../query/field-kind.ts';
import { changedHistoryFields, writeHistoryMany } from './history-entries.ts';
import { lockRecords, type LockedRecord } from './locked-record.ts';
import { checkValues, type ColumnValues } from './prepare-values.ts';
import { fieldsSetByHooks, hookableValues, runRecordHooks } from './record-hooks.ts';
import { toApiRecord, toApiValue, visibleFields, type RecordData } from './record-shape.ts';
import { updateLockedMany, type LockedChange } from './record-writer.ts';
import { BULK_CHUNK, refuseInvalidValues, refuseUnlessSystem, runAfterHooks } from './system-bulk.ts';
import { refuseFieldsLockedInState } from './update-record.ts';
import { checkValidationRulesOf, findDuplicates, lockDedupKeys, refuseDuplicates, refuseLookupCycles, refuseUnreachableLookups, touchesDedupFields } from './write-checks.ts';

export interface RecordChange {
  id: string;
  values: RecordData;
}

export interface UpdateManyResult {
  /** The records whose values changed, each now in its next version. */
  changed: string[];
  /** Ids of no live record (deleted since they were read, or never there): nothing was written to them. */
  missing: string[];
}

const storedFields = (object: ObjectInfo) => [...object.fields.values()].filter((f) => f.column !== null);

/** Whether a checked value is what the row already holds, compared as the API shows both. */
function holds(object: ObjectInfo, row: RecordData, name: string, value: unknown): boolean {
  const field = object.fields.get(name)!;
  const written = fieldKind(field) === 'json' && typeof value === 'string' ? JSON.parse(value) : value;
  return JSON.stringify(toApiValue(field, row[name])) === JSON.stringify(toApiValue(field, written));
}

/**
 * The columns a bulk update reads and returns: what it compares, keeps history of and checks for
 * duplicates, not the whole row (at 100,000 rows that is most of the work). A before hook sees the
 * whole record, so with one every column is read.
 */
function columnsNeeded(object: ObjectInfo, changes: readonly RecordChange[], ctx: Ctx): string[] | undefined {
  if (ctx.hooks?.has(object.name, 'beforeUpdate')) return undefined;
  const names = new Set(['id', '_version', '_state', ...object.history]);
  for (const rule of object.definition.dedup ?? []) for (const f of rule.fields) names.add(f.field);
  for (const { values } of changes) for (const name of Object.keys(values)) names.add(name);
  return [...names].filter((name) => object.fields.get(name)?.column);
}

/**
 * The system's bulk update (pack bookkeeping such as an analysis writing its results): each
 * record's values pass the checks a single system update runs (field values, pack field types,
 * lookups, self-lookup cycles, dedup rules, validation rules, before/after update hooks per record),
 * then only the values that differ from the record are written, set-based, with history in bulk.
 * All or nothing in the transaction `ctx.db` (one of its own when it is none). Records that are not
 * there are reported, not refused. System only: a user's change goes through the write gate.
 */
export async function updateMany(objectName: string, changes: readonly RecordChange[], ctx: Ctx): Promise<UpdateManyResult> {
  refuseUnlessSystem(ctx, 'updateMany');
  const { policy, object } = scopedQuery(ctx, objectName, 'update');
  const wanted = new Map<string, { at: number; values: RecordData }>();
  changes.forEach(({ id, values }, at) => wanted.set(String(id), { at, values: { ...wanted.get(String(id))?.values, ...values } }));
  const ids = [...wanted.keys()];
  const columns = columnsNeeded(object, changes, ctx);
  const compared = columns ? storedFields(object).filter((f) => columns.includes(f.name)) : storedFields(object);
  const historyFields = storedFields(object).filter((f) => object.history.has(f.name));
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const result: UpdateManyResult = { changed: [], missing: [] };
    for (let at = 0; at < ids.length; at += BULK_CHUNK) {
      const chunk = ids.slice(at, at + BULK_CHUNK);
      const locked = new Map((await lockRecords(object.name, chunk, 'update', tctx, columns)).map((l) => [l.id, l]));
      result.missing.push(...chunk.filter((id) => !locked.has(id)));
      const writes = await checkedChanges(object, policy, [...locked.values()].map((l) => ({ locked: l, ...wanted.get(l.id)! })), tctx);
      if (!writes.length) continue;
      await refuseUnreachableLookups(object, writes.map((w) => w.values), tctx);
      for (const w of writes) await refuseLookupCycles(trx, object, w.locked.id, w.values);
      const dedupChecked = await lockDedupKeysOf(object, writes, tctx);
      const written = new Map((await updateLockedMany(object, writes, tctx, columns)).map((row) => [String(row.id), row]));
      const history = writes.map(({ locked: l }) => ({ recordId: l.id, entries: changedHistoryFields(object, toApiRecord(historyFields, l.row), toApiRecord(historyFields, written.get(l.id)!)) }));
      await writeHistoryMany(trx, object, 'update', history, ctx.actor.id);
      for (const w of dedupChecked) refuseDuplicates(object, await findDuplicates(tctx, object, w.values, toApiRecord(compared, written.get(w.locked.id)!), w.locked.id), ctx);
      await checkValidationRulesOf(trx, object, [...written.keys()], tctx);
      result.changed.push(...written.keys());
    }
    await runAfterHooks('afterUpdate', object, result.changed, tctx);
    return result;
  });
}

/**
 * Each record's values as a single update checks them (after its before hooks), narrowed to those
 * that differ from the record; records left with nothing to change drop out.
 */
async function checkedChanges(object: ObjectInfo, policy: Policy, items: readonly { locked: LockedRecord; at: number; values: RecordData }[], ctx: Ctx): Promise<LockedChange[]> {
  const hooked = ctx.hooks?.has(object.name, 'beforeUpdate') === true;
  const invalid: { at: string; details: ErrorDetail[] }[] = [];
  const writes: LockedChange[] = [];
  for (const { locked, at, values } of items) {
    let written = values;
    if (hooked) {
      written = hookableValues(values);
      await runRecordHooks(ctx, 'beforeUpdate', object.name, { id: locked.id, values: written, record: toApiRecord(visibleFields(object, policy), locked.row) });
    }
    const checked = checkValues(object, policy, written, 'update', ctx, hooked ? fieldsSetByHooks(values, written) : undefined);
    if (checked.invalid.length) {
      invalid.push({ at: `/${at}/values`, details: checked.invalid });
      continue;
    }
    refuseFieldsLockedInState(policy, object, Object.keys(checked.values), (locked.row._state as string | null) ?? null);
    const differing: ColumnValues = Object.fromEntries(Object.entries(checked.values).filter(([name, value]) => !holds(object, locked.row, name, value)));
    if (Object.keys(differing).length) writes.push({ locked, values: differing });
  }
  refuseInvalidValues(object, invalid);
  return writes;
}

/** The changes that touch a blocking dedup rule's fields, their keys locked as a single update locks them. */
async function lockDedupKeysOf(object: ObjectInfo, writes: readonly LockedChange[], ctx: Ctx): Promise<LockedChange[]> {
  const touching = writes.filter((w) => touchesDedupFields(object, w.values));
  for (const w of touching) await lockDedupKeys(ctx.db, object, { ...toApiRecord(storedFields(object).filter((f) => Object.hasOwn(w.locked.row, f.name)), w.locked.row), ...w.values });
  return touching;
}
