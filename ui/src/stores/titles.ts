import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { ListAnswer, RecordTitles, StoredObject, TitleAnswer } from '@/api/types';
import { useMetaStore } from './meta';
import { useDirectoryStore } from './directory';

const key = (object: string, id: string) => `${object}:${id}`;

/** What a lookup's search looks at besides the title: other fields to search in and read, and a fixed condition. */
export interface LookupSearch {
  /** Fields the typed text is looked for in (any of them); the title field by default. */
  searchIn?: string[];
  /** Fields read for each record found, besides its title. */
  fields?: string[];
  /** A condition in the filter language every record found meets. */
  filter?: Record<string, unknown> | null;
}

/** A record found by a lookup's search: its id, its title, and the fields read for it. */
export interface FoundRecord {
  id: string;
  title: string;
  row: Record<string, unknown>;
}

/** The values of rows' lookups to records (not people or departments), by target: what `titles=true` answers for. */
export function lookupValues(def: StoredObject, rows: readonly Record<string, unknown>[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const f of def.fields) {
    if (f.type !== 'lookup' || !f.target || f.target === 'user' || f.target === 'department') continue;
    (out[f.target] ??= []).push(...rows.map((r) => r[f.name]));
  }
  return out;
}
// The server's limit per call (platform/src/records/record-titles.ts).
const MAX_PER_CALL = 2500;

/**
 * Titles of records that lookups point at. A list page brings its titles with it (`?titles=true`,
 * handed over with `accept`); anything else asks with `need`, and every `need` made while a page is
 * being drawn (one per field value) goes out together as one `POST /api/records/titles`.
 * A title is a string, `null` when the caller may not read it, `undefined` while it is not known.
 */
export const useTitleStore = defineStore('titles', () => {
  const titles = ref<Record<string, string | null>>({});
  const meta = useMetaStore();
  const directory = useDirectoryStore();
  // Asked for and not yet answered: never asked again meanwhile.
  const asked = new Set<string>();
  let queue = new Map<string, Set<string>>();
  let flushing: Promise<void> | null = null;

  /** Records what the server answered for these ids: a missing title is one the caller may not read. */
  function accept(answer: RecordTitles | undefined, wanted: Record<string, unknown[]>): void {
    for (const [object, ids] of Object.entries(wanted)) {
      for (const id of ids) {
        if (id === null || id === undefined || id === '') continue;
        titles.value[key(object, String(id))] = answer?.[object]?.[String(id)] ?? null;
      }
    }
  }

  async function send(batch: Map<string, Set<string>>): Promise<void> {
    const all = [...batch].flatMap(([object, ids]) => [...ids].map((id) => [object, id] as const));
    for (let at = 0; at < all.length; at += MAX_PER_CALL) {
      const body: Record<string, string[]> = {};
      for (const [object, id] of all.slice(at, at + MAX_PER_CALL)) (body[object] ??= []).push(id);
      try {
        const { titles: answer } = await api.post<TitleAnswer>('/records/titles', body);
        accept(answer, body);
      } catch {
        // Not asked again on every redraw: shown as not readable until the page is opened again.
        accept({}, body);
      } finally {
        for (const [object, ids] of Object.entries(body)) for (const id of ids) asked.delete(key(object, id));
      }
    }
  }

  /** Makes sure these titles are known; the calls made in the same tick share one request. */
  function need(object: string, ids: unknown[]): Promise<void> {
    if (object === 'user') return directory.needUsers(ids.map((id) => (id === null || id === undefined ? null : String(id))));
    if (object === 'department') return directory.loadDepartments();
    for (const raw of ids) {
      if (raw === null || raw === undefined || raw === '') continue;
      const id = String(raw);
      const k = key(object, id);
      if (k in titles.value || asked.has(k)) continue;
      asked.add(k);
      let set = queue.get(object);
      if (!set) queue.set(object, (set = new Set()));
      set.add(id);
    }
    // A timer rather than a microtask: a table draws its rows over several of Vue's update ticks.
    if (!flushing && queue.size) {
      flushing = new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        const batch = queue;
        queue = new Map();
        flushing = null;
        return send(batch);
      });
    }
    return flushing ?? Promise.resolve();
  }

  async function titleField(object: string): Promise<string | null> {
    const def = await meta.definition(object);
    return def.titleField ?? def.fields.find((f) => f.type === 'text')?.name ?? null;
  }

  /**
   * Records of an object whose title contains the text, for search-as-you-type, each with its title and
   * the fields read for it. People are found by the directory, departments among the departments.
   */
  async function search(object: string, q: string, within: LookupSearch = {}): Promise<FoundRecord[]> {
    // People are offered with their usernames too: two colleagues may share a name.
    if (object === 'user') return (await directory.searchUsers(q)).map((u) => ({ id: u.id, title: `${u.name} (${u.username})`, row: { ...u } }));
    if (object === 'department') {
      await directory.loadDepartments();
      return directory.departments.filter((d) => d.name.toLowerCase().includes(q.toLowerCase())).slice(0, 30).map((d) => ({ id: d.id, title: d.name, row: { ...d } }));
    }
    const field = await titleField(object);
    if (!field) return [];
    const searchIn = within.searchIn ?? [field];
    const parts: Record<string, unknown>[] = [];
    if (within.filter) parts.push(within.filter);
    if (q) parts.push(searchIn.length === 1 ? { [searchIn[0]]: { $contains: q } } : { $or: searchIn.map((f) => ({ [f]: { $contains: q } })) });
    const filter = parts.length > 1 ? { $and: parts } : parts[0];
    const { data } = await api.get<ListAnswer>(`/records/${object}`, {
      filter: filter ? JSON.stringify(filter) : undefined,
      fields: [field, ...(within.fields ?? []).filter((f) => f !== field)].join(','),
      sort: field,
      limit: 20,
    });
    return data.map((row) => {
      const title = row[field] === null || row[field] === undefined ? `#${row.id}` : String(row[field]);
      titles.value[key(object, String(row.id))] = title;
      return { id: String(row.id), title, row };
    });
  }

  /** The title of a record: a string, null when the caller may not read it, undefined while not known. */
  function title(object: string, id: unknown): string | null | undefined {
    if (id === null || id === undefined || id === '') return '';
    if (object === 'user') return directory.userName(id);
    if (object === 'department') return directory.departmentName(id);
    return titles.value[key(object, String(id))];
  }

  return { need, accept, search, title };
});
