import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { ItemId } from '../engine/index.ts';
import { rounded } from '../analysis-fields.ts';
import { andFilters } from '../read/and-filters.ts';
import { runTraining } from '../training/training-pool.ts';
import type { AssociationModel } from '../training/mine-rules.ts';
import type { AnalysisKind } from './analysis-kind.ts';
import type { NamedItem, StoredRule } from './stored-rule.ts';
import { customerGroups, groupTitle, probeGroups } from './customer-groups.ts';

/** The items of each customer (or customer and month), as one GROUP BY: customer, [month,] item. */
export function basketQuery(definition: AnalysisDefinition, extraFilter?: unknown) {
  const { customer, item, date, filter } = definition.source;
  const byMonth = definition.params?.transaction === 'customer_month';
  return {
    filter: andFilters(filter, extraFilter, { [item!]: { $null: false } }),
    groupBy: [{ field: customer! }, ...(byMonth ? [{ field: date!, bucket: 'month' as const }] : []), { field: item! }],
    measures: [{ fn: 'count' as const }],
  };
}

/**
 * Association rules for cross-selling (R23): baskets of items per customer (or per customer and
 * month), frequent itemsets by FP-growth in a worker thread, and rules X → Y with support,
 * confidence and lift, best lift first.
 */
export const association: AnalysisKind = {
  probe: (definition, caller) => probeGroups(caller, definition.source.object, basketQuery(definition)),

  async compute({ definition, caller, progress }) {
    const { customer, item, date } = definition.source;
    const byMonth = definition.params?.transaction === 'customer_month';
    const groups = await customerGroups(caller, definition, basketQuery(definition));
    await progress(0.5);
    const baskets = new Map<string, ItemId[]>();
    const titles = new Map<string, string | null>();
    let rows = 0;
    for (const g of groups) {
      if (g[customer!] === null) continue;
      const key = byMonth ? `${String(g[customer!])}|${String(g[`${date}_month`])}` : String(g[customer!]);
      const id = String(g[item!]);
      baskets.set(key, [...(baskets.get(key) ?? []), id]);
      titles.set(id, groupTitle(g, item!) ?? (titles.get(id) ?? null));
      rows += Number(g.count);
    }
    const params = definition.params ?? {};
    const model = (await runTraining({
      kind: 'association', transactions: [...baskets.values()],
      options: { minSupport: params.minSupport ?? 0.01, minConfidence: params.minConfidence ?? 0.2, maxLength: params.maxLength ?? 3 },
    }, (share) => void progress(0.5 + share * 0.45))) as AssociationModel;
    const named = (ids: ItemId[]): NamedItem[] => ids.map((id) => ({ id: String(id), title: titles.get(String(id)) ?? null }));
    const rules: StoredRule[] = model.rules.map((r) => ({ antecedent: named(r.antecedent), consequent: named(r.consequent), count: r.count, support: rounded(r.support, 6), confidence: rounded(r.confidence), lift: rounded(r.lift) }));
    return {
      rows,
      summary: {
        transaction: byMonth ? 'customer_month' : 'customer', transactions: model.transactionCount, items: titles.size,
        minSupport: params.minSupport ?? 0.01, minConfidence: params.minConfidence ?? 0.2,
        frequentItems: model.frequentItems, itemsets: model.itemsets, rulesFound: model.ruleCount, rulesKept: rules.length,
        topRules: rules.slice(0, 20),
      },
      lists: { rules },
    };
  },
};
