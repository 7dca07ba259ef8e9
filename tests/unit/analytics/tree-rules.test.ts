import { describe, expect, it } from 'vitest';
import { encodeRows, recordRule, ruleTexts, treeRules, type DecisionTree, type FeatureEncoding } from '../../../plugins/analytics/src/engine/index.ts';

// A tree written by hand over hand-made encodings, so that every rule's text is known exactly.
const encodings: FeatureEncoding[] = [
  { kind: 'numeric', name: 'age', label: { en: 'age', 'zh-CN': '年龄' }, cuts: [26], hadMissing: false },
  { kind: 'boolean', name: 'wap', categories: [false, true] },
  { kind: 'numeric', name: 'device_price', cuts: [1800, 2800], hadMissing: true },
  { kind: 'categorical', name: 'region', categories: ['north', 'south', 'east', null] },
];
const leaf = (rows: number, positives: number) => ({ rows, positives, probability: positives / rows });
const tree: DecisionTree = {
  nodes: [
    { ...leaf(1000, 300), split: { kind: 'numeric', feature: 0, bin: 0, threshold: 26, missingLeft: false }, left: 1, right: 2 },
    { ...leaf(400, 250), split: { kind: 'categorical', feature: 1, codes: [1] }, left: 3, right: 4 },
    { ...leaf(600, 50), split: { kind: 'categorical', feature: 3, codes: [0, 1] }, left: 9, right: 10 },
    { ...leaf(300, 240), split: { kind: 'numeric', feature: 2, bin: 0, threshold: 1800, missingLeft: true }, left: 5, right: 6 },
    leaf(100, 10),
    leaf(50, 10),
    { ...leaf(250, 230), split: { kind: 'numeric', feature: 2, bin: 1, threshold: 2800, missingLeft: false }, left: 7, right: 8 },
    leaf(200, 166),
    leaf(50, 15),
    leaf(500, 25),
    leaf(100, 25),
  ],
  importance: [0.4, 0.3, 0.2, 0.1],
};
const wording = {
  labels: { wap: { en: 'wap', 'zh-CN': 'WAP业务' }, device_price: { en: 'device_price', 'zh-CN': '手机价格' }, region: { en: 'region', 'zh-CN': '地区' } },
  outcome: { positive: { en: 'churn', 'zh-CN': '流失' }, negative: { en: 'stay', 'zh-CN': '留存' } },
};

describe('treeRules', () => {
  const rules = treeRules(tree, encodings);

  it('makes one rule per leaf, merging a feature\'s conditions on the path into a range', () => {
    expect(rules.map((r) => r.leaf)).toEqual([5, 7, 8, 4, 9, 10]);
    expect(rules[1]).toEqual({
      leaf: 7,
      rows: 200,
      positives: 166,
      probability: 0.83,
      conditions: [
        { kind: 'range', feature: 0, max: 26, missing: false },
        { kind: 'categories', feature: 1, allowed: [1] },
        { kind: 'range', feature: 2, min: 1800, max: 2800, missing: false },
      ],
    });
  });

  it('reads in English and Chinese, p being the probability of the positive outcome', () => {
    expect(rules.map((r) => ruleTexts(r, encodings, wording))).toEqual([
      { en: 'IF age < 26 AND wap = yes AND (device_price < 1800 OR device_price is missing) THEN stay, p = 0.20', 'zh-CN': '如果 年龄 < 26 且 WAP业务 = 是 且 （手机价格 < 1800 或 手机价格 缺失） 那么 留存，p = 0.20' },
      { en: 'IF age < 26 AND wap = yes AND 1800 ≤ device_price < 2800 THEN churn, p = 0.83', 'zh-CN': '如果 年龄 < 26 且 WAP业务 = 是 且 1800 ≤ 手机价格 < 2800 那么 流失，p = 0.83' },
      { en: 'IF age < 26 AND wap = yes AND device_price ≥ 2800 THEN stay, p = 0.30', 'zh-CN': '如果 年龄 < 26 且 WAP业务 = 是 且 手机价格 ≥ 2800 那么 留存，p = 0.30' },
      { en: 'IF age < 26 AND wap = no THEN stay, p = 0.10', 'zh-CN': '如果 年龄 < 26 且 WAP业务 = 否 那么 留存，p = 0.10' },
      { en: 'IF age ≥ 26 AND region in {north, south} THEN stay, p = 0.05', 'zh-CN': '如果 年龄 ≥ 26 且 地区 属于 {north、south} 那么 留存，p = 0.05' },
      { en: 'IF age ≥ 26 AND region in {east, (missing)} THEN stay, p = 0.25', 'zh-CN': '如果 年龄 ≥ 26 且 地区 属于 {east、（缺失）} 那么 留存，p = 0.25' },
    ]);
  });

  it('tells categories by their option labels in each language, values without one as stored', () => {
    const regions = { north: { en: 'North', 'zh-CN': '北区' }, east: { en: 'East', 'zh-CN': '东区' } };
    const labelled = { ...wording, optionLabels: { region: regions } };
    expect(ruleTexts(rules[4], encodings, labelled)).toEqual({
      en: 'IF age ≥ 26 AND region in {North, south} THEN stay, p = 0.05',
      'zh-CN': '如果 年龄 ≥ 26 且 地区 属于 {北区、south} 那么 留存，p = 0.05',
    });
    expect(ruleTexts(rules[5], encodings, labelled)).toEqual({
      en: 'IF age ≥ 26 AND region in {East, (missing)} THEN stay, p = 0.25',
      'zh-CN': '如果 年龄 ≥ 26 且 地区 属于 {东区、（缺失）} 那么 留存，p = 0.25',
    });
    // Yes and no stay words of the rule, whatever a field's options say.
    expect(ruleTexts(rules[3], encodings, { ...labelled, optionLabels: { ...labelled.optionLabels, wap: { false: { en: 'Off', 'zh-CN': '关' } } } }).en).toBe('IF age < 26 AND wap = no THEN stay, p = 0.10');
  });

  it('takes the outcome from the threshold', () => {
    expect(ruleTexts(rules[5], encodings, { ...wording, threshold: 0.2 }).en).toMatch(/THEN churn, p = 0.25$/);
  });

  it('reads a single-leaf tree as a rule for any record', () => {
    const stump: DecisionTree = { nodes: [leaf(10, 2)], importance: [0, 0, 0, 0] };
    expect(ruleTexts(treeRules(stump, encodings)[0], encodings, wording)).toEqual({ en: 'IF any record THEN stay, p = 0.20', 'zh-CN': '如果 任意记录 那么 留存，p = 0.20' });
  });
});

describe('recordRule', () => {
  const records = [
    { age: 22, wap: true, device_price: 2100, region: 'north' },
    { age: 22, wap: true, device_price: null, region: 'north' },
    { age: 40, wap: false, device_price: 900, region: 'mars' },
    { age: 22, wap: null, device_price: 900, region: 'south' },
  ];
  const data = encodeRows(records, encodings);
  const text = (row: number) => ruleTexts(recordRule(tree, data, row), encodings, wording);

  it('explains a record by its leaf\'s path', () => {
    expect(recordRule(tree, data, 0).leaf).toBe(7);
    expect(text(0).en).toBe('IF age < 26 AND wap = yes AND 1800 ≤ device_price < 2800 THEN churn, p = 0.83');
  });

  it('says a number is missing when the record lacks it', () => {
    expect(text(1)).toEqual({
      en: 'IF age < 26 AND wap = yes AND device_price is missing THEN stay, p = 0.20',
      'zh-CN': '如果 年龄 < 26 且 WAP业务 = 是 且 手机价格 缺失 那么 留存，p = 0.20',
    });
  });

  it('names the categories a record\'s unseen category is not', () => {
    expect(text(2).en).toBe('IF age ≥ 26 AND region not in {north, south} THEN stay, p = 0.25');
    expect(text(3).en).toBe('IF age < 26 AND wap ≠ yes THEN stay, p = 0.10');
  });

  it('names a record\'s own categories by their option labels', () => {
    const labelled = { ...wording, optionLabels: { region: { north: { en: 'North', 'zh-CN': '北区' }, south: { en: 'South', 'zh-CN': '南区' } } } };
    expect(ruleTexts(recordRule(tree, data, 2), encodings, labelled)).toEqual({
      en: 'IF age ≥ 26 AND region not in {North, South} THEN stay, p = 0.25',
      'zh-CN': '如果 年龄 ≥ 26 且 地区 不属于 {北区、南区} 那么 留存，p = 0.25',
    });
  });
});
