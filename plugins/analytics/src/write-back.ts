import type { RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';

/**
 * The one way the pack writes results onto records: ordinary fields, written as the system (so a
 * field read-only to people still takes them) through the records service's bulk update, with
 * history and hooks like any write; only to records in `scope` (those the run read as its starter).
 * The platform writes only the values that differ from what a record holds. Run inside the run's
 * transaction, it is undone with it; a record deleted since the run read it is left out. Returns how
 * many records changed.
 */
export async function writeBack(system: SystemRecordService, object: string, values: ReadonlyMap<string, RecordData>, scope: ReadonlySet<string>): Promise<number> {
  const changes = [...values].filter(([id, v]) => scope.has(id) && Object.keys(v).length).map(([id, v]) => ({ id, values: v }));
  if (!changes.length) return 0;
  const { changed } = await system.updateMany(object, changes);
  return changed.length;
}
