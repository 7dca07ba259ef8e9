import type { DashboardDefinition, DefinitionStore, ErrorDetail, MetadataView } from '../../../platform/src/plugins/plugin-api.ts';

/** Every widget names an existing report; filters name fields some object has. */
export async function checkDashboard(definition: Record<string, unknown>, meta: MetadataView, definitions: DefinitionStore): Promise<ErrorDetail[]> {
  const dashboard = definition as unknown as DashboardDefinition;
  const problems: ErrorDetail[] = [];
  for (const [i, widget] of dashboard.widgets.entries()) {
    if (!(await definitions.get('report', widget.report))) problems.push({ path: `/widgets/${i}/report`, message: `there is no report named '${widget.report}'` });
  }
  const names = new Set<string>();
  for (const [i, filter] of (dashboard.filters ?? []).entries()) {
    if (names.has(filter.name)) problems.push({ path: `/filters/${i}/name`, message: `'${filter.name}' is used twice` });
    names.add(filter.name);
    for (const object of Object.keys(filter.fields ?? {})) {
      if (!meta.object(object)) problems.push({ path: `/filters/${i}/fields/${object}`, message: `there is no object named '${object}'` });
    }
  }
  return problems;
}
