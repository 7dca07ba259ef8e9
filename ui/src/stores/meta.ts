import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { DataAnswer, MyPermissions, ObjectPermissions, ObjectSummary, StoredObject } from '@/api/types';

/** Object definitions and what the caller may do with each (asked of the server, never worked out here). */
export const useMetaStore = defineStore('meta', () => {
  const objects = ref<ObjectSummary[]>([]);
  const permissions = ref<Record<string, ObjectPermissions>>({});
  const definitions = ref<Record<string, StoredObject>>({});
  const loaded = ref(false);

  async function loadObjects(): Promise<void> {
    const [{ data }, mine] = await Promise.all([
      api.get<DataAnswer<ObjectSummary>>('/meta/objects'),
      api.get<MyPermissions>('/permissions/mine'),
    ]);
    objects.value = data;
    permissions.value = mine.data;
    // Definitions whose version changed are fetched again when next needed.
    for (const o of data) {
      if (definitions.value[o.name] && definitions.value[o.name].version !== o.version) delete definitions.value[o.name];
    }
    loaded.value = true;
  }

  // Answers on their way: parts of a page asking at the same time share one request.
  const inFlight = new Map<string, Promise<unknown>>();
  function once<T>(path: string, store: (answer: T) => void): Promise<T> {
    let promise = inFlight.get(path) as Promise<T> | undefined;
    if (!promise) {
      promise = api.get<T>(path).then((answer) => {
        store(answer);
        return answer;
      }).finally(() => inFlight.delete(path));
      inFlight.set(path, promise);
    }
    return promise;
  }

  async function definition(name: string, fresh = false): Promise<StoredObject> {
    if (!definitions.value[name] || fresh) await once<StoredObject>(`/meta/objects/${name}`, (answer) => (definitions.value[name] = answer));
    return definitions.value[name];
  }

  async function objectPermissions(name: string, fresh = false): Promise<ObjectPermissions> {
    if (!permissions.value[name] || fresh) await once<ObjectPermissions>(`/permissions/mine/${name}`, (answer) => (permissions.value[name] = answer));
    return permissions.value[name];
  }

  function readable(): ObjectSummary[] {
    return objects.value.filter((o) => permissions.value[o.name]?.operations.read);
  }

  function reset(): void {
    objects.value = [];
    permissions.value = {};
    definitions.value = {};
    loaded.value = false;
  }

  return { objects, permissions, definitions, loaded, loadObjects, definition, objectPermissions, readable, reset };
});
