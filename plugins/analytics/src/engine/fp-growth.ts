import { FpTree } from './fp-tree.ts';

/**
 * Frequent itemsets by FP-growth: one pass counts the items, a second builds an FP-tree of each
 * transaction's frequent items (most frequent first), and the tree is mined item by item through
 * conditional trees, never holding more than one path of them at a time.
 */
export type ItemId = string | number;

export interface FrequentItemsets {
  transactionCount: number;
  /** Transactions an itemset must be in: ceil(minSupport × transactionCount). */
  minCount: number;
  /** The frequent items, most frequent first; an itemset names items by position in this list. */
  items: ItemId[];
  /** Each frequent itemset (positions into `items`, ascending) and its count. */
  itemsets: { items: number[]; count: number }[];
  /** Count by itemset key (`itemsetKey`), for rules. */
  counts: Map<string, number>;
}

export interface FpGrowthOptions {
  /** Share of transactions, in (0, 1]. */
  minSupport: number;
  /** Largest itemset wanted (all sizes when absent). */
  maxLength?: number;
}

export const itemsetKey = (items: readonly number[]) => items.join(',');

export function frequentItemsets(transactions: readonly (readonly ItemId[])[], options: FpGrowthOptions): FrequentItemsets {
  if (!(options.minSupport > 0 && options.minSupport <= 1)) throw new Error(`minSupport must be in (0, 1], not ${options.minSupport}`);
  const transactionCount = transactions.length;
  const minCount = Math.max(1, Math.ceil(options.minSupport * transactionCount - 1e-9));
  const maxLength = options.maxLength ?? Infinity;

  // Pass 1: items to dense ids, and the number of transactions each is in.
  const idOf = new Map<ItemId, number>();
  const names: ItemId[] = [];
  const counts: number[] = [];
  const lastSeen: number[] = [];
  transactions.forEach((transaction, t) => {
    for (const item of transaction) {
      let id = idOf.get(item);
      if (id === undefined) {
        id = names.length;
        idOf.set(item, id);
        names.push(item);
        counts.push(0);
        lastSeen.push(-1);
      }
      if (lastSeen[id] !== t) {
        lastSeen[id] = t;
        counts[id]++;
      }
    }
  });
  const frequent = names.map((_, id) => id).filter((id) => counts[id] >= minCount).sort((a, b) => counts[b] - counts[a] || a - b);
  const rankOf = new Int32Array(names.length).fill(-1);
  frequent.forEach((id, rank) => (rankOf[id] = rank));

  // Pass 2: the tree.
  const tree = new FpTree(frequent.length, 1024);
  const buffer = new Int32Array(frequent.length);
  const inTransaction = new Int32Array(frequent.length).fill(-1);
  transactions.forEach((transaction, t) => {
    let length = 0;
    for (const item of transaction) {
      const rank = rankOf[idOf.get(item)!];
      if (rank >= 0 && inTransaction[rank] !== t) {
        inTransaction[rank] = t;
        buffer[length++] = rank;
      }
    }
    if (length) tree.insert(buffer.subarray(0, length).sort(), length, 1);
  });

  const itemsets: FrequentItemsets['itemsets'] = [];
  const itemsetCounts = new Map<string, number>();
  mine(tree, Int32Array.from(frequent, (_, rank) => rank), [], minCount, maxLength, (items, count) => {
    itemsets.push({ items, count });
    itemsetCounts.set(itemsetKey(items), count);
  });
  return { transactionCount, minCount, items: frequent.map((id) => names[id]), itemsets, counts: itemsetCounts };
}

/**
 * Every frequent itemset of the tree, each joined to the suffix. `ranks` maps the tree's local items
 * to global ranks; local order follows global order, so paths stay ascending in both.
 */
function mine(tree: FpTree, ranks: Int32Array, suffix: number[], minCount: number, maxLength: number, emit: (items: number[], count: number) => void): void {
  const path = new Int32Array(tree.itemCount);
  for (let item = tree.itemCount - 1; item >= 0; item--) {
    const support = tree.itemTotal[item];
    if (support < minCount) continue;
    const itemset = [ranks[item], ...suffix];
    emit(itemset, support);
    if (itemset.length >= maxLength || item === 0) continue;

    // The conditional pattern base: the paths above the item's nodes, each counted as the node.
    const baseCounts = new Float64Array(item);
    for (let node = tree.head[item]; node !== -1; node = tree.nextSame[node]) {
      const count = tree.count[node];
      for (let up = tree.parent[node]; up !== 0; up = tree.parent[up]) baseCounts[tree.item[up]] += count;
    }
    const localOf = new Int32Array(item).fill(-1);
    const conditionalRanks: number[] = [];
    for (let above = 0; above < item; above++) {
      if (baseCounts[above] >= minCount) {
        localOf[above] = conditionalRanks.length;
        conditionalRanks.push(ranks[above]);
      }
    }
    if (!conditionalRanks.length) continue;
    const conditional = new FpTree(conditionalRanks.length);
    for (let node = tree.head[item]; node !== -1; node = tree.nextSame[node]) {
      let length = 0;
      for (let up = tree.parent[node]; up !== 0; up = tree.parent[up]) {
        const local = localOf[tree.item[up]];
        if (local >= 0) path[length++] = local;
      }
      if (length) conditional.insert(path.subarray(0, length).reverse(), length, tree.count[node]);
    }
    mine(conditional, Int32Array.from(conditionalRanks), itemset, minCount, maxLength, emit);
  }
}
