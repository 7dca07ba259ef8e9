import { trainTree, type DecisionTree, type TreeParams } from './decision-tree.ts';
import type { EncodedDataset } from './encode-rows.ts';
import { bootstrapIndices, seededRandom } from './seeded-random.ts';
import { treeProbabilities } from './tree-prediction.ts';

/**
 * A random forest: each tree learns from a bootstrap sample of the training rows and tries a random
 * subset of the features at each split; the forest's probability is the trees' mean.
 */
export interface ForestParams extends Omit<TreeParams, 'seed'> {
  trees: number;
  seed: number;
}

export interface RandomForest {
  trees: DecisionTree[];
  /** The trees' importances, averaged (sums to 1). */
  importance: number[];
}

/** The usual choice for classification: √(number of features), rounded up. */
export const defaultFeaturesPerSplit = (featureCount: number) => Math.max(1, Math.ceil(Math.sqrt(featureCount)));

export function trainForest(data: EncodedDataset, target: Uint8Array, rows: Uint32Array, params: ForestParams): RandomForest {
  const random = seededRandom(params.seed);
  const featuresPerSplit = params.featuresPerSplit ?? defaultFeaturesPerSplit(data.columns.length);
  const trees: DecisionTree[] = [];
  for (let t = 0; t < params.trees; t++) {
    const treeRandom = seededRandom(random.fork());
    const sample = bootstrapIndices(rows.length, treeRandom);
    for (let i = 0; i < sample.length; i++) sample[i] = rows[sample[i]];
    trees.push(trainTree(data, target, sample, { ...params, featuresPerSplit, seed: treeRandom.fork() }));
  }
  const importance = new Array<number>(data.columns.length).fill(0);
  for (const tree of trees) tree.importance.forEach((share, f) => (importance[f] += share / trees.length));
  const total = importance.reduce((sum, share) => sum + share, 0);
  return { trees, importance: importance.map((share) => (total > 0 ? share / total : 0)) };
}

export function forestProbabilities(forest: RandomForest, data: EncodedDataset): Float64Array {
  const mean = new Float64Array(data.rowCount);
  for (const tree of forest.trees) {
    const probabilities = treeProbabilities(tree, data);
    for (let row = 0; row < data.rowCount; row++) mean[row] += probabilities[row] / forest.trees.length;
  }
  return mean;
}
