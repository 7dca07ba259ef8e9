import { MISSING_CODE } from './feature-encoding.ts';
import type { EncodedDataset } from './encode-rows.ts';
import { seededRandom, seededShuffle, type SeededRandom } from './seeded-random.ts';
import { bestCategoricalSplit, bestNumericSplit, type Histogram, type SplitChoice } from './split-search.ts';

/**
 * A CART classification tree for a binary target on histograms of the encoded features: each node
 * counts rows and positives per code of every feature, finds the best gini split, and hands one
 * child a histogram built from its rows and the other its parent's minus its sibling's.
 */
export interface TreeParams {
  /** The root is at depth 0; a node at maxDepth is a leaf. */
  maxDepth: number;
  /** Every leaf keeps at least this many training rows. */
  minLeaf: number;
  /** Features tried at each split, drawn anew per node (the forest's feature subsampling); all when absent. */
  featuresPerSplit?: number;
  /** Draws the features per split; any seed when featuresPerSplit is absent. */
  seed?: number;
}

export type TreeSplit =
  | { kind: 'numeric'; feature: number; bin: number; threshold: number; missingLeft: boolean }
  | { kind: 'categorical'; feature: number; codes: number[] };

export interface TreeNode {
  rows: number;
  positives: number;
  /** Of the positive class, among the node's training rows. */
  probability: number;
  /** Split nodes only. */
  split?: TreeSplit;
  left?: number;
  right?: number;
  /** The weighted gini decrease of the split. */
  gain?: number;
}

export interface DecisionTree {
  /** nodes[0] is the root; children come after their parent. */
  nodes: TreeNode[];
  /** Per feature: its share of the impurity decrease (sums to 1 unless the tree is a single leaf). */
  importance: number[];
}

const CODES = 256;

interface PendingNode {
  node: number;
  start: number;
  end: number;
  depth: number;
  positives: number;
  /** Absent for a node that cannot be split (at maxDepth, too small or pure): it stays a leaf. */
  histogram?: { rows: Uint32Array; positives: Uint32Array };
}

type NodeHistogram = NonNullable<PendingNode['histogram']>;

export function trainTree(data: EncodedDataset, target: Uint8Array, rows: Uint32Array, params: TreeParams): DecisionTree {
  const featureCount = data.columns.length;
  const order = Uint32Array.from(rows);
  const minLeaf = Math.max(1, params.minLeaf);
  const random = seededRandom(params.seed ?? 0);
  const featuresPerSplit = Math.min(featureCount, params.featuresPerSplit ?? featureCount);
  const binCounts = data.columns.map((c) => (c.encoding.kind === 'numeric' ? c.encoding.cuts.length + 1 : c.encoding.categories.length));
  const spare: NodeHistogram[] = [];
  const newHistogram = () => spare.pop() ?? { rows: new Uint32Array(featureCount * CODES), positives: new Uint32Array(featureCount * CODES) };

  const fill = (histogram: NodeHistogram, start: number, end: number) => {
    histogram.rows.fill(0);
    histogram.positives.fill(0);
    for (let f = 0; f < featureCount; f++) {
      const codes = data.columns[f].codes;
      const base = f * CODES;
      for (let i = start; i < end; i++) {
        const row = order[i];
        const at = base + codes[row];
        histogram.rows[at]++;
        histogram.positives[at] += target[row];
      }
    }
  };

  const nodes: TreeNode[] = [];
  const importance = new Array<number>(featureCount).fill(0);
  const newNode = (rowCount: number, positives: number) => {
    nodes.push({ rows: rowCount, positives, probability: rowCount ? positives / rowCount : 0 });
    return nodes.length - 1;
  };

  let rootPositives = 0;
  for (const row of order) rootPositives += target[row];
  const rootHistogram = newHistogram();
  fill(rootHistogram, 0, order.length);
  const stack: PendingNode[] = [{ node: newNode(order.length, rootPositives), start: 0, end: order.length, depth: 0, positives: rootPositives, histogram: rootHistogram }];

  const splittable = (depth: number, size: number, positives: number) => depth < params.maxDepth && size >= 2 * minLeaf && positives > 0 && positives < size;

  while (stack.length) {
    const pending = stack.pop()!;
    const { start, end, depth, positives, histogram } = pending;
    if (!histogram) continue;
    const split = splittable(depth, end - start, positives)
      ? bestSplit(histogram, candidateFeatures(featureCount, featuresPerSplit, random), data, binCounts, minLeaf)
      : undefined;
    if (!split) {
      spare.push(histogram);
      continue;
    }
    const goesLeft = leftCodeTable(split.split);
    const codes = data.columns[split.split.feature].codes;
    // Partition the node's rows in place: left rows first.
    let middle = start;
    let leftPositives = 0;
    for (let i = start; i < end; i++) {
      const row = order[i];
      if (goesLeft[codes[row]]) {
        order[i] = order[middle];
        order[middle++] = row;
        leftPositives += target[row];
      }
    }
    const node = nodes[pending.node];
    node.split = split.split;
    node.gain = split.gain;
    importance[split.split.feature] += split.gain;
    node.left = newNode(middle - start, leftPositives);
    node.right = newNode(end - middle, positives - leftPositives);

    // The smaller child's histogram is counted from its rows; the larger one's is the parent's minus
    // it. A child that cannot be split needs none.
    const left: PendingNode = { node: node.left, start, end: middle, depth: depth + 1, positives: leftPositives };
    const right: PendingNode = { node: node.right, start: middle, end, depth: depth + 1, positives: positives - leftPositives };
    const [smaller, larger] = middle - start <= end - middle ? [left, right] : [right, left];
    const smallerSplits = splittable(smaller.depth, smaller.end - smaller.start, smaller.positives);
    const largerSplits = splittable(larger.depth, larger.end - larger.start, larger.positives);
    if (smallerSplits || largerSplits) {
      smaller.histogram = newHistogram();
      fill(smaller.histogram, smaller.start, smaller.end);
    }
    if (largerSplits) {
      for (let i = 0; i < histogram.rows.length; i++) {
        histogram.rows[i] -= smaller.histogram!.rows[i];
        histogram.positives[i] -= smaller.histogram!.positives[i];
      }
      larger.histogram = histogram;
    } else {
      spare.push(histogram);
    }
    if (!smallerSplits && smaller.histogram) {
      spare.push(smaller.histogram);
      smaller.histogram = undefined;
    }
    stack.push(right, left);
  }
  const total = importance.reduce((sum, g) => sum + g, 0);
  return { nodes, importance: importance.map((g) => (total > 0 ? g / total : 0)) };
}

function candidateFeatures(featureCount: number, featuresPerSplit: number, random: SeededRandom): number[] {
  const all = Array.from({ length: featureCount }, (_, f) => f);
  if (featuresPerSplit >= featureCount) return all;
  return seededShuffle(all, random).slice(0, featuresPerSplit).sort((a, b) => a - b);
}

function bestSplit(
  histogram: NodeHistogram,
  features: number[],
  data: EncodedDataset,
  binCounts: number[],
  minLeaf: number,
): { split: TreeSplit; gain: number } | undefined {
  let best: { choice: SplitChoice; feature: number } | undefined;
  for (const feature of features) {
    const slice: Histogram = { rows: histogram.rows, positives: histogram.positives, offset: feature * CODES };
    const choice = data.columns[feature].encoding.kind === 'numeric'
      ? bestNumericSplit(slice, binCounts[feature], minLeaf)
      : bestCategoricalSplit(slice, binCounts[feature], minLeaf);
    if (choice && (!best || choice.gain > best.choice.gain)) best = { choice, feature };
  }
  if (!best) return undefined;
  const { choice, feature } = best;
  if (choice.kind === 'categorical') return { split: { kind: 'categorical', feature, codes: choice.codes }, gain: choice.gain };
  const encoding = data.columns[feature].encoding;
  const threshold = encoding.kind === 'numeric' ? encoding.cuts[choice.bin] : NaN;
  return { split: { kind: 'numeric', feature, bin: choice.bin, threshold, missingLeft: choice.missingLeft }, gain: choice.gain };
}

/** For each of the 256 codes of the split's feature, 1 when a row with that code goes left. */
export function leftCodeTable(split: TreeSplit): Uint8Array {
  const table = new Uint8Array(CODES);
  if (split.kind === 'numeric') {
    table.fill(1, 0, split.bin + 1);
    table[MISSING_CODE] = split.missingLeft ? 1 : 0;
  } else {
    for (const code of split.codes) table[code] = 1;
  }
  return table;
}
