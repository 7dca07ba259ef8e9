import type { WorkflowGraph } from '@/api/types';
import { useWorkflowStore } from '@/stores/workflows';
import { humanize } from './localized';
import { useLabels } from './use-labels';

/**
 * Names of workflows and their states as people read them: the definition's `label` in the user's
 * language, else a humanised name. A record's own graph (the version its instance runs) is preferred.
 */
export function useWorkflowLabels() {
  const store = useWorkflowStore();
  const { text } = useLabels();

  function stateLabel(workflow: string | null | undefined, state: string | null | undefined, graph?: WorkflowGraph | null): string {
    if (!state) return '';
    const node = graph?.nodes.find((n) => n.id === state);
    if (node?.label) return text(node.label, humanize(state));
    const definition = workflow ? store.definition(workflow) : null;
    return text(definition?.states[state]?.label, humanize(state));
  }

  function workflowLabel(workflow: string | null | undefined): string {
    if (!workflow) return '';
    return text(store.definition(workflow)?.label, humanize(workflow));
  }

  /** A record's `_state` by the label one of its object's workflows gives that state. */
  function recordStateLabel(object: string, state: string | null | undefined): string {
    if (!state) return '';
    for (const name of store.ofObject(object)) {
      const label = store.definition(name)?.states[state]?.label;
      if (label) return text(label, humanize(state));
    }
    return humanize(state);
  }

  return { stateLabel, workflowLabel, recordStateLabel };
}
