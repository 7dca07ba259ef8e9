import type { Request, Router } from 'express';
import type { PluginBootContext } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import type { ReportDefinition } from '../generated/report.ts';
import { parseReportExportFormat, sendReportExport } from './export-report.ts';
import { parseAdHocReport, runReport } from './run-report.ts';

/** Extra conditions from `?filter=` (the filter language as JSON), e.g. a dashboard's period. */
export function queryFilter(req: Request): unknown {
  const raw = req.query.filter;
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw pluginError('BAD_REQUEST', { en: 'filter must be given once, as JSON.', 'zh-CN': 'filter 只能给出一次，且必须是 JSON。' }, [{ path: '/filter', message: { en: 'must be JSON text', 'zh-CN': '必须是 JSON 文本' } }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw pluginError('BAD_REQUEST', { en: 'filter is not valid JSON.', 'zh-CN': 'filter 不是有效的 JSON。' }, [{ path: '/filter', message: { en: 'is not valid JSON', 'zh-CN': '不是有效的 JSON' } }]);
  }
}

/** GET /api/reports/:name/run, POST /api/reports/run (ad hoc), GET /api/reports/:name/export, POST /api/reports/export. */
export function reportRoutes(router: Router, plugin: PluginBootContext): void {
  const stored = async (name: string): Promise<ReportDefinition> => {
    const found = await plugin.definitions.get<ReportDefinition>('report', name);
    if (!found) throw pluginError('NOT_FOUND', { en: `There is no report named '${name.slice(0, 80)}'.`, 'zh-CN': `没有名为“${name.slice(0, 80)}”的报表。` });
    return found.definition;
  };

  router.post('/run', async (req, res) => {
    res.json(await runReport(parseAdHocReport(req.body), plugin.caller(req), queryFilter(req)));
  });

  router.post('/export', async (req, res) => {
    const format = parseReportExportFormat(req.query.format);
    const caller = plugin.caller(req);
    await sendReportExport(await runReport(parseAdHocReport(req.body), caller, queryFilter(req)), format, caller.lang, res);
  });

  router.get('/:name/run', async (req, res) => {
    res.json(await runReport(await stored(req.params.name), plugin.caller(req), queryFilter(req)));
  });

  router.get('/:name/export', async (req, res) => {
    const format = parseReportExportFormat(req.query.format);
    const caller = plugin.caller(req);
    await sendReportExport(await runReport(await stored(req.params.name), caller, queryFilter(req)), format, caller.lang, res);
  });
}
