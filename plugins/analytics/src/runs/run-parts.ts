import type { RecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { inPieces } from './pieces.ts';

const PART_OBJECT = 'analysis_run_part';

/** Stores a run's long lists in pieces (records of the pack's part object). */
export async function storeLists(system: RecordService, runId: string, lists: Record<string, unknown[] | undefined>): Promise<void> {
  for (const [list, items] of Object.entries(lists)) {
    if (!items) continue;
    let seq = 0;
    for (const piece of inPieces(items)) await system.create(PART_OBJECT, { run: runId, list, seq: seq++, items: piece });
  }
}

/** A run's lists, by name, with their items in order (only `names` when given). */
export async function readLists(system: RecordService, runId: string, names?: string[]): Promise<Record<string, unknown[]>> {
  const lists: Record<string, unknown[]> = {};
  let cursor: string | undefined;
  const filter = { run: { $eq: runId }, ...(names ? { list: { $in: names } } : {}) };
  do {
    // Each piece is up to 90 KB: a few per page.
    const page = await system.list(PART_OBJECT, { filter, sort: 'list,seq', limit: 20, fields: ['list', 'items'], ...(cursor ? { cursor } : {}) });
    for (const part of page.data) (lists[String(part.list)] ??= []).push(...(part.items as unknown[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return lists;
}
