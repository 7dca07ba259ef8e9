import { baseCompile } from '@intlify/message-compiler';
import { describe, expect, it } from 'vitest';
import { confusionAt } from '../../../plugins/analytics/ui/results/confusion-at.ts';
import { drillLinks, idsLink, isoWeekRange, MAX_IDS, monthRange, weekdayDays, type DrillContext } from '../../../plugins/analytics/ui/results/drill-links.ts';
import { parseRule, ruleTree } from '../../../plugins/analytics/ui/results/rule-tree.ts';
import { RUN_MESSAGES } from '../../../plugins/analytics/ui/results/run-messages.ts';
import type { AnalysisDefinitionView, RecordResult } from '../../../plugins/analytics/ui/results/run-result.ts';

const filterOf = (link: { path: string; query?: { filter: string } } | null) => (link?.query ? JSON.parse(link.query.filter) : undefined);

const RFM: AnalysisDefinitionView = {
  name: 'customer_rfm', kind: 'rfm',
  source: { object: 'order', filter: { status: { $ne: 'cancelled' } }, customer: 'account', date: 'order_date', amount: 'amount' },
  writeBack: { segment: 'rfm_segment', scores: 'rfm_scores' },
};
const RFM_RECORDS: RecordResult[] = [
  { id: '1', title: 'A', group: 'champions', r: 5, f: 4, m: 5 },
  { id: '2', title: 'B', group: 'champions', r: 5, f: 4, m: 3 },
  { id: '3', title: 'C', group: 'lost', r: 1, f: 1, m: 1 },
];
const rfm = (definition: AnalysisDefinitionView = RFM): DrillContext => ({ definition, recordObject: 'account', records: RFM_RECORDS });

describe('drill links of a run', () => {
  it('filter the customers by the written-back segment, and a grid cell by the leading scores', () => {
    const links = drillLinks(rfm());
    expect(links.group('champions')).toEqual({ path: '/o/account', query: { filter: JSON.stringify({ rfm_segment: { $eq: 'champions' } }) } });
    // The source filter is on orders, not on the customers listed.
    expect(filterOf(links.rfmCell(5, 4, 5))).toEqual({ rfm_scores: { $startsWith: '54' } });
    expect(links.record('3')).toEqual({ path: '/o/account/3' });
  });

  it('fall back to the ids of the run\'s records without write-back; one record opens its page', () => {
    const links = drillLinks(rfm({ ...RFM, writeBack: undefined }));
    expect(filterOf(links.group('champions'))).toEqual({ id: { $in: ['1', '2'] } });
    expect(links.group('lost')).toEqual({ path: '/o/account/3' });
    expect(filterOf(links.rfmCell(5, 4, 5))).toEqual({ id: { $in: ['1', '2'] } });
    expect(links.group('hibernating')).toBeNull();
  });

  it('lead nowhere for more ids than an address carries', () => {
    const ids = Array.from({ length: MAX_IDS + 1 }, (_, i) => String(i + 1));
    expect(idsLink('account', ids)).toBeNull();
    expect(filterOf(idsLink('account', ids.slice(0, MAX_IDS)))).toEqual({ id: { $in: ids.slice(0, MAX_IDS) } });
  });

  it('write each kind\'s group as its field holds it, with the source filter when the records are the source\'s', () => {
    const accounts = { object: 'account', filter: { region: { $eq: 'Sichuan' } } };
    const kmeans = (type: string) => drillLinks({ definition: { name: 'k', kind: 'kmeans', source: accounts, writeBack: { cluster: 'cluster' } }, recordObject: 'account', records: [], fieldType: () => type });
    expect(filterOf(kmeans('integer').group('2'))).toEqual({ $and: [accounts.filter, { cluster: { $eq: 2 } }] });
    expect(filterOf(kmeans('text').group('2'))).toEqual({ $and: [accounts.filter, { cluster: { $eq: '2' } }] });

    const churnRecords: RecordResult[] = [{ id: '7', title: 'X', group: 'flagged' }, { id: '8', title: 'Y', group: 'steady' }, { id: '9', title: 'Z', group: 'steady' }];
    const churn = drillLinks({ definition: { name: 'w', kind: 'churn_warning', source: { object: 'order', customer: 'account' }, writeBack: { flag: 'churn_warning' } }, recordObject: 'account', records: churnRecords });
    expect(filterOf(churn.group('flagged'))).toEqual({ churn_warning: { $eq: true } });
    // Steady and not judged customers both carry no flag: their ids tell them apart.
    expect(filterOf(churn.group('steady'))).toEqual({ id: { $in: ['8', '9'] } });

    const matrix = drillLinks({ definition: { name: 'v', kind: 'value_matrix', source: { object: 'account' }, writeBack: { quadrant: 'value_quadrant' } }, recordObject: 'account', records: [] });
    expect(filterOf(matrix.group('growth'))).toEqual({ value_quadrant: { $eq: 'growth' } });
  });

  it('open a confusion cell as probability against the threshold and the known outcome', () => {
    const definition: AnalysisDefinitionView = {
      name: 'churn_prediction', kind: 'classifier', source: { object: 'account' }, target: 'lifecycle', positive: 'lost',
      params: { threshold: 0.5 }, writeBack: { probability: 'churn_probability' },
    };
    const records: RecordResult[] = [
      { id: '1', title: 'A', group: 'yes', probability: 0.8, outcome: 1 },
      { id: '2', title: 'B', group: 'yes', probability: 0.6, outcome: 0 },
      { id: '3', title: 'C', group: 'no', probability: 0.2, outcome: 0 },
      { id: '4', title: 'D', group: 'no', probability: 0.3, outcome: null },
      { id: '5', title: 'E', group: 'no', probability: 0.1, outcome: 0 },
    ];
    const links = drillLinks({ definition, recordObject: 'account', records });
    expect(filterOf(links.classifierCell(true, true, 0.7))).toEqual({ churn_probability: { $gte: 0.7 }, lifecycle: { $eq: 'lost' } });
    expect(filterOf(links.classifierCell(false, false, 0.7))).toEqual({ churn_probability: { $lt: 0.7 }, lifecycle: { $ne: 'lost', $null: false } });
    expect(filterOf(links.group('yes'))).toEqual({ churn_probability: { $gte: 0.5 } });

    const byIds = drillLinks({ definition: { ...definition, writeBack: undefined }, recordObject: 'account', records });
    expect(filterOf(byIds.classifierCell(false, false, 0.5))).toEqual({ id: { $in: ['3', '5'] } });
    expect(byIds.classifierCell(false, true, 0.5)).toEqual({ path: '/o/account/2' });
  });

  it('open the source records of an association rule\'s items and of months, per segment', () => {
    const definition: AnalysisDefinitionView = { name: 's', kind: 'seasonality', source: { object: 'order', filter: { status: { $ne: 'cancelled' } }, date: 'order_date', item: 'product', segment: 'account.region' } };
    const links = drillLinks({ definition, recordObject: 'order', records: [] });
    expect(filterOf(links.items(['4', '9']))).toEqual({ $and: [{ status: { $ne: 'cancelled' } }, { product: { $in: ['4', '9'] } }] });
    expect(filterOf(links.dated([monthRange('2025-12')]))).toEqual({ $and: [{ status: { $ne: 'cancelled' } }, { order_date: { $gte: '2025-12-01', $lt: '2026-01-01' } }] });
    expect(filterOf(links.dated([monthRange('2025-03'), monthRange('2026-03')], { value: 'Sichuan' }))).toEqual({
      $and: [{ status: { $ne: 'cancelled' } }, {
        $and: [{ $or: [{ order_date: { $gte: '2025-03-01', $lt: '2025-04-01' } }, { order_date: { $gte: '2026-03-01', $lt: '2026-04-01' } }] }, { 'account.region': { $eq: 'Sichuan' } }],
      }],
    });
    expect(filterOf(links.dated([monthRange('2026-01')], { value: null }))?.$and[1].$and[1]).toEqual({ 'account.region': { $null: true } });
  });
});

describe('a weekday of the seasonal index', () => {
  const definition: AnalysisDefinitionView = { name: 's', kind: 'seasonality', source: { object: 'order', date: 'order_date', segment: 'account.region' } };

  it('is every such day of the months the data covers', () => {
    const mondays = weekdayDays('2026-02', '2026-03', 1);
    expect(mondays).toEqual(['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weekdayDays('2026-02', '2026-02', 7)).toEqual(['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22']);
  });

  it('opens the source records dated on those days, of the line\'s segment, when the date is a date field', () => {
    const links = drillLinks({ definition, recordObject: 'order', records: [], fieldType: (name) => (name === 'order_date' ? 'date' : undefined) });
    expect(filterOf(links.datedOn(['2026-02-02', '2026-02-09'], { value: 'Sichuan' }))).toEqual({
      $and: [{ order_date: { $in: ['2026-02-02', '2026-02-09'] } }, { 'account.region': { $eq: 'Sichuan' } }],
    });
    const atTimes = drillLinks({ definition, recordObject: 'order', records: [], fieldType: () => 'datetime' });
    expect(atTimes.datedOn(['2026-02-02'])).toBeNull();
  });
});

describe('isoWeekRange', () => {
  it('gives the Monday to Monday of an ISO week, and no range for a week the year lacks', () => {
    expect(isoWeekRange(2026, 1)).toEqual(['2025-12-29', '2026-01-05']);
    expect(isoWeekRange(2025, 10)).toEqual(['2025-03-03', '2025-03-10']);
    expect(isoWeekRange(2026, 53)).toEqual(['2026-12-28', '2027-01-04']);
    expect(isoWeekRange(2025, 53)).toBeNull();
  });
});

describe('confusionAt', () => {
  // Test rows: probabilities 0.9 (yes), 0.7 (no), 0.7 (yes), 0.4 (no), 0.2 (no); 2 positives, 3 negatives.
  const roc = [
    { threshold: null, falsePositiveRate: 0, truePositiveRate: 0 },
    { threshold: 0.9, falsePositiveRate: 0, truePositiveRate: 0.5 },
    { threshold: 0.7, falsePositiveRate: 1 / 3, truePositiveRate: 1 },
    { threshold: 0.4, falsePositiveRate: 2 / 3, truePositiveRate: 1 },
    { threshold: 0.2, falsePositiveRate: 1, truePositiveRate: 1 },
  ];
  const measured = { truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 0 };

  it('counts the rows at or above the threshold as predicted yes', () => {
    expect(confusionAt(roc, measured, 0.5)).toMatchObject(measured);
    expect(confusionAt(roc, measured, 0.8)).toMatchObject({ truePositives: 1, falsePositives: 0, trueNegatives: 3, falseNegatives: 1, precision: 1, recall: 0.5 });
    expect(confusionAt(roc, measured, 0.2)).toMatchObject({ truePositives: 2, falsePositives: 3, trueNegatives: 0, falseNegatives: 0, accuracy: 0.4 });
    expect(confusionAt(roc, measured, 0.95)).toMatchObject({ truePositives: 0, falsePositives: 0, precision: 0, recall: 0, f1: 0, accuracy: 0.6 });
    const atHalf = confusionAt(roc, measured, 0.5);
    expect(atHalf.f1).toBeCloseTo(0.8, 10);
  });
});

describe('ruleTree', () => {
  const rules = [
    { text: { en: 'IF Region = west AND Revenue < 100 THEN Lifecycle = Lost, p = 0.90', 'zh-CN': '如果 区域 = west 且 营业额 < 100 那么 生命周期 = 流失，p = 0.90' } },
    { text: { en: 'IF Region = west AND Revenue ≥ 100 THEN Lifecycle ≠ Lost, p = 0.20', 'zh-CN': '如果 区域 = west 且 营业额 ≥ 100 那么 生命周期 ≠ 流失，p = 0.20' } },
    { text: { en: 'IF Region ≠ west THEN Lifecycle ≠ Lost, p = 0.05', 'zh-CN': '如果 区域 ≠ west 那么 生命周期 ≠ 流失，p = 0.05' } },
  ];

  it('reads a rule sentence in either language', () => {
    expect(parseRule(rules[0].text.en, 'en')).toEqual({ conditions: ['Region = west', 'Revenue < 100'], conclusion: 'Lifecycle = Lost, p = 0.90' });
    expect(parseRule(rules[2].text['zh-CN'], 'zh-CN')).toEqual({ conditions: ['区域 ≠ west'], conclusion: '生命周期 ≠ 流失，p = 0.05' });
    expect(parseRule('IF any record THEN Lifecycle ≠ Lost, p = 0.10', 'en')).toEqual({ conditions: [], conclusion: 'Lifecycle ≠ Lost, p = 0.10' });
  });

  it('shares the branches of rules that start alike and ends each in its rule', () => {
    expect(ruleTree(rules, 'en')).toEqual({
      condition: '',
      children: [
        { condition: 'Region = west', children: [{ condition: 'Revenue < 100', children: [], rule: 0 }, { condition: 'Revenue ≥ 100', children: [], rule: 1 }] },
        { condition: 'Region ≠ west', children: [], rule: 2 },
      ],
    });
    expect(ruleTree([{ text: { en: 'IF any record THEN Lifecycle ≠ Lost, p = 0.10' } }], 'en')).toEqual({ condition: '', children: [], rule: 0 });
  });
});

describe('the run page\'s messages', () => {
  type Tree = { [key: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));

  it('have the same keys in both languages, each compiling, the Chinese in Chinese', () => {
    const en = leaves(RUN_MESSAGES.en);
    const zh = new Map(leaves(RUN_MESSAGES['zh-CN']));
    expect([...zh.keys()].sort()).toEqual(en.map(([key]) => key).sort());
    for (const [language, texts] of [['en', en], ['zh-CN', [...zh]]] as const) {
      for (const [key, text] of texts) {
        const problems: string[] = [];
        baseCompile(text, { onError: (error) => problems.push(error.message) });
        expect(problems, `${language} ${key}: ${text}`).toEqual([]);
        expect(text.trim(), `${language} ${key}`).not.toBe('');
      }
    }
    expect([...zh.values()].filter((text) => /[\u4e00-\u9fff]/.test(text)).length / zh.size).toBeGreaterThan(0.8);
  });
});
