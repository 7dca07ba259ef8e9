import {
  classificationMetrics, confusionMatrix, encodeRows, fitEncodings, forestProbabilities, recordRule, rocAuc, rocCurve, ruleTexts,
  stratifiedSplit, trainForest, trainTree, treeProbabilities, treeRules,
  type ClassificationMetrics, type ConfusionMatrix, type FeatureRow, type FeatureSpec, type LocalText, type RocPoint, type RuleWording,
} from '../engine/index.ts';

export interface ClassifierTask {
  kind: 'classifier';
  /**
   * The feature values of every record in scope, one array per feature in the order of `features`:
   * arrays of plain values cross to the worker thread much faster than one object per record.
   */
  columns: unknown[][];
  /** Per row: 1 yes, 0 no, null when the outcome is not known (scored, not learnt from). */
  outcomes: (0 | 1 | null)[];
  features: FeatureSpec[];
  params: { algorithm: 'tree' | 'forest'; maxDepth: number; minLeaf: number; testShare: number; seed: number; threshold: number; trees: number; maxBins?: number };
  wording: RuleWording;
}

export interface ClassifierModel {
  kind: 'classifier';
  trainingRows: number;
  testRows: number;
  /** Measured on the held-out test rows at the threshold. */
  metrics: ClassificationMetrics;
  confusionMatrix: ConfusionMatrix;
  auc: number | null;
  roc: RocPoint[];
  /** Share of the model's impurity decrease per feature, in the order of the features. */
  importance: number[];
  /** The explaining tree's leaves as rules, most likely yes first. */
  rules: { text: LocalText; rows: number; positives: number; probability: number }[];
  /** Per row: the probability of yes. */
  probabilities: Float64Array;
  /** Per row: its own rule, an index into recordRules. */
  ruleOfRow: Uint32Array;
  recordRules: LocalText[];
}

/** At most this many points of the ROC curve are kept (evenly spaced along it). */
const ROC_POINTS = 200;

const thinned = <T>(points: T[], most: number): T[] => (points.length <= most ? points : Array.from({ length: most }, (_, i) => points[Math.round((i * (points.length - 1)) / (most - 1))]));

/**
 * Trains on the records with a known outcome (a stratified share held out to measure the model),
 * then scores every record. A forest's rules come from a single tree trained on the same rows,
 * which explains the forest's probabilities in words.
 */
export function trainClassifier(task: ClassifierTask, report: (share: number) => void): ClassifierModel | { problem: LocalText } {
  const rows: FeatureRow[] = task.outcomes.map((_, row) => Object.fromEntries(task.features.map((feature, f) => [feature.name, task.columns[f][row]])));
  const labelled = task.outcomes.flatMap((o, i) => (o === null ? [] : [i]));
  const positives = labelled.filter((i) => task.outcomes[i] === 1).length;
  if (labelled.length < 10 || positives === 0 || positives === labelled.length) {
    return { problem: { en: `A classifier needs at least 10 records with a known outcome, both yes and no; there are ${labelled.length}, ${positives} of them yes.`, 'zh-CN': `分类器至少需要 10 条结果已知的记录，且是与否都要有；现有 ${labelled.length} 条，其中“是” ${positives} 条。` } };
  }
  const encodings = fitEncodings(labelled.map((i) => rows[i]), task.features, { maxBins: task.params.maxBins });
  const data = encodeRows(rows, encodings);
  const target = Uint8Array.from(task.outcomes, (o) => (o === 1 ? 1 : 0));
  const split = stratifiedSplit(Uint8Array.from(labelled, (i) => target[i]), task.params.testShare, task.params.seed);
  const train = Uint32Array.from(split.train, (j) => labelled[j]);
  const test = Uint32Array.from(split.test, (j) => labelled[j]);
  report(0.1);

  const treeParams = { maxDepth: task.params.maxDepth, minLeaf: task.params.minLeaf, seed: task.params.seed };
  const tree = trainTree(data, target, train, treeParams);
  report(task.params.algorithm === 'forest' ? 0.2 : 0.6);
  const forest = task.params.algorithm === 'forest' ? trainForest(data, target, train, { ...treeParams, trees: task.params.trees }) : null;
  report(0.7);
  const probabilities = forest ? forestProbabilities(forest, data) : treeProbabilities(tree, data);

  const actual = Uint8Array.from(test, (row) => target[row]);
  const tested = Float64Array.from(test, (row) => probabilities[row]);
  const matrix = confusionMatrix(actual, tested, task.params.threshold);
  report(0.8);

  const rules = treeRules(tree, encodings)
    .map((rule) => ({ text: ruleTexts(rule, encodings, { ...task.wording, threshold: task.params.threshold }), rows: rule.rows, positives: rule.positives, probability: rule.probability }))
    .sort((a, b) => b.probability - a.probability || b.rows - a.rows);
  const recordRules: LocalText[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleOfRow = new Uint32Array(rows.length);
  for (let row = 0; row < rows.length; row++) {
    const text = ruleTexts(recordRule(tree, data, row), encodings, { ...task.wording, threshold: task.params.threshold });
    let index = ruleIndex.get(text.en);
    if (index === undefined) {
      index = recordRules.push(text) - 1;
      ruleIndex.set(text.en, index);
    }
    ruleOfRow[row] = index;
  }
  report(1);
  return {
    kind: 'classifier', trainingRows: train.length, testRows: test.length,
    metrics: classificationMetrics(matrix), confusionMatrix: matrix, auc: rocAuc(actual, tested), roc: thinned(rocCurve(actual, tested), ROC_POINTS),
    importance: (forest ?? tree).importance, rules, probabilities, ruleOfRow, recordRules,
  };
}
