/**
 * The analytics pack's computation engines: pure functions on typed arrays, with no database, HTTP
 * or UI, deterministic for a given seed. The pack's jobs feed them rows read under the caller's
 * permissions and store what they return.
 */
export type { Lang, LocalText } from './local-text.ts';
export { LANGS } from './local-text.ts';
export { bootstrapIndices, sampleIndices, seededRandom, seededShuffle, type SeededRandom } from './seeded-random.ts';

export {
  MAX_BINS, MAX_CATEGORIES, MISSING_CODE, fitEncodings,
  type Category, type CategoricalEncoding, type EncodingOptions, type FeatureEncoding, type FeatureKind, type FeatureRow, type FeatureSpec, type NumericEncoding,
} from './feature-encoding.ts';
export { binOf, quantileCuts, roundestBetween } from './numeric-cuts.ts';
export { encodeRows, type EncodedColumn, type EncodedDataset } from './encode-rows.ts';
export { binaryTarget } from './binary-target.ts';
export { stratifiedSplit, type TrainTestSplit } from './stratified-split.ts';

export { trainTree, type DecisionTree, type TreeNode, type TreeParams, type TreeSplit } from './decision-tree.ts';
export { treeLeaves, treePath, treeProbabilities } from './tree-prediction.ts';
export { defaultFeaturesPerSplit, forestProbabilities, trainForest, type ForestParams, type RandomForest } from './random-forest.ts';
export { recordRule, treeRules, type CategoryCondition, type MissingCondition, type RangeCondition, type RuleCondition, type TreeRule } from './tree-rules.ts';
export { categoryText, formatNumber, ruleText, ruleTexts, type RuleWording } from './rule-text.ts';

export { classificationMetrics, confusionMatrix, type ClassificationMetrics, type ConfusionMatrix } from './classification-metrics.ts';
export { rocAuc, rocCurve, type RocPoint } from './roc-curve.ts';
export { calibrationTable, precisionAtTop, type CalibrationBand } from './prediction-track-record.ts';
export { adjustedRandIndex } from './adjusted-rand-index.ts';

export { standardisation, standardisedPoints, type Standardisation } from './standardise.ts';
export { meanSilhouette } from './silhouette.ts';
export { kmeansClustering, type ClusterProfile, type KmeansOptions, type KmeansResult } from './kmeans-clustering.ts';

export { frequentItemsets, itemsetKey, type FpGrowthOptions, type FrequentItemsets, type ItemId } from './fp-growth.ts';
export { associationRules, type AssociationRule } from './association-rules.ts';
export { recommender, type Recommendation } from './recommendations.ts';

export { DEFAULT_RFM_SEGMENTS, rfmSegment, unnamedRfmScores, type RfmScores, type RfmSegment, type RfmSegmentTable, type ScoreBounds } from './rfm-segments.ts';
export { ISO_WEEKS, MONTHS, WEEKDAYS, seasonalIndex, type PeriodTotal, type SeasonalIndex } from './seasonal-index.ts';
