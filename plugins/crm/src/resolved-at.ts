import type { HookContext, RecordService } from '../../../platform/src/plugins/plugin-api.ts';

/** Statuses in which a service request counts as resolved (its SLA clock has stopped). */
export const RESOLVED_STATUSES = ['resolved', 'closed'] as const;

const isResolved = (status: unknown) => (RESOLVED_STATUSES as readonly unknown[]).includes(status);

/**
 * Before a service request is written: reaching resolved or closed stamps `resolved_at` (unless the
 * writer gives one or it is already set, so closing a resolved request keeps the first time); going
 * back to open or in progress clears it, so a reopened request's SLA runs again.
 */
export function stampResolvedAt({ values, record }: HookContext): void {
  if (!values || values.status === undefined || values.status === record?.status) return;
  if (values.resolved_at !== undefined) return;
  if (isResolved(values.status)) {
    if (!record?.resolved_at) values.resolved_at = new Date().toISOString();
  } else if (record?.resolved_at) {
    values.resolved_at = null;
  }
}

/**
 * The workflow action `crm.mark_resolved`: a workflow's own field changes do not run record hooks, so
 * the state that resolves a request stamps `resolved_at` through the record service (once).
 */
export async function markResolved({ object, id, system }: { object: string; id: string; system: RecordService }): Promise<void> {
  const request = await system.get(object, id);
  if (request.resolved_at) return;
  await system.update(object, id, { resolved_at: new Date().toISOString(), _version: request._version });
}
