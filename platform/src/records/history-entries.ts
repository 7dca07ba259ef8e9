import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import type { RecordData } from './record-shape.ts';

export type HistoryAction = 'create' | 'update' | 'revert' | 'delete' | 'restore' | 'merge' | 'transfer' | 'share' | 'unshare';

export interface HistoryEntry {
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  reverts?: string | null;
  mergedFrom?: string | null;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** `actor` is who the entries name: the acting user unless a change is made on someone's behalf. */
export async function writeHistory(db: Knex, object: ObjectInfo, recordId: string, action: HistoryAction, entries: HistoryEntry[], ctx: Ctx, actor: string | null = ctx.actor.id): Promise<void> {
  const rows = (entries.length ? entries : [{}]).map((e) => ({
    object: object.name,
    record_id: recordId,
    action,
    field: e.field ?? null,
    old_value: json(e.oldValue),
    new_value: json(e.newValue),
    actor,
    reverts: e.reverts ?? null,
    merged_from: e.mergedFrom ?? null,
  }));
  await db('record_history').insert(rows);
}

/**
 * The entries of many records' changes (a bulk write) in one statement over unnest(), one array
 * parameter per column: rows as `writeHistory` writes them, without reverts or merges.
 */
export async function writeHistoryMany(db: Knex, object: ObjectInfo, action: HistoryAction, changes: readonly { recordId: string; entries: HistoryEntry[] }[], actor: string | null): Promise<void> {
  const records: string[] = [];
  const fields: (string | null)[] = [];
  const oldValues: (string | null)[] = [];
  const newValues: (string | null)[] = [];
  for (const { recordId, entries } of changes) {
    for (const e of entries) {
      records.push(recordId);
      fields.push(e.field ?? null);
      oldValues.push(json(e.oldValue));
      newValues.push(json(e.newValue));
    }
  }
  if (!records.length) return;
  await db.raw(
    'INSERT INTO record_history (object, record_id, action, field, old_value, new_value, actor) ' +
      'SELECT ?, r, ?, f, o::jsonb, n::jsonb, ?::bigint FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS u(r, f, o, n)',
    [object.name, action, actor, records, fields, oldValues, newValues] as Knex.RawBinding[],
  );
}

/** One entry per changed field that the object keeps history for. */
export function changedHistoryFields(object: ObjectInfo, before: RecordData, after: RecordData): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const name of object.history) {
    const oldValue = before[name] ?? null;
    const newValue = after[name] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) entries.push({ field: name, oldValue, newValue });
  }
  return entries;
}
