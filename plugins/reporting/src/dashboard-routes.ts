import type { Router } from 'express';
import type { PluginBootContext } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, textIn } from '../../../platform/src/plugins/plugin-api.ts';
import type { DashboardDefinition } from '../generated/dashboard.ts';
import type { ReportDefinition } from '../generated/report.ts';
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

/**
 * Where each widget sits on the grid: where it says, or else flowing left to right, row by row, below
 * the widgets that say where they sit, each row as tall as its tallest widget.
 */
export function gridLayout(widgets: DashboardDefinition['widgets'], columns: number): { x: number; y: number; w: number; h: number }[] {
  const placed = widgets.filter((w) => w.x !== undefined && w.y !== undefined);
  let y = placed.reduce((bottom, w) => Math.max(bottom, w.y! + (w.h ?? 4)), 0);
  let x = 0;
  let rowHeight = 0;
  return widgets.map((widget) => {
    const w = Math.min(widget.w ?? Math.floor(columns / 2), columns);
    const h = widget.h ?? 4;
    if (widget.x !== undefined && widget.y !== undefined) return { x: Math.min(widget.x, columns - w), y: widget.y, w, h };
    if (x + w > columns) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const at = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return at;
  });
}

/** GET /api/dashboards/:name/run?<filter>=<value>…: every widget's report, run as the caller with the dashboard filters. */
export function dashboardRoutes(router: Router, plugin: PluginBootContext): void {
  router.get('/:name/run', async (req, res) => {
    const found = await plugin.definitions.get<DashboardDefinition>('dashboard', req.params.name);
    if (!found) throw pluginError('NOT_FOUND', { en: `There is no dashboard named '${req.params.name.slice(0, 80)}'.`, 'zh-CN': `没有名为“${req.params.name.slice(0, 80)}”的仪表板。` });
    const dashboard = found.definition;
    const chosen = chosenFilters(dashboard, req.query as Record<string, unknown>);
    const caller = plugin.caller(req);
    const now = new Date();
    const fieldType = (object: string, path: string) => {
      const field = plugin.meta.field(object, path);
      return 'problem' in field ? undefined : field.type;
    };
    const columns = dashboard.columns ?? 12;
    const layouts = gridLayout(dashboard.widgets, columns);
    const widgets: WidgetRun[] = [];
    for (const [i, widget] of dashboard.widgets.entries()) {
      const base = { report: widget.report, title: widget.title ?? null, layout: layouts[i] };
      const report = (await plugin.definitions.get<ReportDefinition>('report', widget.report))?.definition;
      if (!report) {
        widgets.push({ ...base, result: null, error: { code: 'NOT_FOUND', message: textIn({ en: `There is no report named '${widget.report}'.`, 'zh-CN': `没有名为“${widget.report}”的报表。` }, caller.lang) } });
        continue;
      }
      // A bad period is the caller's mistake for the whole dashboard: it is answered with 400 before any widget runs.
      const condition = dashboardCondition(dashboard, chosen, report.object, fieldType, now);
      try {
        widgets.push({ ...base, result: await runReport(report, caller, condition), error: null });
      } catch (err) {
        const { code } = err as { code?: string };
        if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND' && code !== 'INVALID_FILTER' && code !== 'BAD_REQUEST') throw err;
        widgets.push({ ...base, result: null, error: { code, message: textIn(err as Error, caller.lang) } });
      }
    }
    res.json({ dashboard: { name: dashboard.name, label: dashboard.label ?? null, columns, filters: dashboard.filters ?? [] }, filters: chosen, widgets });
  });
}
