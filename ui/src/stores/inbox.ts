import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { AppNotification, NotificationFeed, TaskQueue, UnreadCount } from '@/api/types';

/** How many of the newest notifications the header's bell shows. */
export const BELL_SIZE = 8;

/**
 * The header's counts and the bell's newest notifications: open approval tasks and the latest
 * notifications with the unread count, refreshed every half minute (two requests).
 */
export const useInboxStore = defineStore('inbox', () => {
  const openTasks = ref(0);
  const unread = ref(0);
  const latest = ref<AppNotification[]>([]);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function refreshNotifications(): Promise<void> {
    const notes = await api.get<NotificationFeed>('/notifications', { limit: BELL_SIZE });
    latest.value = notes.data;
    unread.value = notes.unread;
  }

  async function refresh(): Promise<void> {
    const [tasks] = await Promise.all([api.get<TaskQueue>('/tasks', { status: 'open' }), refreshNotifications()]);
    openTasks.value = tasks.counts.open;
  }

  /** Marks notifications read (`{ids}` or `{all: true}`) and brings the bell up to date. */
  async function markRead(body: { ids: string[] } | { all: true }): Promise<void> {
    const answer = await api.post<UnreadCount>('/notifications/read', body);
    unread.value = answer.unread;
    const now = new Date().toISOString();
    const marked = 'all' in body ? null : new Set(body.ids);
    latest.value = latest.value.map((n) => (!n.readAt && (!marked || marked.has(n.id)) ? { ...n, readAt: now } : n));
  }

  function start(): void {
    stop();
    refresh().catch(() => undefined);
    timer = setInterval(() => refresh().catch(() => undefined), 30_000);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return { openTasks, unread, latest, refresh, refreshNotifications, markRead, start, stop };
});
