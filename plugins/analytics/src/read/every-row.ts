import type { RecordData, RecordService } from '../../../../platform/src/plugins/plugin-api.ts';

const PAGE = 500;

/**
 * Every record of `object` matching `filter` that `records` may read, page by page along the keyset
 * cursor, with only `fields` (and id). A field the reader may not read is refused (403) on the first
 * page, before anything is computed. `onProgress` gets the share read so far (0–1).
 */
export async function everyRow(
  records: RecordService,
  object: string,
  query: { filter?: unknown; fields: string[] },
  onProgress?: (share: number) => Promise<unknown>,
): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  let cursor: string | undefined;
  let total = 0;
  do {
    const page = await records.list(object, {
      ...(query.filter === undefined ? {} : { filter: query.filter }),
      fields: query.fields,
      limit: PAGE,
      ...(cursor ? { cursor } : { count: true }),
    });
    if (!cursor) total = page.total ?? 0;
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
    if (onProgress && total > 0) await onProgress(Math.min(1, rows.length / total));
  } while (cursor);
  return rows;
}
