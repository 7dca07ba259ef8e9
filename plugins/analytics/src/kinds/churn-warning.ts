import type { Caller, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { LocalText } from '../engine/index.ts';
import { lookupTarget, numberOf, rounded } from '../analysis-fields.ts';
import { andFilters } from '../read/and-filters.ts';
import { dayOf, daysAfter, monthsBefore, windowFilter } from '../read/date-window.ts';
import type { AnalysisKind, Outcome, RecordResult } from './analysis-kind.ts';
import { customerGroups, groupTitle, probeGroups } from './customer-groups.ts';

/** Per customer: the number and sum of their records in the window (from, to]. */
function windowQuery(definition: AnalysisDefinition, from: string, to: string) {
  const { customer, date, amount, filter } = definition.source;
  return {
    filter: andFilters(filter, windowFilter(date!, from, to)),
    groupBy: [{ field: customer! }],
    measures: [{ fn: 'count' as const }, { fn: 'sum' as const, field: amount! }],
  };
}

function windows(definition: AnalysisDefinition, now: Date) {
  const asOf = definition.params?.asOf ?? dayOf(now);
  const recentFrom = monthsBefore(asOf, definition.params?.recentMonths ?? 3);
  const baselineFrom = monthsBefore(recentFrom, definition.params?.baselineMonths ?? 12);
  return { asOf, recentFrom, baselineFrom };
}

/** Percent fall of a monthly rate from the baseline to the recent window (negative for a rise); null without a baseline. */
const fall = (recent: number, recentMonths: number, baseline: number, baselineMonths: number) =>
  baseline > 0 ? rounded(100 * (1 - recent / recentMonths / (baseline / baselineMonths)), 1) : null;

/** The owners of customers the caller may read, by customer id. */
async function owners(caller: Caller, object: string, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let at = 0; at < ids.length; at += 500) {
    const page = await caller.heavyReads.list(object, { filter: { id: { $in: ids.slice(at, at + 500) } }, fields: ['_owner'], limit: 500 });
    for (const record of page.data) if (record._owner != null) found.set(String(record.id), String(record._owner));
  }
  return found;
}

const warning = (title: string, frequencyFall: number | null, volumeFall: number | null): { subject: string; text: LocalText } => {
  const falls = (lang: 'en' | 'zh-CN') => [
    frequencyFall !== null ? (lang === 'en' ? `orders −${frequencyFall} %` : `订单数 −${frequencyFall}%`) : null,
    volumeFall !== null ? (lang === 'en' ? `amount −${volumeFall} %` : `金额 −${volumeFall}%`) : null,
  ].filter(Boolean).join(lang === 'en' ? ', ' : '，');
  const text = {
    en: `Churn warning: ${title}'s purchases fell (${falls('en')}); get in touch.`,
    'zh-CN': `流失预警：${title} 的购买下降（${falls('zh-CN')}），请及时联系。`,
  };
  return { subject: `Churn warning: ${title} / 流失预警：${title}`.slice(0, 200), text };
};

/**
 * Churn warning (R22): each customer's recent monthly frequency and volume against their own
 * baseline; a fall of dropPercent or more flags them. A customer flagged now but not in the user's
 * previous run gets a task for their owner and a notification.
 */
export const churnWarning: AnalysisKind = {
  probe(definition, caller) {
    const { asOf, recentFrom } = windows(definition, new Date());
    return probeGroups(caller, definition.source.object, windowQuery(definition, recentFrom, asOf));
  },

  async compute({ definition, caller, meta, now, progress, previousGroups }) {
    const { customer, amount } = definition.source;
    const params = definition.params ?? {};
    const recentMonths = params.recentMonths ?? 3;
    const baselineMonths = params.baselineMonths ?? 12;
    const dropPercent = params.dropPercent ?? 50;
    const minBaseline = params.minBaselineOrders ?? 2;
    const { asOf, recentFrom, baselineFrom } = windows(definition, now);
    const recent = await customerGroups(caller, definition, windowQuery(definition, recentFrom, asOf));
    await progress(0.4);
    const baseline = await customerGroups(caller, definition, windowQuery(definition, baselineFrom, recentFrom));
    await progress(0.8);

    const byId = new Map<string, { title: string | null; recent?: Record<string, unknown>; baseline?: Record<string, unknown> }>();
    for (const [which, groups] of [['recent', recent], ['baseline', baseline]] as const) {
      for (const g of groups) {
        if (g[customer!] === null) continue;
        const id = String(g[customer!]);
        const entry = byId.get(id) ?? { title: groupTitle(g, customer!) };
        entry[which] = g;
        byId.set(id, entry);
      }
    }
    const sumOf = (g: Record<string, unknown> | undefined) => numberOf(g?.[`sum_${amount}`]) ?? 0;
    const records: RecordResult[] = [...byId].map(([id, entry]) => {
      const baselineOrders = Number(entry.baseline?.count ?? 0);
      const recentOrders = Number(entry.recent?.count ?? 0);
      const judged = baselineOrders >= minBaseline;
      const frequencyFall = judged ? fall(recentOrders, recentMonths, baselineOrders, baselineMonths) : null;
      const volumeFall = judged ? fall(sumOf(entry.recent), recentMonths, sumOf(entry.baseline), baselineMonths) : null;
      const flagged = judged && ((frequencyFall ?? -Infinity) >= dropPercent || (volumeFall ?? -Infinity) >= dropPercent);
      return {
        id, title: entry.title, group: flagged ? 'flagged' : judged ? 'steady' : 'not_judged',
        baselineOrders, recentOrders, baselineAmount: rounded(sumOf(entry.baseline), 2), recentAmount: rounded(sumOf(entry.recent), 2), frequencyFall, volumeFall,
      };
    });

    const customerObject = lookupTarget(meta, definition.source.object, customer!)!;
    const before = await previousGroups();
    const newlyFlagged = records.filter((r) => r.group === 'flagged' && before.get(r.id) !== 'flagged');
    const ownerOf = newlyFlagged.length ? await owners(caller, customerObject, newlyFlagged.map((r) => r.id)) : new Map<string, string>();
    const created: NonNullable<Outcome['created']> = [];
    const notifications: NonNullable<Outcome['notifications']> = [];
    const task = params.task;
    for (const record of newlyFlagged) {
      const owner = ownerOf.get(record.id);
      if (!owner) continue;
      const { subject, text } = warning(record.title ?? `#${record.id}`, record.frequencyFall as number | null, record.volumeFall as number | null);
      if (task) {
        const values: RecordData = { [task.assignee]: owner, [task.about]: record.id, [task.subject]: subject };
        if (task.due) values[task.due] = daysAfter(dayOf(now), task.dueDays ?? 7);
        created.push({ object: task.object, values });
      }
      if (params.notify !== false) notifications.push({ userId: owner, text, about: { object: customerObject, id: record.id } });
    }

    const count = (group: string) => records.filter((r) => r.group === group).length;
    const flagField = definition.writeBack?.flag;
    return {
      rows: records.reduce((sum, r) => sum + (r.baselineOrders as number) + (r.recentOrders as number), 0),
      summary: {
        asOf, windows: { recent: { after: recentFrom, to: asOf, months: recentMonths }, baseline: { after: baselineFrom, to: recentFrom, months: baselineMonths } },
        dropPercent, customers: records.length, flagged: count('flagged'), steady: count('steady'), notJudged: count('not_judged'),
        newlyFlagged: newlyFlagged.map((r) => ({ id: r.id, title: r.title, frequencyFall: r.frequencyFall, volumeFall: r.volumeFall })).slice(0, 200),
        tasks: created.length, notifications: notifications.length,
      },
      lists: { records },
      ...(flagField ? { writeBack: { object: customerObject, values: new Map(records.map((r) => [r.id, { [flagField]: r.group === 'flagged' }])) } } : {}),
      created,
      notifications,
    };
  },
};
