/**
 * What the platform's lower layers report for the process's metrics, without knowing who listens:
 * the metrics of the HTTP layer subscribe (one process, one metrics registry).
 */
export interface WorkflowMove {
  workflow: string;
  event: string | null;
  from: string | null;
  to: string;
}

type Listener<T> = (event: T) => void;

function channel<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    /** Subscribes; the returned function unsubscribes. */
    on(listener: Listener<T>): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: T): void {
      for (const listener of listeners) listener(event);
    },
  };
}

/** A workflow instance moved from one state to another. */
export const workflowMoves = channel<WorkflowMove>();

/** A heavy read the primary served instead of the read replica: the replica was down, or had not yet replayed what the read needs. */
export const readReplicaFallbacks = channel<{ reason: 'down' | 'behind' }>();
