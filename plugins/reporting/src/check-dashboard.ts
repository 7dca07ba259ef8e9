import type { DefinitionStore, ErrorDetail, MetadataView } from '../../../platform/src/plugins/plugin-api.ts';
import { packProblem } from '../../../platform/src/plugins/plugin-api.ts';
import type { DashboardDefinition } from '../generated/dashboard.ts';

/** Every widget names an existing report; filters name fields some object has. */
export async function checkDashboard(definition: Record<string, unknown>, meta: MetadataView, definitions: DefinitionStore): Promise<ErrorDetail[]> {
  const dashboard = definition as unknown as DashboardDefinition;
  const problems: ErrorDetail[] = [];
  for (const [i, widget] of dashboard.widgets.entries()) {
    if (!(await definitions.get('report', widget.report))) problems.push(packProblem(`/widgets/${i}/report`, { en: `there is no report named '${widget.report}'`, 'zh-CN': `没有名为“${widget.report}”的报表` }));
  }
  const names = new Set<string>();
  for (const [i, filter] of (dashboard.filters ?? []).entries()) {
    if (names.has(filter.name)) problems.push(packProblem(`/filters/${i}/name`, { en: `'${filter.name}' is used twice`, 'zh-CN': `“${filter.name}”被使用了两次` }));
    names.add(filter.name);
    for (const object of Object.keys(filter.fields ?? {})) {
      if (!meta.object(object)) problems.push(packProblem(`/filters/${i}/fields/${object}`, { en: `there is no object named '${object}'`, 'zh-CN': `没有名为“${object}”的对象` }));
    }
  }
  return problems;
}
