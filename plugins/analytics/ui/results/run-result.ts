// What GET /api/analyses/:name/runs/:id answers, as the run page reads it (docs/analytics.md, "API"),
// and the part of an analysis definition the page needs (GET /api/meta/analyses/:name).

import type { AnalysisKindName, AnalysisRunView } from '../analysis-types.ts';

export type { AnalysisKindName, AnalysisSummary } from '../analysis-types.ts';
export type Localized = { en?: string; 'zh-CN'?: string };

/** The stored definition, as far as the run page reads it. */
export interface AnalysisDefinitionView {
  name: string;
  kind: AnalysisKindName;
  source: { object: string; filter?: Record<string, unknown>; customer?: string; date?: string; amount?: string; item?: string; segment?: string };
  features?: string[];
  target?: string;
  positive?: unknown;
  params?: Record<string, unknown>;
  writeBack?: Record<string, string>;
}

/** One analysed record: `group` is its segment, quadrant, flag, cluster or prediction. */
export interface RecordResult {
  id: string;
  title: string | null;
  group: string;
  [detail: string]: unknown;
}

export interface RunChanges {
  previousRun: string;
  moved: { id: string; title: string | null; from: string; to: string }[];
  movedCount: number;
  entered: number;
  left: number;
}

export interface BaseResult {
  records?: RecordResult[];
  changes?: RunChanges | null;
  recordsWritten?: number;
  recordsCreated?: number;
}

/** GET /api/analyses/:name/runs/:id: the run with its result. */
export interface RunAnswer extends AnalysisRunView {
  result: (BaseResult & Record<string, unknown>) | null;
}

export interface RfmResult extends BaseResult {
  asOf: string;
  bins: number;
  customers: number;
  segments: { key: string; label: Localized; customers: number; monetary: number }[];
  grid: { r: number; f: number; customers: number; monetary: number }[];
}

export interface NamedValue {
  id: string;
  title: string | null;
  current: number;
  potential: number;
}

export interface ValueMatrixResult extends BaseResult {
  asOf: string;
  split: 'median' | 'mean';
  customers: number;
  thresholds: { current: number; potential: number };
  quadrants: { key: string; label: Localized; customers: number; current: number; potential: number }[];
  valuable: NamedValue[];
  valueChanging: (NamedValue & { from: string; to: string })[];
  problem: NamedValue[];
}

export interface ChurnWarningResult extends BaseResult {
  asOf: string;
  windows: { recent: { after: string; to: string; months: number }; baseline: { after: string; to: string; months: number } };
  dropPercent: number;
  customers: number;
  flagged: number;
  steady: number;
  notJudged: number;
  tasks: number;
  notifications: number;
}

export interface ConfusionCounts {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** A point of the ROC curve; the first one's threshold is infinite, which JSON carries as null. */
export interface RocPoint {
  threshold: number | null;
  falsePositiveRate: number;
  truePositiveRate: number;
}

export interface CalibrationBand {
  from: number;
  to: number;
  rows: number;
  meanPredicted: number;
  observedRate: number;
}

export interface ClassifierResult extends BaseResult {
  algorithm: 'tree' | 'forest';
  target: string;
  positive: unknown;
  threshold: number;
  scored: number;
  labelled: number;
  trainingRows: number;
  testRows: number;
  metrics: { accuracy: number; precision: number; recall: number; f1: number };
  confusionMatrix: ConfusionCounts;
  auc: number | null;
  roc: RocPoint[];
  importance: { feature: string; label: Localized; share: number }[];
  predictedYes: number;
  rules: { text: Localized; rows: number; positives: number; probability: number }[];
  recordRules: Localized[];
  trackRecord: { modelVersion: number; predictions: number; judged: number; becameYes: number; precisionTopDecile: number | null; calibration: CalibrationBand[] }[];
  modelVersion?: number;
}

export interface KmeansResult extends BaseResult {
  k: number;
  silhouette: number;
  candidates: { k: number; silhouette: number }[];
  features: { name: string; label: Localized }[];
  profiles: { cluster: number; size: number; means: Record<string, number | null>; centroid: number[] }[];
}

import type { NamedItem, StoredRule as AssociationRule } from '../../src/kinds/stored-rule.ts';

export type { NamedItem, AssociationRule };

export interface AssociationResult extends BaseResult {
  transaction: 'customer' | 'customer_month';
  transactions: number;
  items: number;
  minSupport: number;
  minConfidence: number;
  rulesFound: number;
  rulesKept: number;
  topRules: AssociationRule[];
  rules?: AssociationRule[];
}

export type SeasonPeriod = 'month' | 'week' | 'weekday';
export interface SeasonalIndexPoint {
  period: number;
  index: number | null;
  years: number;
}

export interface SeasonalityResult extends BaseResult {
  measure: { fn: 'sum' | 'count'; field?: string };
  segment: string | null;
  periods: SeasonPeriod[];
  indexes: Partial<Record<SeasonPeriod, SeasonalIndexPoint[]>>;
  monthly: { month: string; total: number }[];
  segments?: { value: unknown; title: string | null; indexes: Partial<Record<SeasonPeriod, SeasonalIndexPoint[]>> }[];
}
