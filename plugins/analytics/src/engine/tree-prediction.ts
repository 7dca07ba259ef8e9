import type { DecisionTree } from './decision-tree.ts';
import { leftTest } from './decision-tree.ts';
import type { EncodedDataset } from './encode-rows.ts';

/** For each node of a tree, its left test on this data set (leaves: undefined). */
function compiledTests(tree: DecisionTree, data: EncodedDataset) {
  return tree.nodes.map((node) => (node.split ? leftTest(node.split, data) : undefined));
}

/** The leaf each row of the data set lands in. */
export function treeLeaves(tree: DecisionTree, data: EncodedDataset): Uint32Array {
  const tests = compiledTests(tree, data);
  const leaves = new Uint32Array(data.rowCount);
  for (let row = 0; row < data.rowCount; row++) {
    let at = 0;
    for (let test = tests[0]; test; test = tests[at]) at = test(row) ? tree.nodes[at].left! : tree.nodes[at].right!;
    leaves[row] = at;
  }
  return leaves;
}

/** The probability of the positive class per row: its leaf's. */
export function treeProbabilities(tree: DecisionTree, data: EncodedDataset): Float64Array {
  const leaves = treeLeaves(tree, data);
  const probabilities = new Float64Array(data.rowCount);
  for (let row = 0; row < data.rowCount; row++) probabilities[row] = tree.nodes[leaves[row]].probability;
  return probabilities;
}

/** The splits from the root to the leaf of one row, with the direction taken at each, and the leaf. */
export function treePath(tree: DecisionTree, data: EncodedDataset, row: number): { steps: { node: number; left: boolean }[]; leaf: number } {
  const steps: { node: number; left: boolean }[] = [];
  let at = 0;
  while (tree.nodes[at].split) {
    const left = leftTest(tree.nodes[at].split!, data)(row);
    steps.push({ node: at, left });
    at = left ? tree.nodes[at].left! : tree.nodes[at].right!;
  }
  return { steps, leaf: at };
}
