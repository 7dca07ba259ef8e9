import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import { useMetaStore } from './meta';
import { useDirectoryStore } from './directory';

const key = (object: string, id: string) => `${object}:${id}`;

/** Titles of records that lookups point at, fetched in one list request per object and cached. */
export const useTitleStore = defineStore('titles', () => {
  const titles = ref<Record<string, string>>({});
  const meta = useMetaStore();
  const directory = useDirectoryStore();

  async function titleField(object: string): Promise<string | null> {
    const def = await meta.definition(object);
    return def.titleField ?? def.fields.find((f) => f.type === 'text')?.name ?? null;
  }

  async function need(object: string, ids: unknown[]): Promise<void> {
    if (object === 'user') return directory.needUsers(ids.map((id) => (id === null || id === undefined ? null : String(id))));
    if (object === 'department') return directory.loadDepartments();
    const unknown = [...new Set(ids.filter((id) => id !== null && id !== undefined).map(String))].filter((id) => titles.value[key(object, id)] === undefined);
    if (!unknown.length) return;
    const field = await titleField(object).catch(() => null);
    if (!field) return;
    try {
      const { data } = await api.get<{ data: Record<string, unknown>[] }>(`/records/${object}`, {
        filter: JSON.stringify({ id: { $in: unknown.slice(0, 500) } }),
        fields: field,
        limit: 500,
      });
      for (const row of data) titles.value[key(object, String(row.id))] = row[field] === null || row[field] === undefined ? `#${row.id}` : String(row[field]);
    } catch {
      // Titles the caller may not read stay as ids.
    }
  }

  /** Records of an object whose title contains the text, for search-as-you-type. */
  async function search(object: string, q: string): Promise<{ id: string; title: string }[]> {
    // People are offered with their usernames too: two colleagues may share a name.
    if (object === 'user') return (await directory.searchUsers(q)).map((u) => ({ id: u.id, title: `${u.name} (${u.username})` }));
    if (object === 'department') {
      await directory.loadDepartments();
      return directory.departments.filter((d) => d.name.toLowerCase().includes(q.toLowerCase())).slice(0, 30).map((d) => ({ id: d.id, title: d.name }));
    }
    const field = await titleField(object);
    if (!field) return [];
    const { data } = await api.get<{ data: Record<string, unknown>[] }>(`/records/${object}`, {
      filter: q ? JSON.stringify({ [field]: { $contains: q } }) : undefined,
      fields: field,
      sort: field,
      limit: 20,
    });
    return data.map((row) => {
      const title = row[field] === null || row[field] === undefined ? `#${row.id}` : String(row[field]);
      titles.value[key(object, String(row.id))] = title;
      return { id: String(row.id), title };
    });
  }

  function title(object: string, id: unknown): string {
    if (id === null || id === undefined || id === '') return '';
    if (object === 'user') return directory.userName(id);
    if (object === 'department') return directory.departmentName(id);
    return titles.value[key(object, String(id))] ?? `#${id}`;
  }

  return { need, search, title };
});
