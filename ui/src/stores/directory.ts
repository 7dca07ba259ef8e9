import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { DataAnswer, DirectoryDepartment, DirectoryUser } from '@/api/types';

/** Names of people and departments (GET /api/ui/users, /api/ui/departments), cached for the session. */
export const useDirectoryStore = defineStore('directory', () => {
  const users = ref<Record<string, DirectoryUser>>({});
  const departments = ref<DirectoryDepartment[]>([]);
  let departmentsLoaded: Promise<void> | null = null;
  const pending = new Set<string>();

  async function searchUsers(q: string): Promise<DirectoryUser[]> {
    const { data } = await api.get<DataAnswer<DirectoryUser>>('/ui/users', { q, limit: 20 });
    for (const u of data) users.value[u.id] = u;
    return data;
  }

  // Ids asked for and not found: not asked for again on every redraw.
  const missing = new Set<string>();
  let queued = new Set<string>();
  let flushing: Promise<void> | null = null;

  async function fetchUsers(ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += 200) {
      const some = ids.slice(at, at + 200);
      try {
        const { data } = await api.get<DataAnswer<DirectoryUser>>('/ui/users', { ids: some.join(',') });
        for (const u of data) users.value[u.id] = u;
        for (const id of some) if (!users.value[id]) missing.add(id);
      } catch {
        some.forEach((id) => missing.add(id));
      } finally {
        some.forEach((id) => pending.delete(id));
      }
    }
  }

  /** Makes sure the names of these user ids are known: the calls made in the same tick share one request. */
  function needUsers(ids: (string | null | undefined)[]): Promise<void> {
    for (const id of ids) {
      if (!id || !/^\d+$/.test(id) || users.value[id] || pending.has(id) || missing.has(id)) continue;
      pending.add(id);
      queued.add(id);
    }
    if (!flushing && queued.size) {
      flushing = new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        const batch = [...queued];
        queued = new Set();
        flushing = null;
        return fetchUsers(batch);
      });
    }
    return flushing ?? Promise.resolve();
  }

  function loadDepartments(fresh = false): Promise<void> {
    if (!departmentsLoaded || fresh) {
      departmentsLoaded = api.get<DataAnswer<DirectoryDepartment>>('/ui/departments').then(({ data }) => {
        departments.value = data;
      });
    }
    return departmentsLoaded;
  }

  const userName = (id: unknown) => (id === null || id === undefined ? '' : (users.value[String(id)]?.name ?? `#${id}`));
  const departmentName = (id: unknown) => (id === null || id === undefined ? '' : (departments.value.find((d) => d.id === String(id))?.name ?? `#${id}`));

  return { users, departments, searchUsers, needUsers, loadDepartments, userName, departmentName };
});
