import { describe, expect, it } from 'vitest';
import { associationRules, frequentItemsets, recommender, type FrequentItemsets } from '../../../plugins/analytics/src/engine/index.ts';
import { plantedBaskets } from './synthetic-data.ts';

/** Itemsets by their item names (sorted), with counts. */
const named = (found: FrequentItemsets) =>
  Object.fromEntries(found.itemsets.map((s) => [s.items.map((i) => String(found.items[i])).sort().join('+'), s.count]));

// Five baskets, counted by hand.
const baskets = [
  ['milk', 'bread', 'butter'],
  ['bread', 'butter'],
  ['milk', 'bread'],
  ['milk', 'beer'],
  ['bread', 'butter', 'milk', 'bread'],
];

describe('frequentItemsets', () => {
  it('finds every itemset in at least minSupport of the baskets, counting an item once per basket', () => {
    const found = frequentItemsets(baskets, { minSupport: 0.4 });
    expect(found.minCount).toBe(2);
    // bread and milk are in 4 baskets each: the first seen comes first.
    expect(found.items).toEqual(['milk', 'bread', 'butter']);
    expect(named(found)).toEqual({ bread: 4, milk: 4, butter: 3, 'bread+milk': 3, 'bread+butter': 3, 'butter+milk': 2, 'bread+butter+milk': 2 });
  });

  it('stops at maxLength', () => {
    expect(named(frequentItemsets(baskets, { minSupport: 0.4, maxLength: 1 }))).toEqual({ milk: 4, bread: 4, butter: 3 });
  });

  it('refuses a support outside (0, 1]', () => {
    expect(() => frequentItemsets(baskets, { minSupport: 0 })).toThrow(/minSupport/);
  });
});

describe('associationRules', () => {
  it('gives support, confidence and lift, highest lift first', () => {
    const rules = associationRules(frequentItemsets(baskets, { minSupport: 0.4 }), 0.7);
    const text = rules.map((r) => `${[...r.antecedent].sort()} -> ${[...r.consequent].sort()}`);
    // butter → bread: 3/3 = 1, lift 1 / (4/5) = 1.25; {butter, milk} → bread: 2/2, lift 1.25 (less
    // support); bread → butter: 3/4, lift 0.75 / 0.6 = 1.25; bread → milk and milk → bread: 3/4, lift
    // 0.9375. Below 0.7: {bread, milk} → butter and the others at 2/3.
    expect(text).toEqual(['butter -> bread', 'butter,milk -> bread', 'bread -> butter', 'bread -> milk', 'milk -> bread']);
    expect(rules[0]).toMatchObject({ antecedent: ['butter'], consequent: ['bread'], count: 3, support: 0.6, confidence: 1 });
    expect(rules[0].lift).toBeCloseTo(1.25, 12);
    expect(rules[2]).toMatchObject({ antecedent: ['bread'], consequent: ['butter'], count: 3, support: 0.6, confidence: 0.75 });
    expect(rules[2].lift).toBeCloseTo(1.25, 12);
  });

  it('grows consequents of more than one item', () => {
    const rules = associationRules(frequentItemsets(baskets, { minSupport: 0.4 }), 0.6);
    const butterToBoth = rules.find((r) => r.antecedent.join() === 'butter' && r.consequent.length === 2)!;
    // {bread, butter, milk} in 2 baskets, butter in 3, {bread, milk} in 3 of 5.
    expect([...butterToBoth.consequent].sort()).toEqual(['bread', 'milk']);
    expect(butterToBoth.confidence).toBeCloseTo(2 / 3, 12);
    expect(butterToBoth.lift).toBeCloseTo(2 / 3 / 0.6, 12);
    expect(rules).toHaveLength(9);
  });

  it('finds a planted rule {bread, butter} → jam with its exact support and confidence, lift ≥ 3', () => {
    const planted = plantedBaskets(2000, 4);
    const rules = associationRules(frequentItemsets(planted, { minSupport: 0.02 }), 0.5);
    const rule = rules.find((r) => [...r.antecedent].sort().join() === 'bread,butter' && r.consequent.join() === 'jam')!;
    // 100 baskets of 2,000 hold all three; 125 hold bread and butter; 140 hold jam.
    expect(rule.count).toBe(100);
    expect(rule.support).toBe(0.05);
    expect(rule.confidence).toBe(0.8);
    expect(rule.lift).toBeCloseTo(0.8 / 0.07, 12);
    expect(rule.lift).toBeGreaterThanOrEqual(3);
    expect(rules[0].lift).toBeGreaterThanOrEqual(rule.lift);
  });

  it('is the same for the same baskets in another order', () => {
    const planted = plantedBaskets(500, 2);
    const key = (rules: ReturnType<typeof associationRules>) => rules.map((r) => `${[...r.antecedent].sort()}>${[...r.consequent].sort()}:${r.count}`).sort();
    expect(key(associationRules(frequentItemsets([...planted].reverse(), { minSupport: 0.02 }), 0.3))).toEqual(key(associationRules(frequentItemsets(planted, { minSupport: 0.02 }), 0.3)));
  });
});

describe('recommender', () => {
  const recommend = recommender(associationRules(frequentItemsets(baskets, { minSupport: 0.4 }), 0.6));

  it('offers items not owned, from rules whose antecedent is owned, best lift first', () => {
    const offers = recommend(['milk', 'butter']);
    expect(offers.map((o) => o.item)).toEqual(['bread']);
    // butter → bread (lift 1.25, support 0.6) beats {milk, butter} → bread (lift 1.25, support 0.4).
    expect(offers[0]).toMatchObject({ because: ['butter'], confidence: 1, support: 0.6 });
    expect(offers[0].lift).toBeCloseTo(1.25, 12);
  });

  it('offers nothing from a rule with lift ≤ 1', () => {
    // bread → milk has lift 0.9375.
    expect(recommend(['bread']).map((o) => [o.item, o.because])).toEqual([['butter', ['bread']]]);
  });

  it('offers nothing already owned, nothing without a rule, and no more than asked', () => {
    expect(recommend(['bread', 'butter', 'milk'])).toEqual([]);
    expect(recommend(['beer'])).toEqual([]);
    // butter → bread (1.25), butter → {bread, milk} (1.11): two offers, one when asked for one.
    expect(recommend(['butter']).map((o) => o.item)).toEqual(['bread', 'milk']);
    expect(recommend(['butter'], 1).map((o) => o.item)).toEqual(['bread']);
  });
});
