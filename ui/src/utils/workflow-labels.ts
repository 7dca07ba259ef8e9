import { useI18n } from 'vue-i18n';
import type { Localized, WorkflowGraph } from '@/api/types';
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
  const { t, te } = useI18n();

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

  /**
   * An event as people read it: the label the workflow gives it (`events.<event>.label`, carried by the
   * graph's edges), else the platform's wording for the usual events, else a humanised name.
   */
  function eventLabel(event: string, label?: Localized | null): string {
    if (label) return text(label, humanize(event));
    return te(`workflow.eventNames.${event}`) ? t(`workflow.eventNames.${event}`) : humanize(event);
  }

  /** The label of an event of a graph (the first edge of that event that carries one). */
  function graphEventLabel(graph: WorkflowGraph | null | undefined, event: string): string {
    return eventLabel(event, graph?.edges.find((e) => e.event === event && e.label)?.label);
  }

  return { stateLabel, workflowLabel, recordStateLabel, eventLabel, graphEventLabel };
}
