import type { Caller } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { AnalyticsServices } from '../analytics-services.ts';
import { recommender } from '../engine/index.ts';
import { lookupTarget } from '../analysis-fields.ts';
import { andFilters } from '../read/and-filters.ts';
import type { NamedItem, StoredRule } from '../kinds/stored-rule.ts';
import { readLists } from './run-parts.ts';
import { previousRun } from './run-store.ts';

/**
 * Cross-selling for one customer (R23): the items the rules of the caller's last run of the
 * association analysis recommend and the customer does not own yet, best lift first. Only for a
 * customer the caller may read (404 otherwise); what they own is counted as the caller sees it.
 */
export async function recommendationsFor(definition: AnalysisDefinition, recordId: string, caller: Caller, services: Pick<AnalyticsServices, 'system' | 'meta'>, limit: number) {
  if (definition.kind !== 'association') {
    throw pluginError('BAD_REQUEST', { en: `The analysis '${definition.name}' finds no association rules, so it recommends nothing.`, 'zh-CN': `分析“${definition.name}”不产生关联规则，因此无法推荐。` });
  }
  const { object, customer, item, filter } = definition.source;
  await caller.records.get(lookupTarget(services.meta, object, customer!)!, recordId);
  const run = await previousRun(services.system, definition.name, caller.userId!);
  if (!run) {
    throw pluginError('CONFLICT', { en: `Run the analysis '${definition.name}' first: recommendations come from your last run.`, 'zh-CN': `请先运行分析“${definition.name}”：推荐来自您最近一次运行。` });
  }
  const { rules = [] } = (await readLists(services.system, String(run.id), ['rules'])) as { rules?: StoredRule[] };
  const titles = new Map<string, string | null>();
  const ids = (items: NamedItem[]) => items.map((i) => (titles.set(i.id, i.title), i.id));
  const recommend = recommender(rules.map((r) => ({ antecedent: ids(r.antecedent), consequent: ids(r.consequent), count: r.count, support: r.support, confidence: r.confidence, lift: r.lift })));
  const owned = await caller.heavyReads.aggregate(object, { filter: andFilters(filter, { [customer!]: { $eq: recordId } }, { [item!]: { $null: false } }), groupBy: [{ field: item! }], measures: [{ fn: 'count' }], limit: 10_000 });
  const named = (id: string | number) => ({ id: String(id), title: titles.get(String(id)) ?? null });
  return {
    record: recordId,
    run: String(run.id),
    data: recommend(owned.rows.map((row) => String(row[item!])), limit).map((r) => ({ item: named(r.item), lift: r.lift, confidence: r.confidence, support: r.support, because: r.because.map(named) })),
  };
}
