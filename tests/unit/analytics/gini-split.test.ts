import { describe, expect, it } from 'vitest';
import { MISSING_CODE, encodeRows, fitEncodings, trainTree, treeProbabilities } from '../../../plugins/analytics/src/engine/index.ts';
import { bestCategoricalSplit, bestNumericSplit, weightedGini } from '../../../plugins/analytics/src/engine/split-search.ts';

// Hand-computed: weighted gini n·G = 2·p·(n − p)/n; gain = parent − left − right.

/** A histogram of 256 codes from rows and positives per code. */
function histogram(cells: Record<number, [rows: number, positives: number]>) {
  const rows = new Uint32Array(256);
  const positives = new Uint32Array(256);
  for (const [code, [n, p]] of Object.entries(cells)) {
    rows[Number(code)] = n;
    positives[Number(code)] = p;
  }
  return { rows, positives, offset: 0 };
}

describe('gini split search', () => {
  it('weighs gini impurity by rows', () => {
    expect(weightedGini(8, 5)).toBe(3.75);
    expect(weightedGini(4, 4)).toBe(0);
    expect(weightedGini(0, 0)).toBe(0);
  });

  // x = 1..8, y = 0 0 1 0 1 1 1 1: parent 3.75; cutting after 4 rows leaves 1.5 + 0 → gain 2.25, the
  // best (after 2: 0 + 1.667 → 2.083; after 5: 2.4 + 0 → 1.35).
  const eightRows = histogram({ 0: [1, 0], 1: [1, 0], 2: [1, 1], 3: [1, 0], 4: [1, 1], 5: [1, 1], 6: [1, 1], 7: [1, 1] });

  it('picks the numeric cut with the largest gain', () => {
    expect(bestNumericSplit(eightRows, 8, 1)).toEqual({ kind: 'numeric', bin: 3, missingLeft: true, gain: 2.25 });
  });

  it('keeps minLeaf rows on each side', () => {
    // After 2 rows is out with minLeaf 3; after 4 still wins. With minLeaf 5 nothing is left.
    expect(bestNumericSplit(eightRows, 8, 3)?.bin).toBe(3);
    expect(bestNumericSplit(eightRows, 8, 5)).toBeUndefined();
  });

  it('takes the middle cut between two bins with rows', () => {
    const gap = histogram({ 0: [3, 0], 6: [3, 3] });
    expect(bestNumericSplit(gap, 8, 1)).toMatchObject({ bin: 2, gain: 3 });
  });

  it('sends missing values to the side where they gain more', () => {
    // x = 1, 2, 3, missing, missing; y = 0 0 1 1 1: {1, 2} against {3, missing, missing} is pure, gain 2.4.
    const withMissing = histogram({ 0: [1, 0], 1: [1, 0], 2: [1, 1], [MISSING_CODE]: [2, 2] });
    const split = bestNumericSplit(withMissing, 3, 1)!;
    expect(split).toMatchObject({ bin: 1, missingLeft: false });
    expect(split.gain).toBeCloseTo(2.4, 12);
  });

  it('splits categories as a prefix of their order by rate of positives', () => {
    // a: 2 rows 0 positive, b: 4 rows 3, c: 2 rows 1; parent 4. {a} | {c, b}: 0 + 2.667 → gain 1.333;
    // {a, c} | {b}: 1.5 + 1.5 → gain 1.
    const categories = histogram({ 0: [2, 0], 1: [4, 3], 2: [2, 1] });
    const split = bestCategoricalSplit(categories, 3, 1)!;
    expect(split.codes).toEqual([0]);
    expect(split.gain).toBeCloseTo(4 / 3, 12);
  });

  it('finds no split in a single category', () => {
    expect(bestCategoricalSplit(histogram({ 1: [5, 2] }), 3, 1)).toBeUndefined();
  });
});

describe('trainTree on a hand-computed case', () => {
  const rows = [0, 0, 1, 0, 1, 1, 1, 1].map((y, i) => ({ x: i + 1, noise: i % 2 === 0 ? 'a' : 'b', y }));
  const encodings = fitEncodings(rows, [{ name: 'x', kind: 'numeric' }, { name: 'noise', kind: 'categorical' }]);
  const data = encodeRows(rows, encodings);
  const target = Uint8Array.from(rows, (r) => r.y);
  const all = Uint32Array.from(rows.keys());

  it('splits at x < 5 with leaf probabilities 1/4 and 4/4, threshold in original units', () => {
    const tree = trainTree(data, target, all, { maxDepth: 1, minLeaf: 1 });
    expect(tree.nodes[0].split).toEqual({ kind: 'numeric', feature: 0, bin: 3, threshold: 5, missingLeft: true });
    expect(tree.nodes[0].gain).toBe(2.25);
    expect(tree.nodes.slice(1).map((n) => [n.rows, n.positives, n.probability])).toEqual([[4, 1, 0.25], [4, 4, 1]]);
    expect(tree.importance).toEqual([1, 0]);
    expect([...treeProbabilities(tree, data)]).toEqual([0.25, 0.25, 0.25, 0.25, 1, 1, 1, 1]);
  });

  it('stays a single leaf when minLeaf leaves no split, or at depth 0', () => {
    for (const params of [{ maxDepth: 3, minLeaf: 5 }, { maxDepth: 0, minLeaf: 1 }]) {
      const tree = trainTree(data, target, all, params);
      expect(tree.nodes).toEqual([{ rows: 8, positives: 5, probability: 0.625 }]);
      expect(tree.importance).toEqual([0, 0]);
    }
  });

  it('grows until the leaves are pure', () => {
    const tree = trainTree(data, target, all, { maxDepth: 10, minLeaf: 1 });
    const leaves = tree.nodes.filter((n) => !n.split);
    for (const leaf of leaves) expect([0, 1]).toContain(leaf.probability);
    expect(leaves.reduce((sum, leaf) => sum + leaf.rows, 0)).toBe(8);
  });

  it('counts a row drawn twice (a bootstrap sample) twice', () => {
    const tree = trainTree(data, target, Uint32Array.from([0, 0, 0, 7]), { maxDepth: 1, minLeaf: 1 });
    expect(tree.nodes.slice(1).map((n) => [n.rows, n.positives])).toEqual([[3, 0], [1, 1]]);
  });
});
