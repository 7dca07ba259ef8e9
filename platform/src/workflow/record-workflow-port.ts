import type { WorkflowPort } from '../core/ports.ts';
import { startInstance } from './instances.ts';
import { recordLock } from './locked-states.ts';

/** The workflow engine as record writes see it (installed on every context the app builds). */
export const recordWorkflowPort: WorkflowPort = {
  recordLock,
  holdForApproval: (ctx, object, recordId, workflow, change) => startInstance(ctx, object, recordId, workflow, { comment: null, ...change }),
};
