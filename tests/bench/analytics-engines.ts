import { performance } from 'node:perf_hooks';
import {
  adjustedRandIndex, associationRules, binaryTarget, classificationMetrics, confusionMatrix, encodeRows, fitEncodings, forestProbabilities,
  frequentItemsets, kmeansClustering, seededRandom, stratifiedSplit, trainForest, trainTree, treeProbabilities, treeRules,
} from '../../plugins/analytics/src/engine/index.ts';
import { TELECOM_FEATURES, telecomChurnRows } from '../unit/analytics/synthetic-data.ts';
import type { ReportRow } from './report.ts';
import type { ScenarioOutcome } from './scenarios.ts';

/**
 * The analytics engines (issue 14's targets), in this process: no server or database. Data are
 * generated from a seed first (not timed); the time is the engine's, from rows to result. A result
 * that misses the planted structure makes the scenario an error: a fast wrong answer is no figure.
 */

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

function outcome(row: Omit<ReportRow, 'floor' | 'ratio' | 'pass'>, ms: number, targetMs: number, data: Record<string, unknown>, error?: string): ScenarioOutcome {
  return {
    row: { ...row, floor: '-', ratio: '-', pass: error ? undefined : ms < targetMs },
    data: { ms: Math.round(ms), targetMs, ...data },
    error: error ? `${row.scenario}: ${error}` : undefined,
  };
}

/** 62,500 customers of the telecom churn profile: 50,000 to train on, 12,500 held out. */
function churnData() {
  const rows = telecomChurnRows(62_500, 1);
  const target = binaryTarget(rows, 'churn');
  return { rows, target, split: stratifiedSplit(target, 0.2, 1) };
}

const heldOutAccuracy = (target: Uint8Array, test: Uint32Array, probabilities: Float64Array) =>
  classificationMetrics(confusionMatrix(Array.from(test, (i) => target[i]), Array.from(test, (i) => probabilities[i]), 0.5)).accuracy;

export function treeScenario(): ScenarioOutcome {
  const { rows, target, split } = churnData();
  const [encoded, encodeMs] = timed(() => {
    const encodings = fitEncodings(rows, TELECOM_FEATURES);
    return { encodings, data: encodeRows(rows, encodings) };
  });
  const [tree, trainMs] = timed(() => trainTree(encoded.data, target, split.train, { maxDepth: 10, minLeaf: 20 }));
  const [probabilities, scoreMs] = timed(() => treeProbabilities(tree, encoded.data));
  const accuracy = heldOutAccuracy(target, split.test, probabilities);
  const leaves = treeRules(tree, encoded.encodings).length;
  const ms = encodeMs + trainMs;
  return outcome(
    { scenario: `tree (${split.train.length.toLocaleString('en-US')} rows × ${TELECOM_FEATURES.length} features)`, tessera: seconds(ms), target: '< 10 s', note: `encode ${seconds(encodeMs)}, train ${seconds(trainMs)} (depth 10, ${leaves} leaves), score ${rows.length.toLocaleString('en-US')} rows ${seconds(scoreMs)}; held-out accuracy ${accuracy.toFixed(3)}` },
    ms, 10_000, { encodeMs, trainMs, scoreMs, leaves, accuracy },
    accuracy < 0.9 ? `held-out accuracy ${accuracy.toFixed(3)} < 0.9` : undefined,
  );
}

export function forestScenario(): ScenarioOutcome {
  const { rows, target, split } = churnData();
  const trees = 50;
  const [encoded, encodeMs] = timed(() => {
    const encodings = fitEncodings(rows, TELECOM_FEATURES);
    return { encodings, data: encodeRows(rows, encodings) };
  });
  const [forest, trainMs] = timed(() => trainForest(encoded.data, target, split.train, { trees, maxDepth: 12, minLeaf: 5, seed: 1 }));
  const [probabilities, scoreMs] = timed(() => forestProbabilities(forest, encoded.data));
  const accuracy = heldOutAccuracy(target, split.test, probabilities);
  const nodes = forest.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
  const ms = encodeMs + trainMs;
  return outcome(
    { scenario: `forest of ${trees} trees (${split.train.length.toLocaleString('en-US')} rows × ${TELECOM_FEATURES.length} features)`, tessera: seconds(ms), target: '< 60 s', note: `encode ${seconds(encodeMs)}, train ${seconds(trainMs)} (depth 12, ${nodes.toLocaleString('en-US')} nodes), score ${rows.length.toLocaleString('en-US')} rows ${seconds(scoreMs)}; held-out accuracy ${accuracy.toFixed(3)}` },
    ms, 60_000, { encodeMs, trainMs, scoreMs, nodes, accuracy },
    accuracy < 0.9 ? `held-out accuracy ${accuracy.toFixed(3)} < 0.9` : undefined,
  );
}

/** 100,000 customers in 5 features around 5 planted centres. */
function clusteredColumns(rowCount: number, seed: number) {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const centres = [[20, 1_000, 2, 50, 0.1], [45, 8_000, 6, 20, 0.5], [35, 3_000, 12, 80, 0.9], [60, 15_000, 4, 65, 0.3], [28, 500, 9, 10, 0.7]];
  const spreads = [3, 600, 1, 6, 0.05];
  const columns = spreads.map(() => new Float64Array(rowCount));
  const truth = new Uint16Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const cluster = row % centres.length;
    truth[row] = cluster;
    spreads.forEach((spread, f) => (columns[f][row] = centres[cluster][f] + spread * normal()));
  }
  return { columns, truth };
}

export function kmeansScenario(): ScenarioOutcome {
  const rowCount = 100_000;
  const { columns, truth } = clusteredColumns(rowCount, 1);
  const [result, ms] = timed(() => kmeansClustering(columns, { kRange: [2, 8], seed: 1, silhouetteSample: 2000 }));
  const ari = adjustedRandIndex(truth, result.labels);
  const tried = result.candidates.map((c) => `${c.k}: ${c.silhouette.toFixed(2)}`).join(', ');
  return outcome(
    { scenario: `k-means (${rowCount.toLocaleString('en-US')} × ${columns.length}, k 2–8)`, tessera: seconds(ms), target: '< 10 s', note: `chose k = ${result.k} of 5 planted (ARI ${ari.toFixed(3)}); silhouette on 2,000 points by k: ${tried}` },
    ms, 10_000, { k: result.k, ari, candidates: result.candidates },
    result.k !== 5 || ari < 0.9 ? `found k = ${result.k}, ARI ${ari.toFixed(3)} (5 planted)` : undefined,
  );
}

/**
 * 50,000 baskets over a catalogue of 200 products: 1–8 products each, popular products more often
 * (Zipf), and 3 bundles bought together in a share of the baskets.
 */
function baskets(count: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const weights = Array.from({ length: 200 }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push((sum + w) / total), sum + w), 0);
  const pick = () => {
    const u = random.next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < u) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const bundles = [[150, 151, 152], [120, 121], [180, 181, 182, 183]];
  return Array.from({ length: count }, () => {
    const basket = new Set<number>();
    const size = 1 + random.int(8);
    while (basket.size < size) basket.add(pick());
    for (const bundle of bundles) if (random.next() < 0.01) bundle.forEach((item) => basket.add(item));
    return [...basket];
  });
}

export function fpgrowthScenario(): ScenarioOutcome {
  const transactions = baskets(50_000, 1);
  const [found, mineMs] = timed(() => frequentItemsets(transactions, { minSupport: 0.001 }));
  const [rules, rulesMs] = timed(() => associationRules(found, 0.3));
  const bundleRule = rules.find((r) => [...r.antecedent].sort().join() === '180,181,182' && r.consequent.join() === '183');
  const ms = mineMs + rulesMs;
  return outcome(
    { scenario: 'FP-growth (50,000 baskets, 200 products, support 0.001)', tessera: seconds(ms), target: '< 5 s', note: `itemsets ${seconds(mineMs)} (${found.itemsets.length.toLocaleString('en-US')} frequent), rules ${seconds(rulesMs)} (${rules.length.toLocaleString('en-US')} at confidence ≥ 0.3); planted bundle rule lift ${bundleRule?.lift.toFixed(1) ?? '-'}` },
    ms, 5_000, { mineMs, rulesMs, itemsets: found.itemsets.length, rules: rules.length },
    bundleRule ? undefined : 'the planted bundle {180, 181, 182} → 183 was not found',
  );
}
