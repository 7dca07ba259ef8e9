import type { ErrorDetail, MetadataView, ReportDefinition } from '../../../platform/src/plugins/plugin-api.ts';

/** Charts that draw one series per value of a single grouping. */
const SINGLE_GROUPING = new Set(['pie', 'funnel']);
const NUMERIC = new Set(['number', 'integer', 'currency', 'percent']);
const DATES = new Set(['date', 'datetime']);

/** Checks a report against the objects: the object, grouping and measure fields exist, and the chart fits. */
export function checkReport(definition: Record<string, unknown>, meta: MetadataView): ErrorDetail[] {
  const report = definition as unknown as ReportDefinition;
  if (!meta.object(report.object)) return [{ path: '/object', message: `there is no object named '${report.object}'` }];
  const problems: ErrorDetail[] = [];
  (report.groupBy ?? []).forEach((g, i) => {
    const field = meta.field(report.object, g.field);
    if ('problem' in field) problems.push({ path: `/groupBy/${i}/field`, message: field.problem });
    else if (g.bucket && !DATES.has(field.type)) problems.push({ path: `/groupBy/${i}/bucket`, message: `needs a date or datetime field; '${g.field}' is ${field.type}` });
  });
  report.measures.forEach((m, i) => {
    if (m.field === undefined) {
      if (m.fn !== 'count') problems.push({ path: `/measures/${i}/field`, message: `${m.fn} needs a field` });
      return;
    }
    const field = meta.field(report.object, m.field);
    if ('problem' in field) problems.push({ path: `/measures/${i}/field`, message: field.problem });
    else if ((m.fn === 'sum' || m.fn === 'avg') && !NUMERIC.has(field.type)) problems.push({ path: `/measures/${i}/field`, message: `${m.fn} needs a number field; '${m.field}' is ${field.type}` });
  });
  const chart = report.chart?.type ?? 'table';
  const groupings = report.groupBy?.length ?? 0;
  if (SINGLE_GROUPING.has(chart) && groupings !== 1) problems.push({ path: '/chart/type', message: `a ${chart} chart needs exactly one grouping` });
  else if (chart === 'stacked_bar' && groupings !== 2) problems.push({ path: '/chart/type', message: 'a stacked bar chart needs two groupings (axis and stack)' });
  else if (chart !== 'table' && groupings === 0) problems.push({ path: '/chart/type', message: `a ${chart} chart needs a grouping` });
  return problems;
}
