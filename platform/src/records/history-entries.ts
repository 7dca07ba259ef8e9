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
