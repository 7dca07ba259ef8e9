import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { localizedText, msg } from '../core/messages/message.ts';
import { requireReadableRow } from '../permissions/readable-row.ts';
import { readableRecords } from './readable-records.ts';

/** How many openings a user keeps; older ones are forgotten when a new one is written. */
export const RECENT_KEPT = 50;

export interface RecentRecord {
  object: string;
  /** The object's label in the caller's language. */
  objectLabel: string;
  recordId: string;
  /** The record's title as the caller may read it now; null when the title is hidden from them or empty. */
  title: string | null;
  openedAt: string;
}

/** `POST /api/ui/recent {object, id}`: the caller opened a record they may read (404 otherwise). */
export async function recordOpened(body: unknown, ctx: Ctx): Promise<void> {
  const input = (body ?? {}) as { object?: unknown; id?: unknown };
  if (typeof input.object !== 'string' || (typeof input.id !== 'string' && typeof input.id !== 'number')) {
    throw createError('VALIDATION_FAILED', msg('recent.body', { body: '{"object": name, "id": id}' }), [{ path: typeof input.object === 'string' ? '/id' : '/object', message: msg('value.required') }]);
  }
  const object = ctx.schema.object(input.object, { recordsOnly: true });
  const id = String(input.id);
  await requireReadableRow(object.name, id, ctx, ['id']);
  await ctx.db('recent_records')
    .insert({ user_id: ctx.actor.id, object: object.name, record_id: id, opened_at: ctx.db.fn.now() })
    .onConflict(['user_id', 'object', 'record_id'])
    .merge({ opened_at: ctx.db.fn.now() });
  await ctx.db('recent_records')
    .where({ user_id: ctx.actor.id })
    .whereNotIn(['object', 'record_id'], ctx.db('recent_records').where({ user_id: ctx.actor.id }).orderBy('opened_at', 'desc').limit(RECENT_KEPT).select('object', 'record_id'))
    .delete();
}

/**
 * The records the caller opened lately, newest first, read back through their read scope: a record
 * they can no longer read (moved out of scope, deleted, its object closed to them) is left out.
 */
export async function recentRecords(limit: number, ctx: Ctx): Promise<RecentRecord[]> {
  const rows: { object: string; record_id: string | number; opened_at: Date | string }[] = await ctx.db('recent_records')
    .where({ user_id: ctx.actor.id })
    .orderBy('opened_at', 'desc')
    .limit(RECENT_KEPT)
    .select('object', 'record_id', 'opened_at');
  const records = await readableRecords(rows.map((r) => ({ object: r.object, id: String(r.record_id) })), ctx);
  return rows
    .filter((r) => records.has(r.object, String(r.record_id)))
    .slice(0, limit)
    .map((r) => ({
      object: r.object,
      objectLabel: localizedText(objectLabel(ctx.schema.object(r.object)), ctx.lang),
      recordId: String(r.record_id),
      title: records.title(r.object, String(r.record_id)),
      openedAt: new Date(r.opened_at).toISOString(),
    }));
}
