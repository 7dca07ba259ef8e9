import type { Caller, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition, ValueMeasure } from '../../generated/analysis.ts';
import { numberOf, readableTitle, rounded } from '../analysis-fields.ts';
import { everyRow } from '../read/every-row.ts';
import { andFilters } from '../read/and-filters.ts';
import { dayOf, monthsBefore, windowFilter } from '../read/date-window.ts';
import { everyGroup } from '../read/every-group.ts';
import type { AnalysisKind, RecordResult } from './analysis-kind.ts';

/** The quadrants of current × potential value (R18, R21), high meaning at least the customers' median (or mean). */
export const QUADRANTS = {
  most_valuable: { en: 'Most valuable: high current and potential value', 'zh-CN': '最有价值客户：当前价值与潜在价值都高' },
  growth: { en: 'Growth: low current, high potential value', 'zh-CN': '潜力客户：当前价值低，潜在价值高' },
  maintain: { en: 'Maintain: high current, low potential value', 'zh-CN': '维持型客户：当前价值高，潜在价值低' },
  low_value: { en: 'Low value: low current and potential value', 'zh-CN': '低价值客户：当前价值与潜在价值都低' },
} as const;
type Quadrant = keyof typeof QUADRANTS;

const quadrantOf = (currentHigh: boolean, potentialHigh: boolean): Quadrant =>
  currentHigh ? (potentialHigh ? 'most_valuable' : 'maintain') : potentialHigh ? 'growth' : 'low_value';

/** The aggregate of a measure over related records, per customer. */
function measureQuery(measure: ValueMeasure, asOf: string) {
  const window = measure.date ? windowFilter(measure.date, measure.months ? monthsBefore(asOf, measure.months) : undefined, asOf) : undefined;
  return {
    filter: andFilters(measure.filter, window),
    groupBy: [{ field: measure.customer! }],
    measures: [measure.fn === 'count' || !measure.field ? { fn: 'count' as const } : { fn: measure.fn ?? ('sum' as const), field: measure.field }],
  };
}

/** A measure per customer id, as the caller counts it (customers without related records are 0). */
async function measureValues(caller: Caller, measure: ValueMeasure, customers: RecordData[], asOf: string): Promise<Map<string, number>> {
  if (!measure.object) return new Map(customers.map((c) => [String(c.id), numberOf(c[measure.field!]) ?? 0]));
  const groups = await everyGroup(caller.heavyReads, measure.object, measureQuery(measure, asOf), (key) => ({ [measure.customer!]: { $gte: key } }));
  const column = measure.fn === 'count' || !measure.field ? 'count' : `${measure.fn ?? 'sum'}_${measure.field}`;
  return new Map(groups.map((g) => [String(g[measure.customer!]), numberOf(g[column]) ?? 0]));
}

function splitPoint(values: readonly number[], split: 'median' | 'mean'): number {
  if (!values.length) return 0;
  if (split === 'mean') return values.reduce((sum, v) => sum + v, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const customerFields = (definition: AnalysisDefinition) =>
  [definition.params!.current!, definition.params!.potential!].flatMap((m) => (m.object ? [] : [m.field!]));

/**
 * The value matrix (R18, R21): each customer's current and potential value, its quadrant, and the
 * valuable (most valuable quadrant), value-changing (moved quadrant since the previous run) and
 * problem (low value quadrant) customers.
 */
export const valueMatrix: AnalysisKind = {
  async probe(definition, caller) {
    const { object, filter } = definition.source;
    await caller.records.list(object, { ...(filter ? { filter } : {}), fields: customerFields(definition), limit: 1 });
    for (const measure of [definition.params!.current!, definition.params!.potential!]) {
      if (measure.object) await caller.records.aggregate(measure.object, { ...measureQuery(measure, dayOf(new Date())), limit: 1 });
    }
  },

  async compute({ definition, caller, meta, now, progress, previousGroups }) {
    const { object, filter } = definition.source;
    const params = definition.params!;
    const asOf = params.asOf ?? dayOf(now);
    const title = await readableTitle(caller, meta, object);
    const customers = await everyRow(caller.heavyReads, object, { filter, fields: [...new Set([...customerFields(definition), ...(title ? [title] : [])])] }, (share) => progress(share * 0.5));
    const current = await measureValues(caller, params.current!, customers, asOf);
    await progress(0.7);
    const potential = await measureValues(caller, params.potential!, customers, asOf);
    await progress(0.9);

    const split = params.split ?? 'median';
    const values = customers.map((c) => ({ id: String(c.id), title: title && c[title] != null ? String(c[title]) : null, current: current.get(String(c.id)) ?? 0, potential: potential.get(String(c.id)) ?? 0 }));
    const currentSplit = splitPoint(values.map((v) => v.current), split);
    const potentialSplit = splitPoint(values.map((v) => v.potential), split);
    const records: RecordResult[] = values.map((v) => ({ ...v, current: rounded(v.current, 2), potential: rounded(v.potential, 2), group: quadrantOf(v.current >= currentSplit, v.potential >= potentialSplit) }));

    const before = await previousGroups();
    const byValue = (a: RecordResult, b: RecordResult) => (b.current as number) - (a.current as number);
    const named = (r: RecordResult) => ({ id: r.id, title: r.title, current: r.current, potential: r.potential });
    const quadrants = (Object.keys(QUADRANTS) as Quadrant[]).map((key) => {
      const members = records.filter((r) => r.group === key);
      return { key, label: QUADRANTS[key], customers: members.length, current: rounded(members.reduce((s, r) => s + (r.current as number), 0), 2), potential: rounded(members.reduce((s, r) => s + (r.potential as number), 0), 2) };
    });
    const summary = {
      asOf, split, customers: records.length,
      thresholds: { current: rounded(currentSplit, 2), potential: rounded(potentialSplit, 2) },
      quadrants,
      valuable: records.filter((r) => r.group === 'most_valuable').sort(byValue).slice(0, 50).map(named),
      valueChanging: records.filter((r) => before.has(r.id) && before.get(r.id) !== r.group).slice(0, 200).map((r) => ({ ...named(r), from: before.get(r.id), to: r.group })),
      problem: records.filter((r) => r.group === 'low_value').sort((a, b) => byValue(b, a)).slice(0, 50).map(named),
    };
    const quadrantField = definition.writeBack?.quadrant;
    return {
      rows: records.length,
      summary,
      lists: { records },
      ...(quadrantField ? { writeBack: { object, values: new Map(records.map((r) => [r.id, { [quadrantField]: r.group }])) } } : {}),
    };
  },
};
