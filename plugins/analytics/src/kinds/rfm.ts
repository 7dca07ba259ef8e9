import type { RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { DEFAULT_RFM_SEGMENTS, rfmSegment, type RfmSegmentTable } from '../engine/index.ts';
import { lookupTarget, numberOf, rounded } from '../analysis-fields.ts';
import { andFilters } from '../read/and-filters.ts';
import { dayOf, daysAfter, daysBetween } from '../read/date-window.ts';
import type { AnalysisKind, RecordResult } from './analysis-kind.ts';
import { customerGroups, groupTitle, probeGroups } from './customer-groups.ts';
import { mapInTurns } from './map-in-turns.ts';
import { quantileScores } from './rfm-scores.ts';

const UNNAMED = { key: 'unnamed', label: { en: 'Unnamed', 'zh-CN': '未命名' } };

/** Per customer in one GROUP BY: the last purchase up to asOf, the number of purchases and their sum. */
function rfmQuery(definition: AnalysisDefinition, asOf: string) {
  const { customer, date, amount, filter } = definition.source;
  return {
    filter: andFilters(filter, { [date!]: { $lt: daysAfter(asOf, 1) } }),
    groupBy: [{ field: customer! }],
    measures: [{ fn: 'max' as const, field: date! }, { fn: 'count' as const }, { fn: 'sum' as const, field: amount! }],
  };
}

/** RFM (R21): quantile scores of recency, frequency and monetary value per customer, and the named segment they fall in. */
export const rfm: AnalysisKind = {
  probe: (definition, caller) => probeGroups(caller, definition.source.object, rfmQuery(definition, dayOf(new Date()))),

  async compute({ definition, caller, meta, now, progress }) {
    const { customer, date, amount } = definition.source;
    const asOf = definition.params?.asOf ?? dayOf(now);
    const bins = definition.params?.bins ?? 5;
    const table: RfmSegmentTable = definition.params?.segments ?? DEFAULT_RFM_SEGMENTS;
    const groups = await customerGroups(caller, definition, rfmQuery(definition, asOf));
    await progress(0.8);

    const customers = groups.filter((g) => g[customer!] !== null && g[`max_${date}`] !== null);
    const recency = await mapInTurns(customers, (g) => daysBetween(String(g[`max_${date}`]).slice(0, 10), asOf));
    const frequency = customers.map((g) => Number(g.count));
    const monetary = customers.map((g) => numberOf(g[`sum_${amount}`]) ?? 0);
    // Recent buyers score high: fewer days since the last purchase is the larger value.
    const r = quantileScores(recency.map((days) => -days), bins);
    const f = quantileScores(frequency, bins);
    const m = quantileScores(monetary, bins);

    const records: RecordResult[] = await mapInTurns(customers, (g, i) => {
      const segment = rfmSegment({ r: r[i], f: f[i], m: m[i] }, bins, table) ?? UNNAMED;
      return {
        id: String(g[customer!]), title: groupTitle(g, customer!), group: segment.key,
        lastPurchase: String(g[`max_${date}`]).slice(0, 10), recencyDays: recency[i], frequency: frequency[i], monetary: rounded(monetary[i], 2),
        r: r[i], f: f[i], m: m[i],
      };
    });
    const writeBack = definition.writeBack ?? {};
    const values = new Map<string, RecordData>(await mapInTurns(records, (rec): [string, RecordData] => [rec.id, {
      ...(writeBack.segment ? { [writeBack.segment]: rec.group } : {}),
      ...(writeBack.scores ? { [writeBack.scores]: `${String(rec.r)}${String(rec.f)}${String(rec.m)}` } : {}),
    }]));

    // One pass over the customers for the segments' totals.
    const totals = new Map<string, { customers: number; monetary: number }>();
    for (const rec of records) {
      const total = totals.get(rec.group) ?? { customers: 0, monetary: 0 };
      total.customers++;
      total.monetary += rec.monetary as number;
      totals.set(rec.group, total);
    }
    const segments = [...table.segments, UNNAMED].map((segment) => {
      const total = totals.get(segment.key) ?? { customers: 0, monetary: 0 };
      return { key: segment.key, label: segment.label, customers: total.customers, monetary: rounded(total.monetary, 2) };
    }).filter((s) => s.key !== UNNAMED.key || s.customers > 0);
    // The R × F grid: customers and their mean monetary value per cell (the heat map).
    const grid = Array.from({ length: bins * bins }, (_, cell) => ({ r: Math.floor(cell / bins) + 1, f: (cell % bins) + 1, customers: 0, monetary: 0 }));
    records.forEach((rec) => {
      const cell = grid[((rec.r as number) - 1) * bins + (rec.f as number) - 1];
      cell.customers++;
      cell.monetary += rec.monetary as number;
    });
    grid.forEach((cell) => (cell.monetary = cell.customers ? rounded(cell.monetary / cell.customers, 2) : 0));

    return {
      rows: frequency.reduce((sum, n) => sum + n, 0),
      summary: { asOf, bins, customers: records.length, segments, grid },
      lists: { records },
      ...(definition.writeBack ? { writeBack: { object: lookupTarget(meta, definition.source.object, customer!)!, values } } : {}),
    };
  },
};
