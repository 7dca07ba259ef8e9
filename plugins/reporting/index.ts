import { definePlugin } from '../../platform/src/plugins/plugin-api.ts';
import { checkDashboard } from './src/check-dashboard.ts';
import { checkReport } from './src/check-report.ts';
import { dashboardRoutes } from './src/dashboard-routes.ts';
import { reportRoutes } from './src/report-routes.ts';

/** Reports (SPEC 5.6) and dashboards: definitions checked against the objects, run as the caller. */
export default definePlugin({
  register(ctx) {
    ctx.definitionKind({ kind: 'report', plural: 'reports', label: { en: 'report', 'zh-CN': '报表' }, check: checkReport });
    ctx.definitionKind({ kind: 'dashboard', plural: 'dashboards', label: { en: 'dashboard', 'zh-CN': '仪表板' }, check: checkDashboard });
  },
  boot(ctx) {
    reportRoutes(ctx.router('reports'), ctx);
    dashboardRoutes(ctx.router('dashboards'), ctx);
  },
});
