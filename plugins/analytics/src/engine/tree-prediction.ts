import { leftCodeTable, type DecisionTree } from './decision-tree.ts';
import type { EncodedDataset } from './encode-rows.ts';

const CODES = 256;

/** The tree as flat arrays: per node its feature, children and 256-code left table (leaves: feature −1). */
function compiled(tree: DecisionTree) {
  const count = tree.nodes.length;
  const feature = new Int32Array(count).fill(-1);
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const goesLeft = new Uint8Array(count * CODES);
  tree.nodes.forEach((node, at) => {
    if (!node.split) return;
    feature[at] = node.split.feature;
    left[at] = node.left!;
    right[at] = node.right!;
    goesLeft.set(leftCodeTable(node.split), at * CODES);
  });
  return { feature, left, right, goesLeft };
}

/** The leaf each row of the data set lands in. */
export function treeLeaves(tree: DecisionTree, data: EncodedDataset): Uint32Array {
  const { feature, left, right, goesLeft } = compiled(tree);
  const columns = data.columns.map((c) => c.codes);
  const leaves = new Uint32Array(data.rowCount);
  for (let row = 0; row < data.rowCount; row++) {
    let at = 0;
    for (let f = feature[0]; f >= 0; f = feature[at]) at = goesLeft[at * CODES + columns[f][row]] ? left[at] : right[at];
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
  for (let split = tree.nodes[0].split; split; split = tree.nodes[at].split) {
    const left = leftCodeTable(split)[data.columns[split.feature].codes[row]] === 1;
    steps.push({ node: at, left });
    at = left ? tree.nodes[at].left! : tree.nodes[at].right!;
  }
  return { steps, leaf: at };
}
