import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { ISO_WEEKS, MONTHS, WEEKDAYS, seasonalIndex } from '../engine/index.ts';
import { numberOf, rounded } from '../analysis-fields.ts';
import { andFilters } from '../read/and-filters.ts';
import { everyGroup } from '../read/every-group.ts';
import type { AnalysisKind } from './analysis-kind.ts';
import { periodTotals, type SeasonPeriod } from './seasonal-periods.ts';

const BUCKETS = { month: 'month', week: 'week', weekday: 'day' } as const;
const NUMBERING = { month: MONTHS, week: ISO_WEEKS, weekday: WEEKDAYS };

/** Totals of the measure per date bucket (and segment value). */
function bucketQuery(definition: AnalysisDefinition, period: SeasonPeriod) {
  const { date, amount, segment, filter } = definition.source;
  return {
    filter: andFilters(filter, { [date!]: { $null: false } }),
    groupBy: [{ field: date!, bucket: BUCKETS[period] }, ...(segment ? [{ field: segment }] : [])],
    measures: [{ fn: 'count' as const }, ...(amount ? [{ fn: 'sum' as const, field: amount }] : [])],
  };
}

const indexOf = (byBucket: ReadonlyMap<string, number>, period: SeasonPeriod) =>
  seasonalIndex(periodTotals(byBucket, period), NUMBERING[period]).map((p) => ({ period: p.period, index: p.index === null ? null : rounded(p.index), years: p.years }));

/**
 * Time patterns (R23): the seasonal index of a measure (a sum, or the number of records) by month,
 * ISO week and weekday, overall and per value of a segment field, with the monthly totals behind it.
 */
export const seasonality: AnalysisKind = {
  async probe(definition, caller) {
    await caller.records.aggregate(definition.source.object, { ...bucketQuery(definition, 'month'), limit: 1 });
  },

  async compute({ definition, caller, progress }) {
    const { object, date, amount, segment } = definition.source;
    const periods: SeasonPeriod[] = definition.params?.periods ?? ['month', 'week', 'weekday'];
    const measure = amount ? `sum_${amount}` : 'count';
    const overall: Partial<Record<SeasonPeriod, ReturnType<typeof indexOf>>> = {};
    const bySegment = new Map<string, { value: unknown; title: string | null; indexes: Partial<Record<SeasonPeriod, ReturnType<typeof indexOf>>> }>();
    let rows = 0;
    let monthly: { month: string; total: number }[] = [];
    for (const [n, period] of periods.entries()) {
      const key = `${date}_${BUCKETS[period]}`;
      const groups = await everyGroup(caller.heavyReads, object, bucketQuery(definition, period), (from) => ({ [date!]: { $gte: from } }));
      const all = new Map<string, number>();
      const perSegment = new Map<string, Map<string, number>>();
      for (const g of groups) {
        const bucket = String(g[key]);
        const total = numberOf(g[measure]) ?? 0;
        all.set(bucket, (all.get(bucket) ?? 0) + total);
        if (n === 0) rows += Number(g.count);
        if (!segment) continue;
        const value = JSON.stringify(g[segment] ?? null);
        if (!bySegment.has(value)) bySegment.set(value, { value: g[segment] ?? null, title: g[`${segment}__title`] == null ? null : String(g[`${segment}__title`]), indexes: {} });
        const totals = perSegment.get(value) ?? new Map<string, number>();
        totals.set(bucket, (totals.get(bucket) ?? 0) + total);
        perSegment.set(value, totals);
      }
      overall[period] = indexOf(all, period);
      for (const [value, totals] of perSegment) bySegment.get(value)!.indexes[period] = indexOf(totals, period);
      if (period === 'month') monthly = [...all].sort(([a], [b]) => a.localeCompare(b)).map(([bucket, total]) => ({ month: bucket.slice(0, 7), total: rounded(total, 2) }));
      await progress((n + 1) / periods.length);
    }
    return {
      rows,
      summary: {
        measure: amount ? { fn: 'sum', field: amount } : { fn: 'count' }, segment: segment ?? null, periods,
        indexes: overall, monthly,
      },
      lists: { segments: [...bySegment.values()] },
    };
  },
};
