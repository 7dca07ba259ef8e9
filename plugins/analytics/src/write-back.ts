import type { RecordData, RecordService } from '../../../platform/src/plugins/plugin-api.ts';

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9) || (a == null && b == null);

/**
 * The one way the pack writes results onto records: ordinary fields, written as the system (so a
 * field read-only to people still takes them) through the records service, with history and hooks
 * like any write; only to records in `scope` (those the run read as its starter), and only the
 * values that differ from what the record holds. Run inside the run's transaction, it is undone
 * with it. Returns how many records changed.
 */
export async function writeBack(system: RecordService, object: string, values: ReadonlyMap<string, RecordData>, scope: ReadonlySet<string>): Promise<number> {
  const ids = [...values.keys()].filter((id) => scope.has(id));
  const fields = [...new Set([...values.values()].flatMap((v) => Object.keys(v)))];
  if (!fields.length) return 0;
  let changed = 0;
  for (let at = 0; at < ids.length; at += 500) {
    const page = await system.list(object, { filter: { id: { $in: ids.slice(at, at + 500) } }, fields, limit: 500 });
    for (const current of page.data) {
      const wanted = values.get(String(current.id))!;
      const differing = Object.entries(wanted).filter(([field, value]) => !same(current[field], value));
      if (!differing.length) continue;
      await system.update(object, String(current.id), { ...Object.fromEntries(differing), _version: current._version });
      changed++;
    }
  }
  return changed;
}
