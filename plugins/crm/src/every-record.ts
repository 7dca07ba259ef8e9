import type { RecordData, RecordService } from '../../../platform/src/plugins/plugin-api.ts';

/** Visits every record the service reaches that matches `filter`, page by page along the keyset cursor. */
export async function everyRecord(records: RecordService, object: string, filter: unknown, visit: (record: RecordData) => void | Promise<void>): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await records.list(object, { ...(filter === undefined ? {} : { filter }), limit: 500, ...(cursor ? { cursor } : {}) });
    for (const record of page.data) await visit(record);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
