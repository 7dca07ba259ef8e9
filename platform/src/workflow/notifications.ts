import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { LocalizedText } from '../generated/workflow.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { localizedText, msg } from '../core/messages/message.ts';

/** In-app notifications about one record for the given users, in the caller's transaction. */
export async function notifyUsers(db: Knex, users: readonly string[], message: LocalizedText, object: string, recordId: string): Promise<void> {
  if (!users.length) return;
  await db('notifications').insert(users.map((user_id) => ({ user_id, message: JSON.stringify(message), object, record_id: recordId })));
}

export interface NotificationView {
  id: string;
  /** In both languages; a plain text in notifications stored before messages were localized. */
  message: LocalizedText | string;
  /** The message in the caller's language. */
  text: string;
  object: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: string | number;
  message: LocalizedText | string;
  object: string | null;
  record_id: string | number | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

/** The caller's notifications, newest first, with how many are unread. */
export async function listNotifications(query: { unread?: boolean }, ctx: Ctx): Promise<{ data: NotificationView[]; unread: number }> {
  const rows = await ctx.db('notifications').where({ user_id: ctx.actor.id }).modify((q) => (query.unread ? q.whereNull('read_at') : q)).orderBy('id', 'desc').limit(200);
  const [{ unread }] = await ctx.db('notifications').where({ user_id: ctx.actor.id }).whereNull('read_at').select(ctx.db.raw('count(*)::int AS unread'));
  return {
    data: rows.map((r: NotificationRow) => ({
      id: String(r.id),
      message: r.message,
      text: localizedText(r.message, ctx.lang),
      object: r.object ?? null,
      recordId: r.record_id === null ? null : String(r.record_id),
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
    unread,
  };
}

/** Marks the given notifications (`{ids: [...]}`) or all of them (`{all: true}`) as read. */
export async function markNotificationsRead(body: unknown, ctx: Ctx): Promise<{ unread: number }> {
  const input = (body ?? {}) as { ids?: unknown; all?: unknown };
  const ids = Array.isArray(input.ids) ? input.ids.map(String) : null;
  if (input.all !== true && (!ids || !ids.length || !ids.every(isId))) {
    throw createError('VALIDATION_FAILED', msg('notification.idsOrAll', { ids: '{"ids": [...]}', all: '{"all": true}' }), [{ path: '/ids', message: msg('notification.ids') }]);
  }
  const mine = ctx.db('notifications').where({ user_id: ctx.actor.id }).whereNull('read_at');
  await (ids && input.all !== true ? mine.whereIn('id', ids) : mine).update({ read_at: ctx.db.fn.now() });
  const [{ unread }] = await ctx.db('notifications').where({ user_id: ctx.actor.id }).whereNull('read_at').select(ctx.db.raw('count(*)::int AS unread'));
  return { unread };
}
