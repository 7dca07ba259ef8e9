import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '@/api/client';
import { isApiError } from '@/api/api-error';
import { i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { errorLine } from '@/utils/error-text';

export type QueuedWriteState = 'queued' | 'sending' | 'sent' | 'failed';

/** A write to the API kept in the browser until the server has answered it. */
export interface QueuedWrite {
  id: string;
  /** The user who made it: it is only ever sent in that user's session. */
  user: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The API path, without `/api`. */
  path: string;
  body?: unknown;
  /** What the write is, in the words of the person who made it (shown in notices). */
  label: string;
  /** Lets a page find its own writes, e.g. `crm:quick-log:account:12`. */
  tag?: string;
  createdAt: string;
  status: QueuedWriteState;
  /** The server's reason for refusing it. */
  error?: string;
  /** The server's answer once sent (a created record, with its id). */
  result?: unknown;
  sentAt?: string;
}

export type WriteRequest = Pick<QueuedWrite, 'method' | 'path' | 'body' | 'label' | 'tag'>;
export type WriteOutcome = { queued: false; entry: QueuedWrite } | { queued: true; entry: QueuedWrite };

const STORAGE_PREFIX = 'tessera.offline-queue.';
const KEEP_SETTLED = 20;
/** Answers of a proxy in front of an unreachable server: the write did not arrive, it stays queued. */
const UNREACHABLE = new Set([0, 502, 503, 504]);

const storageKey = (user: string) => `${STORAGE_PREFIX}${user}`;

function read(user: string): QueuedWrite[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(user)) ?? '[]');
    // An entry caught mid-send when the page closed is sent again.
    return Array.isArray(parsed) ? (parsed as QueuedWrite[]).filter((e) => e.user === user).map((e) => (e.status === 'sending' ? { ...e, status: 'queued' } : e)) : [];
  } catch {
    return [];
  }
}

function write(user: string, entries: QueuedWrite[]): void {
  const settled = entries.filter((e) => e.status === 'sent' || e.status === 'failed');
  const dropped = new Set(settled.slice(0, Math.max(0, settled.length - KEEP_SETTLED)).map((e) => e.id));
  localStorage.setItem(storageKey(user), JSON.stringify(entries.filter((e) => !dropped.has(e.id))));
}

const unreachable = (error: unknown) => isApiError(error) && (UNREACHABLE.has(error.status) || error.status === 401);

/** One flush at a time across the tabs of this browser (Web Locks where the browser has them). */
function exclusively(work: () => Promise<void>): Promise<void> {
  return navigator.locks ? navigator.locks.request('tessera-offline-queue', () => work()).then(() => undefined) : work();
}

/**
 * Writes that survive a lost connection: `send` tries the server at once and, when the phone is offline
 * or the request cannot reach the server, keeps the write in local storage (per user) and sends it when
 * the browser is back online (the `online` event, and when the app starts). Each write's outcome — queued,
 * sent, or failed with the server's reason — stays readable in `entries` and is announced once settled.
 * Writes go through the API client, so a later send carries the session's current CSRF token.
 */
export const useOfflineQueue = defineStore('offline-queue', () => {
  const session = useSessionStore();
  const all = ref<QueuedWrite[]>([]);
  const user = computed(() => session.user?.id ?? null);
  let flushing: Promise<void> | null = null;

  watch(user, (id) => (all.value = id ? read(id) : []), { immediate: true });

  const entries = computed(() => all.value.filter((e) => e.user === user.value));
  const waiting = computed(() => entries.value.filter((e) => e.status === 'queued' || e.status === 'sending').length);

  function update(id: string, change: Partial<QueuedWrite>): QueuedWrite | undefined {
    const index = all.value.findIndex((e) => e.id === id);
    if (index < 0) return undefined;
    all.value[index] = { ...all.value[index], ...change };
    if (user.value) write(user.value, all.value);
    return all.value[index];
  }

  function add(entry: QueuedWrite): QueuedWrite {
    all.value = [...all.value, entry];
    write(entry.user, all.value);
    return entry;
  }

  /** Sends now when possible; a write that cannot reach the server is queued. Refusals are thrown. */
  async function send(request: WriteRequest): Promise<WriteOutcome> {
    if (!user.value) throw new Error('No one is logged in.');
    const entry: QueuedWrite = { ...request, id: crypto.randomUUID(), user: user.value, createdAt: new Date().toISOString(), status: 'queued' };
    if (navigator.onLine) {
      try {
        const result = await api.send(entry.method, entry.path, { body: entry.body, quietUnauthenticated: false });
        return { queued: false, entry: add({ ...entry, status: 'sent', result, sentAt: new Date().toISOString() }) };
      } catch (error) {
        if (!isApiError(error) || !UNREACHABLE.has(error.status)) throw error;
      }
    }
    return { queued: true, entry: add(entry) };
  }

  async function sendQueued(): Promise<void> {
    const owner = user.value;
    if (!owner) return;
    // Another tab may have sent some meanwhile: what is stored is the truth.
    all.value = read(owner);
    for (const entry of all.value.filter((e) => e.status === 'queued')) {
      if (!navigator.onLine || user.value !== owner) return;
      update(entry.id, { status: 'sending' });
      try {
        const result = await api.send(entry.method, entry.path, { body: entry.body, quietUnauthenticated: true });
        update(entry.id, { status: 'sent', result, sentAt: new Date().toISOString(), error: undefined });
        ElMessage({ type: 'success', message: i18n.global.t('offline.sent', { what: entry.label }) });
      } catch (error) {
        if (unreachable(error)) {
          update(entry.id, { status: 'queued' });
          return;
        }
        const reason = errorLine(error);
        update(entry.id, { status: 'failed', error: reason });
        ElMessage({ type: 'error', message: i18n.global.t('offline.failed', { what: entry.label, reason }), duration: 8000 });
      }
    }
  }

  /** Sends the current user's queued writes, oldest first; stops at the first that cannot reach the server. */
  function flush(): Promise<void> {
    flushing ??= exclusively(sendQueued).finally(() => (flushing = null));
    return flushing;
  }

  function dismiss(id: string): void {
    all.value = all.value.filter((e) => e.id !== id);
    if (user.value) write(user.value, all.value);
  }

  let started = false;
  /** Sends what waits now and whenever the browser comes back online. */
  function start(): void {
    if (!started) window.addEventListener('online', () => void flush());
    started = true;
    void flush();
  }

  return { entries, waiting, send, flush, dismiss, start };
});
