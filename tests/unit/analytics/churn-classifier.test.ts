import { describe, expect, it } from 'vitest';
import {
  binaryTarget, classificationMetrics, confusionMatrix, encodeRows, fitEncodings, forestProbabilities, recordRule, rocAuc,
  ruleTexts, stratifiedSplit, trainForest, trainTree, treeProbabilities, treeRules, type RangeCondition,
} from '../../../plugins/analytics/src/engine/index.ts';
import { TELECOM_FEATURES, telecomChurnRows } from './synthetic-data.ts';

// The thesis's telecom example, planted in synthetic customers: the tree and the forest must find it.
const rows = telecomChurnRows(4000, 7);
const encodings = fitEncodings(rows, TELECOM_FEATURES);
const data = encodeRows(rows, encodings);
const target = binaryTarget(rows, 'churn');
const { train, test } = stratifiedSplit(target, 0.25, 1);
const heldOut = (probabilities: Float64Array) => {
  const actual = Array.from(test, (i) => target[i]);
  const predicted = Array.from(test, (i) => probabilities[i]);
  return { ...classificationMetrics(confusionMatrix(actual, predicted, 0.5)), auc: rocAuc(actual, predicted)! };
};
const PROFILE = ['age', 'wap', 'device_price', 'monthly_spend'];
const topFeatures = (importance: number[], count: number) =>
  importance.map((share, f) => [TELECOM_FEATURES[f].name, share] as const).sort((a, b) => b[1] - a[1]).slice(0, count).map(([name]) => name);
const wording = { outcome: { positive: { en: 'churn', 'zh-CN': '流失' }, negative: { en: 'stay', 'zh-CN': '留存' } } };

describe('decision tree on the telecom churn profile', () => {
  const tree = trainTree(data, target, train, { maxDepth: 6, minLeaf: 10 });

  it('predicts held-out customers with accuracy ≥ 0.9', () => {
    const metrics = heldOut(treeProbabilities(tree, data));
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(metrics.auc).toBeGreaterThanOrEqual(0.9);
  });

  it('splits on the profile\'s features at the root and in its strongest splits, and ranks them first by importance', () => {
    expect(PROFILE).toContain(TELECOM_FEATURES[tree.nodes[0].split!.feature].name);
    const strongest = tree.nodes.filter((n) => n.split).sort((a, b) => b.gain! - a.gain!).slice(0, 5);
    for (const node of strongest) expect(PROFILE).toContain(TELECOM_FEATURES[node.split!.feature].name);
    expect(topFeatures(tree.importance, 4).sort()).toEqual([...PROFILE].sort());
    expect(tree.importance.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
  });

  it('has the profile as its rule for leavers: under 26, WAP, handset 1,800–2,800, spend 250–350', () => {
    const leavers = treeRules(tree, encodings).filter((r) => r.rows >= 50).sort((a, b) => b.probability - a.probability)[0];
    expect(leavers.probability).toBeGreaterThan(0.9);
    const condition = (name: string) => leavers.conditions.find((c) => TELECOM_FEATURES[c.feature].name === name);
    expect(condition('age')).toMatchObject({ kind: 'range', max: 26 });
    expect(condition('age')).not.toHaveProperty('min');
    expect(condition('wap')).toEqual({ kind: 'categories', feature: 1, allowed: [1] });
    const price = condition('device_price') as RangeCondition;
    expect(Math.abs(price.min! - 1800)).toBeLessThan(50);
    expect(Math.abs(price.max! - 2800)).toBeLessThan(50);
    const spend = condition('monthly_spend') as RangeCondition;
    expect(Math.abs(spend.min! - 250)).toBeLessThan(15);
    expect(Math.abs(spend.max! - 350)).toBeLessThan(15);
    expect(leavers.conditions).toHaveLength(4);

    const text = ruleTexts(leavers, encodings, wording);
    for (const part of [/^IF /, /age < 26/, /wap = yes/, /\d+(\.\d+)? ≤ device_price < \d+(\.\d+)?/, /\d+(\.\d+)? ≤ monthly_spend < \d+(\.\d+)?/, /THEN churn, p = 0\.9\d$/]) expect(text.en).toMatch(part);
    for (const part of [/^如果 /, /年龄 < 26/, /WAP业务 = 是/, / ≤ 手机价格 < /, / ≤ 月消费 < /, /那么 流失，p = 0\.9\d$/]) expect(text['zh-CN']).toMatch(part);

    const profileCustomer = rows.findIndex((r) => r.churn && r.age === 20 && r.wap && Number(r.device_price) > 2000 && Number(r.device_price) < 2600 && Number(r.monthly_spend) > 280 && Number(r.monthly_spend) < 320);
    expect(recordRule(tree, data, profileCustomer)).toEqual(leavers);
  });

  it('is the same tree for the same seed when features are drawn per split', () => {
    const params = { maxDepth: 6, minLeaf: 10, featuresPerSplit: 3, seed: 5 };
    expect(trainTree(data, target, train, params)).toEqual(trainTree(data, target, train, params));
    expect(trainTree(data, target, train, params)).not.toEqual(trainTree(data, target, train, { ...params, seed: 6 }));
  });
});

describe('random forest on the telecom churn profile', () => {
  const params = { trees: 20, maxDepth: 8, minLeaf: 5, seed: 3 };
  const forest = trainForest(data, target, train, params);

  it('predicts held-out customers with accuracy ≥ 0.9 and ranks the profile\'s features first', () => {
    const metrics = heldOut(forestProbabilities(forest, data));
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(metrics.auc).toBeGreaterThanOrEqual(0.95);
    expect(forest.trees).toHaveLength(20);
    expect(topFeatures(forest.importance, 4).sort()).toEqual([...PROFILE].sort());
  });

  it('grows different trees (bootstrap and features per split)', () => {
    expect(forest.trees[0]).not.toEqual(forest.trees[1]);
    expect(forest.trees[0].nodes[0].rows).toBe(train.length);
  });

  it('is the same forest for the same seed, another for another', () => {
    const small = { ...params, trees: 3 };
    expect(trainForest(data, target, train, small)).toEqual(trainForest(data, target, train, small));
    expect(trainForest(data, target, train, small)).not.toEqual(trainForest(data, target, train, { ...small, seed: 4 }));
  });
});
