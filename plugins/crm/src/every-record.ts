import { everyPage, type RecordData, type RecordService } from '../../../platform/src/plugins/plugin-api.ts';

/** Visits every record the service reaches that matches `filter`. */
export async function everyRecord(records: RecordService, object: string, filter: unknown, visit: (record: RecordData) => void | Promise<void>): Promise<void> {
  for await (const page of everyPage(records, object, filter === undefined ? {} : { filter })) {
    for (const record of page.data) await visit(record);
  }
}
