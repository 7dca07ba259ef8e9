import type { ErrorDetail, MetadataView } from '../../../platform/src/plugins/plugin-api.ts';
import { packProblem } from '../../../platform/src/plugins/plugin-api.ts';
import type { ReportDefinition } from '../generated/report.ts';

/** Charts that draw one series per value of a single grouping. */
const SINGLE_GROUPING = new Set(['pie', 'funnel']);
const NUMERIC = new Set(['number', 'integer', 'currency', 'percent']);
const DATES = new Set(['date', 'datetime']);

/** Checks a report against the objects: the object, grouping and measure fields exist, and the chart fits. */
export function checkReport(definition: Record<string, unknown>, meta: MetadataView): ErrorDetail[] {
  const report = definition as unknown as ReportDefinition;
  if (!meta.object(report.object)) return [packProblem('/object', { en: `there is no object named '${report.object}'`, 'zh-CN': `没有名为“${report.object}”的对象` })];
  const problems: ErrorDetail[] = [];
  (report.groupBy ?? []).forEach((g, i) => {
    const field = meta.field(report.object, g.field);
    if ('problem' in field) problems.push(packProblem(`/groupBy/${i}/field`, field.problem));
    else if (g.bucket && !DATES.has(field.type)) {
      problems.push(packProblem(`/groupBy/${i}/bucket`, { en: `needs a date or datetime field; '${g.field}' is ${field.type}`, 'zh-CN': `需要日期或日期时间字段；“${g.field}”是 ${field.type} 字段` }));
    }
  });
  report.measures.forEach((m, i) => {
    if (m.field === undefined) {
      if (m.fn !== 'count') problems.push(packProblem(`/measures/${i}/field`, { en: `${m.fn} needs a field`, 'zh-CN': `${m.fn} 需要一个字段` }));
      return;
    }
    const field = meta.field(report.object, m.field);
    if ('problem' in field) problems.push(packProblem(`/measures/${i}/field`, field.problem));
    else if ((m.fn === 'sum' || m.fn === 'avg') && !NUMERIC.has(field.type)) {
      problems.push(packProblem(`/measures/${i}/field`, { en: `${m.fn} needs a number field; '${m.field}' is ${field.type}`, 'zh-CN': `${m.fn} 需要数值字段；“${m.field}”是 ${field.type} 字段` }));
    }
  });
  const chart = report.chart?.type ?? 'table';
  const groupings = report.groupBy?.length ?? 0;
  if (SINGLE_GROUPING.has(chart) && groupings !== 1) problems.push(packProblem('/chart/type', { en: `a ${chart} chart needs exactly one grouping`, 'zh-CN': `${chart} 图表需要恰好一个分组` }));
  else if (chart === 'stacked_bar' && groupings !== 2) problems.push(packProblem('/chart/type', { en: 'a stacked bar chart needs two groupings (axis and stack)', 'zh-CN': '堆叠柱状图需要两个分组（坐标轴和堆叠）' }));
  else if (chart !== 'table' && groupings === 0) problems.push(packProblem('/chart/type', { en: `a ${chart} chart needs a grouping`, 'zh-CN': `${chart} 图表需要一个分组` }));
  return problems;
}
