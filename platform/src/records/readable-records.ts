import type { Ctx } from '../core/ctx.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { readTitles, type RecordTitles } from './record-titles.ts';

export interface ReadableRecords {
  /** `<object>:<id>` of the records the caller may open now. */
  has(object: string, id: string): boolean;
  /** Their titles as the caller may read them (absent when hidden or empty). */
  title(object: string, id: string): string | null;
}

/**
 * Which of some stored references to records (notifications, recent openings) the caller may open
 * now, with their titles, through the permission-scoped reads; an approver reaches the records of
 * their open tasks. Objects gone, system objects and objects closed to the caller count as unreadable.
 */
export async function readableRecords(refs: readonly { object: string | null; id: string | null }[], ctx: Ctx): Promise<ReadableRecords> {
  const options = { openTasks: true } as const;
  const wanted = new Map<string, Set<string>>();
  for (const ref of refs) {
    const object = ref.object ? ctx.schema.objects.get(ref.object) : undefined;
    if (!object || object.system || ref.id === null || !tryResolvePolicy(ctx, object, 'read', options)) continue;
    wanted.set(object.name, (wanted.get(object.name) ?? new Set()).add(ref.id));
  }
  const readable = new Set<string>();
  for (const [name, ids] of wanted) {
    const found: { id: string | number }[] = await scopedQuery(ctx, name, 'read', options).query.whereIn('t0.id', [...ids]).select('t0.id');
    for (const row of found) readable.add(`${name}:${row.id}`);
  }
  const titles: RecordTitles = await readTitles(wanted, ctx, options);
  return {
    has: (object, id) => readable.has(`${object}:${id}`),
    title: (object, id) => (readable.has(`${object}:${id}`) ? (titles[object]?.[id] ?? null) : null),
  };
}
