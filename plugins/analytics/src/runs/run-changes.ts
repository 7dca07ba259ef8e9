import type { RecordResult } from '../kinds/analysis-kind.ts';

/** At most this many moves are listed (all are counted). */
const LISTED = 500;

/**
 * What changed since the user's previous run of the analysis: records that moved group (segment,
 * quadrant, flag, cluster, predicted outcome), that are new to the results, or that left them.
 */
export function runChanges(previous: ReadonlyMap<string, string> | undefined, records: readonly RecordResult[] | undefined, previousRunId: string | null) {
  if (!previous || !records) return null;
  const moved: { id: string; title: string | null; from: string; to: string }[] = [];
  let movedCount = 0;
  let entered = 0;
  const now = new Set<string>();
  for (const record of records) {
    now.add(record.id);
    const before = previous.get(record.id);
    if (before === undefined) entered++;
    else if (before !== record.group) {
      movedCount++;
      if (moved.length < LISTED) moved.push({ id: record.id, title: record.title, from: before, to: record.group });
    }
  }
  let left = 0;
  for (const id of previous.keys()) if (!now.has(id)) left++;
  return { previousRun: previousRunId, moved, movedCount, entered, left };
}
