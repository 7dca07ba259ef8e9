import type { Router } from 'express';
import type { DashboardDefinition, PluginBootContext, ReportDefinition } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { chosenFilters, dashboardCondition } from './dashboard-filters.ts';
import { runReport, type ReportRun } from './run-report.ts';

export interface WidgetRun {
  report: string;
  title: DashboardDefinition['widgets'][number]['title'] | null;
  layout: { x: number; y: number; w: number; h: number };
  /** The report's answer, or why this caller cannot see it (other widgets still show). */
  result: ReportRun | null;
  error: { code: string; message: string } | null;
}

/** GET /api/dashboards/:name/run?<filter>=<value>…: every widget's report, run as the caller with the dashboard filters. */
export function dashboardRoutes(router: Router, plugin: PluginBootContext): void {
  router.get('/:name/run', async (req, res) => {
    const found = await plugin.definitions.get<DashboardDefinition>('dashboard', req.params.name);
    if (!found) throw pluginError('NOT_FOUND', `There is no dashboard named '${req.params.name.slice(0, 80)}'.`);
    const dashboard = found.definition;
    const chosen = chosenFilters(dashboard, req.query as Record<string, unknown>);
    const caller = plugin.caller(req);
    const now = new Date();
    const hasField = (object: string, path: string) => !('problem' in plugin.meta.field(object, path));
    const columns = dashboard.columns ?? 12;
    const widgets: WidgetRun[] = [];
    for (const [i, widget] of dashboard.widgets.entries()) {
      const w = Math.min(widget.w ?? Math.floor(columns / 2), columns);
      const layout = { x: widget.x ?? (i % 2) * w, y: widget.y ?? Math.floor(i / 2) * 4, w, h: widget.h ?? 4 };
      const base = { report: widget.report, title: widget.title ?? null, layout };
      const report = (await plugin.definitions.get<ReportDefinition>('report', widget.report))?.definition;
      if (!report) {
        widgets.push({ ...base, result: null, error: { code: 'NOT_FOUND', message: `There is no report named '${widget.report}'.` } });
        continue;
      }
      // A bad period is the caller's mistake for the whole dashboard: it is answered with 400 before any widget runs.
      const condition = dashboardCondition(dashboard, chosen, report.object, hasField, now);
      try {
        widgets.push({ ...base, result: await runReport(report, caller, condition), error: null });
      } catch (err) {
        const { code, message } = err as { code?: string; message: string };
        if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND' && code !== 'INVALID_FILTER' && code !== 'BAD_REQUEST') throw err;
        widgets.push({ ...base, result: null, error: { code, message } });
      }
    }
    res.json({ dashboard: { name: dashboard.name, label: dashboard.label ?? null, columns, filters: dashboard.filters ?? [] }, filters: chosen, widgets });
  });
}
