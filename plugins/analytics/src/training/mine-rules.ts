import { associationRules, frequentItemsets, type AssociationRule, type ItemId } from '../engine/index.ts';

export interface AssociationTask {
  kind: 'association';
  transactions: ItemId[][];
  options: { minSupport: number; minConfidence: number; maxLength: number };
}

export interface AssociationModel {
  kind: 'association';
  transactionCount: number;
  frequentItems: number;
  itemsets: number;
  /** Best lift first, at most MAX_RULES. */
  rules: AssociationRule[];
  /** Rules found before the cut. */
  ruleCount: number;
}

/** Rules kept with a run; a lower support or a higher confidence keeps fewer. */
export const MAX_RULES = 5000;

export function mineRules(task: AssociationTask, report: (share: number) => void): AssociationModel {
  const frequent = frequentItemsets(task.transactions, { minSupport: task.options.minSupport, maxLength: task.options.maxLength });
  report(0.7);
  const rules = associationRules(frequent, task.options.minConfidence);
  report(1);
  return { kind: 'association', transactionCount: frequent.transactionCount, frequentItems: frequent.items.length, itemsets: frequent.itemsets.length, rules: rules.slice(0, MAX_RULES), ruleCount: rules.length };
}
