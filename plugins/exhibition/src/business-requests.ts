import type { HookContext, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { ownAccount } from './booth-holds.ts';
import { T } from './texts.ts';

export const HANDLING_WORKFLOW = 'business_request_handling';
/** The SLA: the handling state's timeout in `business_request_handling` escalates after the same 48 hours. */
export const SLA_HOURS = 48;
const PORTAL_TYPES = ['enquiry', 'complaint'];
const LOGGED_STATUSES: Record<string, string> = { escalated: 'request_escalated', closed: 'request_closed', declined: 'request_closed' };

const today = () => new Date().toISOString().slice(0, 10);

/** The department a request type goes to, from the `request_route` records (data an administrator edits). */
async function routedDepartment(type: unknown, { system }: HookContext): Promise<string | null> {
  const route = await system.list('request_route', { filter: { request_type: String(type) }, limit: 1, fields: ['department'] });
  return route.data[0]?.department ? String(route.data[0].department) : null;
}

/**
 * Before a request is created: a portal user sends enquiries and complaints for their own company;
 * the type's route names the department unless staff chose one; the SLA clock starts.
 */
export async function routeNewRequest(hook: HookContext): Promise<void> {
  const values = hook.values;
  if (!values) return;
  if (hook.caller.portal) {
    const account = ownAccount(hook.caller);
    if (!account) throw pluginError('FORBIDDEN', T.portalRequestTypes);
    if (!PORTAL_TYPES.includes(String(values.request_type ?? 'enquiry'))) throw pluginError('VALIDATION_FAILED', T.portalRequestTypes, [{ path: '/request_type', message: T.portalRequestTypes }]);
    if (values.account !== undefined && values.account !== null && String(values.account) !== account) {
      throw pluginError('VALIDATION_FAILED', T.portalOwnAccount, [{ path: '/account', message: T.portalOwnAccount }]);
    }
    values.account = account;
    values.department = null;
  }
  if (!values.department) values.department = await routedDepartment(values.request_type ?? 'enquiry', hook);
  // Staff may enter a request already dealt with (one solved on the phone, an import, the demo's history): it keeps its status and dates.
  if (hook.caller.portal || !values.status || values.status === 'new') {
    values.status = 'new';
    values.sla_due = new Date(Date.now() + SLA_HOURS * 3_600_000).toISOString();
    values.escalated = false;
  }
}

async function logActivity(request: RecordData, kind: string, department: unknown, system: SystemRecordService, by: string | null): Promise<void> {
  await system.create('department_activity', {
    department, date: today(), kind, subject: request.subject, account: request.account ?? null, request: request.id, by,
  });
}

/**
 * The workflow action `exhibition.log_request` {kind}: the handling workflow's moves (escalated past the
 * SLA, closed, declined) in the department's log. A workflow's own writes run no record hooks, hence
 * an action; it knows no acting user, so `by` stays empty.
 */
export async function logRequestMove(id: string, params: Record<string, unknown>, system: SystemRecordService): Promise<void> {
  const kind = String(params.kind);
  if (!Object.values(LOGGED_STATUSES).includes(kind)) throw new Error(`exhibition.log_request: unknown kind '${kind}'`);
  const request = await system.get('business_request', id);
  if (request.department) await logActivity(request, kind, request.department, system, null);
}

/** A new routed request goes into its department's queue: the handling workflow starts, and the department's log says so. */
export async function queueNewRequest(hook: HookContext): Promise<void> {
  if (!hook.record) return;
  // The record as the creator sees it: a portal user's lacks the department, read in full.
  const request = await hook.system.get('business_request', String(hook.record.id));
  if (!request.department || request.status !== 'new') return;
  try {
    await hook.system.submit('business_request', String(request.id), { workflow: HANDLING_WORKFLOW });
  } catch (err) {
    // A department without an active head has nobody to work its queue: the request stays `new`, visible to staff for routing.
    if ((err as { code?: string }).code !== 'VALIDATION_FAILED') throw err;
  }
  await logActivity(request, 'request_received', request.department, hook.system, hook.caller.userId);
}

/** The department's log follows the changes people make: a request handed to another department, or its status changed by hand. */
export async function logRequestChange(hook: HookContext): Promise<void> {
  const { values, record } = hook;
  if (!values || !record) return;
  const merged: RecordData = { ...record, ...values, id: record.id };
  if ('department' in values && values.department && values.department !== record.department) {
    await logActivity(merged, 'request_received', values.department, hook.system, hook.caller.userId);
  }
  const kind = 'status' in values && values.status !== record.status ? LOGGED_STATUSES[String(values.status)] : undefined;
  if (kind && merged.department) await logActivity(merged, kind, merged.department, hook.system, hook.caller.userId);
}
