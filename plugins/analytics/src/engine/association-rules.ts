import { itemsetKey, type FrequentItemsets, type ItemId } from './fp-growth.ts';

/**
 * Rules X → Y from the frequent itemsets: support = share of transactions with X ∪ Y, confidence =
 * support(X ∪ Y) / support(X), lift = confidence / support(Y). Consequents grow one item at a time
 * and only from consequents that passed: moving an item from X to Y never raises the confidence.
 */
export interface AssociationRule {
  antecedent: ItemId[];
  consequent: ItemId[];
  /** Transactions holding every item of the rule. */
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

/** Ordered: highest lift first, then confidence, then support. */
export function associationRules(frequent: FrequentItemsets, minConfidence: number): AssociationRule[] {
  const { counts, transactionCount, items } = frequent;
  const rules: AssociationRule[] = [];
  for (const { items: itemset, count } of frequent.itemsets) {
    if (itemset.length < 2) continue;
    let consequents: number[][] = itemset.map((item) => [item]);
    while (consequents.length && consequents[0].length < itemset.length) {
      const passed: number[][] = [];
      for (const consequent of consequents) {
        const inConsequent = new Set(consequent);
        const antecedent = itemset.filter((item) => !inConsequent.has(item));
        const confidence = count / counts.get(itemsetKey(antecedent))!;
        if (confidence < minConfidence) continue;
        passed.push(consequent);
        const consequentSupport = counts.get(itemsetKey(consequent))! / transactionCount;
        rules.push({
          antecedent: antecedent.map((i) => items[i]),
          consequent: consequent.map((i) => items[i]),
          count,
          support: count / transactionCount,
          confidence,
          lift: confidence / consequentSupport,
        });
      }
      consequents = widerConsequents(passed);
    }
  }
  return rules.sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || b.support - a.support || compareItems(a.antecedent, b.antecedent) || compareItems(a.consequent, b.consequent));
}

const compareItems = (a: ItemId[], b: ItemId[]) => String(a).localeCompare(String(b));

/** Consequents one item longer whose every one-shorter part passed (apriori-gen on sorted lists). */
function widerConsequents(passed: number[][]): number[][] {
  const known = new Set(passed.map(itemsetKey));
  const wider: number[][] = [];
  for (let i = 0; i < passed.length; i++) {
    for (let j = i + 1; j < passed.length; j++) {
      const a = passed[i];
      const b = passed[j];
      const last = a.length - 1;
      if (!a.slice(0, last).every((item, k) => item === b[k])) continue;
      const joined = a[last] < b[last] ? [...a, b[last]] : [...b.slice(0, last), b[last], a[last]];
      const allPassed = joined.every((_, drop) => known.has(itemsetKey(joined.filter((__, k) => k !== drop))));
      if (allPassed) wider.push(joined);
    }
  }
  return wider;
}
