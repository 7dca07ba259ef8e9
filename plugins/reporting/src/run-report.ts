import type { AggregateAnswer, Caller } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import type { ReportDefinition } from '../generated/report.ts';

export interface ReportRun extends AggregateAnswer {
  report: { name: string | null; label: ReportDefinition['label'] | null; object: string; filter: unknown; chart: NonNullable<ReportDefinition['chart']> };
}

/** A report without a name: what the builder previews and POST /api/reports/run takes. */
export type AdHocReport = Omit<ReportDefinition, 'name'> & { name?: string };

const AD_HOC_KEYS = new Set(['name', 'label', 'description', 'object', 'filter', 'groupBy', 'measures', 'sort', 'limit', 'chart']);

/** Both conditions must hold; either may be absent. */
export function andFilters(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b;
  if (b === undefined || b === null) return a;
  return { $and: [a, b] };
}

export function parseAdHocReport(body: unknown): AdHocReport {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw pluginError('BAD_REQUEST', { en: 'The request body must be a report: {object, groupBy, measures, …}.', 'zh-CN': '请求正文必须是报表：{object, groupBy, measures, …}。' }, [{ path: '', message: { en: 'must be an object', 'zh-CN': '必须是对象' } }]);
  const report = body as Record<string, unknown>;
  const unknown = Object.keys(report).filter((k) => !AD_HOC_KEYS.has(k));
  if (unknown.length) throw pluginError('BAD_REQUEST', { en: `Unknown report properties: ${unknown.join(', ')}.`, 'zh-CN': `未知的报表属性：${unknown.join('、')}。` }, unknown.map((k) => ({ path: `/${k}`, message: { en: 'is not a known property', 'zh-CN': '不是已知属性' } })));
  if (typeof report.object !== 'string') throw pluginError('BAD_REQUEST', { en: 'Name the object the report counts.', 'zh-CN': '请指定报表统计的对象。' }, [{ path: '/object', message: { en: 'is required', 'zh-CN': '为必填项' } }]);
  if (report.chart !== undefined && (typeof report.chart !== 'object' || report.chart === null)) throw pluginError('BAD_REQUEST', { en: 'chart must be an object such as {"type": "bar"}.', 'zh-CN': 'chart 必须是对象，例如 {"type": "bar"}。' }, [{ path: '/chart', message: { en: 'must be an object', 'zh-CN': '必须是对象' } }]);
  return report as unknown as AdHocReport;
}

/**
 * One GROUP BY as the caller: rows outside their scope are not counted, hidden fields are refused (403).
 * A heavy read: with a read replica it is counted there, so it may be a moment behind the primary.
 */
export async function runReport(report: AdHocReport, caller: Caller, extraFilter?: unknown): Promise<ReportRun> {
  const answer = await caller.heavyReads.aggregate(report.object, {
    ...(andFilters(report.filter, extraFilter) !== undefined ? { filter: andFilters(report.filter, extraFilter) } : {}),
    groupBy: report.groupBy ?? [],
    measures: report.measures ?? [{ fn: 'count' }],
    ...(report.sort ? { sort: report.sort } : {}),
    ...(report.limit ? { limit: report.limit } : {}),
  });
  return {
    report: { name: report.name ?? null, label: report.label ?? null, object: report.object, filter: report.filter ?? null, chart: report.chart ?? { type: 'table' } },
    ...answer,
  };
}
