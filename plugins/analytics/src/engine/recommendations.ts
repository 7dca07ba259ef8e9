import type { AssociationRule } from './association-rules.ts';
import type { ItemId } from './fp-growth.ts';

/**
 * Items to offer a customer who owns some: from the rules whose antecedent the customer owns, each
 * item of the consequent not owned yet, with the best such rule (highest lift). Best lift first.
 * A rule with lift ≤ 1 recommends nothing: owning its antecedent does not make the item likelier.
 */
export interface Recommendation {
  item: ItemId;
  lift: number;
  confidence: number;
  support: number;
  /** The antecedent of the rule that recommends it: what the customer owns that led to it. */
  because: ItemId[];
}

/** Prepared once for many customers: rules by lift, antecedents as sets. */
export function recommender(rules: readonly AssociationRule[]): (owned: Iterable<ItemId>, limit?: number) => Recommendation[] {
  const ordered = rules.filter((rule) => rule.lift > 1).sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || b.support - a.support);
  return (ownedItems, limit = Infinity) => {
    const owned = new Set(ownedItems);
    const picked = new Map<ItemId, Recommendation>();
    for (const rule of ordered) {
      if (picked.size >= limit) break;
      if (!rule.antecedent.every((item) => owned.has(item))) continue;
      for (const item of rule.consequent) {
        if (owned.has(item) || picked.has(item) || picked.size >= limit) continue;
        picked.set(item, { item, lift: rule.lift, confidence: rule.confidence, support: rule.support, because: rule.antecedent });
      }
    }
    return [...picked.values()];
  };
}
