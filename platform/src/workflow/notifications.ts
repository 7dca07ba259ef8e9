import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { LocalizedText } from '../generated/workflow.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { localizedText, msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { readableRecords } from '../records/readable-records.ts';

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
  /** The object's label in the caller's language. */
  objectLabel: string | null;
  recordId: string | null;
  /** The record's title, read now through the caller's read scope; null when they may not read it. */
  title: string | null;
  /** Whether the caller may open the record now (it is in their read scope and not deleted). */
  readable: boolean;
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

/** The most a feed returns; `limit` asks for fewer (the header's bell asks for the latest few). */
const MAX_FEED = 200;

function feedLimit(limit: unknown): number {
  if (limit === undefined) return MAX_FEED;
  const n = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : NaN;
  if (!(n >= 1 && n <= MAX_FEED)) throw createError('VALIDATION_FAILED', msg('notification.limit'), [{ path: '/limit', message: msg('notification.limitDetail') }]);
  return n;
}

const unreadCount = async (ctx: Ctx): Promise<number> => {
  const [{ unread }] = await ctx.db('notifications').where({ user_id: ctx.actor.id }).whereNull('read_at').select(ctx.db.raw('count(*)::int AS unread'));
  return unread;
};

/** The caller's notifications, newest first, each naming its record as the caller may read it now, with how many are unread. */
export async function listNotifications(query: { unread?: boolean; limit?: unknown }, ctx: Ctx): Promise<{ data: NotificationView[]; unread: number }> {
  const limit = feedLimit(query.limit);
  const rows: NotificationRow[] = await ctx.db('notifications').where({ user_id: ctx.actor.id }).modify((q) => (query.unread ? q.whereNull('read_at') : q)).orderBy('id', 'desc').limit(limit);
  const records = await readableRecords(rows.map((r) => ({ object: r.object, id: r.record_id === null ? null : String(r.record_id) })), ctx);
  return {
    data: rows.map((r) => {
      const object = r.object ? ctx.schema.objects.get(r.object) : undefined;
      const recordId = r.record_id === null ? null : String(r.record_id);
      return {
        id: String(r.id),
        message: r.message,
        text: localizedText(r.message, ctx.lang),
        object: r.object ?? null,
        objectLabel: object ? localizedText(objectLabel(object), ctx.lang) : null,
        recordId,
        title: r.object && recordId ? records.title(r.object, recordId) : null,
        readable: !!r.object && !!recordId && records.has(r.object, recordId),
        createdAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      };
    }),
    unread: await unreadCount(ctx),
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
  return { unread: await unreadCount(ctx) };
}
