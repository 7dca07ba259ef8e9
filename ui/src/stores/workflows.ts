import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import type { DataAnswer, StoredWorkflow, WorkflowSummary } from '@/api/types';

/** Workflow definitions, fetched once per name when a page first needs one (every user may read them). */
export const useWorkflowStore = defineStore('workflows', () => {
  // null: asked for and not found (or not readable); the names then stand for themselves.
  const definitions = ref<Record<string, StoredWorkflow | null>>({});
  const asked = new Map<string, Promise<StoredWorkflow | null>>();

  function load(name: string): Promise<StoredWorkflow | null> {
    let promise = asked.get(name);
    if (!promise) {
      promise = api.get<StoredWorkflow>(`/meta/workflows/${encodeURIComponent(name)}`).catch(() => null).then((definition) => {
        definitions.value[name] = definition;
        return definition;
      });
      asked.set(name, promise);
    }
    return promise;
  }

  /** The definition when it has arrived; asks for it otherwise (the callers' computed values follow when it does). */
  function definition(name: string): StoredWorkflow | null {
    if (!(name in definitions.value)) void load(name);
    return definitions.value[name] ?? null;
  }

  // The list of workflows (name and object), asked for once, to know which ones an object has.
  const summaries = ref<WorkflowSummary[] | null>(null);
  let listed: Promise<void> | null = null;

  /** The names of an object's workflows, once the list has arrived. */
  function ofObject(object: string): string[] {
    if (!listed) listed = api.get<DataAnswer<WorkflowSummary>>('/meta/workflows').then((answer) => void (summaries.value = answer.data)).catch(() => void (summaries.value = []));
    return (summaries.value ?? []).filter((w) => w.object === object).map((w) => w.name);
  }

  function reset(): void {
    definitions.value = {};
    asked.clear();
    summaries.value = null;
    listed = null;
  }

  return { definitions, summaries, load, definition, ofObject, reset };
});
