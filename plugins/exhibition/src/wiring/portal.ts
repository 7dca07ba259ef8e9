import type { PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { activateExhibitor, checkCompany, recordApplication, refuseApplication } from '../portal-applications.ts';

/** The exhibitor portal's sign-up and the actions that accept or refuse an application. */
export function registerPortal(ctx: PluginRegisterContext): void {
  ctx.workflowAction('activate_exhibitor', ({ id, system, portalUsers }) => activateExhibitor(id, system, portalUsers));
  ctx.workflowAction('refuse_application', ({ id, system, portalUsers }) => refuseApplication(id, system, portalUsers));
  // A verified company becomes an application for the sales team.
  ctx.portalSignUp({ check: checkCompany, verified: (signUp, { system }) => recordApplication(signUp, system) });
}
