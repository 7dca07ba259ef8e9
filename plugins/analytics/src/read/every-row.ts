import { everyPage, type RecordData, type RecordReader } from '../../../../platform/src/plugins/plugin-api.ts';

/**
 * Every record of `object` matching `filter` that `records` may read, with only `fields` (and id). A
 * field the reader may not read is refused (403) on the first page, before anything is computed.
 * `onProgress` gets the share read so far (0–1).
 */
export async function everyRow(
  records: RecordReader,
  object: string,
  query: { filter?: unknown; fields: string[] },
  onProgress?: (share: number) => Promise<unknown>,
): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  let total = 0;
  for await (const page of everyPage(records, object, { ...(query.filter === undefined ? {} : { filter: query.filter }), fields: query.fields, count: true })) {
    if (page.total !== undefined) total = page.total;
    rows.push(...page.data);
    if (onProgress && total > 0) await onProgress(Math.min(1, rows.length / total));
  }
  return rows;
}
