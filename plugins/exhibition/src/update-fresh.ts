import type { RecordData, RecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { isStale } from './lost-race.ts';

/**
 * Applies `change(current)` to a record (nothing when it answers null), reading it again when another
 * writer moved its `_version` on between the read and the write; a fifth stale write is thrown.
 */
export async function updateFresh(object: string, id: string, records: Pick<RecordService, 'get' | 'update'>, change: (current: RecordData) => RecordData | null): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await records.get(object, id);
    const values = change(current);
    if (!values) return;
    try {
      await records.update(object, id, { ...values, _version: current._version });
      return;
    } catch (err) {
      if (attempt >= 4 || !isStale(err)) throw err;
    }
  }
}
