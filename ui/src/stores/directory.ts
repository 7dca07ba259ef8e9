import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';

export interface DirectoryUser {
  id: string;
  username: string;
  name: string;
  department: string | null;
  active: boolean;
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  parent: string | null;
}

/** Names of people and departments (GET /api/ui/users, /api/ui/departments), cached for the session. */
export const useDirectoryStore = defineStore('directory', () => {
  const users = ref<Record<string, DirectoryUser>>({});
  const departments = ref<DirectoryDepartment[]>([]);
  let departmentsLoaded: Promise<void> | null = null;
  const pending = new Set<string>();

  async function searchUsers(q: string): Promise<DirectoryUser[]> {
    const { data } = await api.get<{ data: DirectoryUser[] }>('/ui/users', { q, limit: 20 });
    for (const u of data) users.value[u.id] = u;
    return data;
  }

  /** Makes sure the names of these user ids are known (one request for all the unknown ones). */
  async function needUsers(ids: (string | null | undefined)[]): Promise<void> {
    const unknown = [...new Set(ids.filter((id): id is string => !!id && /^\d+$/.test(id) && !users.value[id] && !pending.has(id)))].slice(0, 200);
    if (!unknown.length) return;
    unknown.forEach((id) => pending.add(id));
    try {
      const { data } = await api.get<{ data: DirectoryUser[] }>('/ui/users', { ids: unknown.join(',') });
      for (const u of data) users.value[u.id] = u;
    } finally {
      unknown.forEach((id) => pending.delete(id));
    }
  }

  function loadDepartments(fresh = false): Promise<void> {
    if (!departmentsLoaded || fresh) {
      departmentsLoaded = api.get<{ data: DirectoryDepartment[] }>('/ui/departments').then(({ data }) => {
        departments.value = data;
      });
    }
    return departmentsLoaded;
  }

  const userName = (id: unknown) => (id === null || id === undefined ? '' : (users.value[String(id)]?.name ?? `#${id}`));
  const departmentName = (id: unknown) => (id === null || id === undefined ? '' : (departments.value.find((d) => d.id === String(id))?.name ?? `#${id}`));

  return { users, departments, searchUsers, needUsers, loadDepartments, userName, departmentName };
});
