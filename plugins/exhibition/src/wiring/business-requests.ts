import type { PluginBootContext, PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { logRequestChange, logRequestMove, queueNewRequest, routeNewRequest } from '../business-requests.ts';

/** The handling workflow's log action. */
export function registerBusinessRequests(ctx: PluginRegisterContext): void {
  ctx.workflowAction('log_request', ({ id, params, system }) => logRequestMove(id, params, system));
}

/** New requests routed and queued; every change logged. */
export function bootBusinessRequests(ctx: PluginBootContext): void {
  ctx.on('beforeCreate', 'business_request', routeNewRequest);
  ctx.on('afterCreate', 'business_request', queueNewRequest);
  ctx.on('beforeUpdate', 'business_request', logRequestChange);
}
