import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { NotificationFeed, TaskQueue } from '@/api/types';

/** The counts in the header: open approval tasks and unread notifications, refreshed every half minute. */
export const useInboxStore = defineStore('inbox', () => {
  const openTasks = ref(0);
  const unread = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function refresh(): Promise<void> {
    const [tasks, notes] = await Promise.all([
      api.get<TaskQueue>('/tasks', { status: 'open' }),
      api.get<NotificationFeed>('/notifications', { unread: true }),
    ]);
    openTasks.value = tasks.counts.open;
    unread.value = notes.unread;
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

  return { openTasks, unread, refresh, start, stop };
});
