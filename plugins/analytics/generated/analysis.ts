/* Generated from plugins/analytics/schemas/analysis.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * A condition in the filter language (SPEC 5.3).
 */
export type Filter = Record<string, unknown>;

/**
 * An analysis of the analytics pack (docs/analytics.md): what it reads (source, features, target), how it computes (params), which fields it writes its results back to, and when it runs on its own. Which properties a kind takes is checked when the definition is saved.
 */
export interface AnalysisDefinition {
  name: Name;
  label?: LocalizedText;
  description?: LocalizedText;
  /**
   * rfm: recency, frequency and monetary scores with named segments; value_matrix: current × potential value quadrants; churn_warning: purchases falling against the customer's own baseline; classifier: a decision tree or random forest predicting a yes/no field; kmeans: clusters of numeric fields; association: rules of items bought together; seasonality: seasonal indexes by month, week and weekday.
   */
  kind: 'rfm' | 'value_matrix' | 'churn_warning' | 'classifier' | 'kmeans' | 'association' | 'seasonality';
  source: Source;
  /**
   * classifier and kmeans: fields of the source object the model learns from.
   *
   * @minItems 1
   * @maxItems 50
   */
  features?: Name[];
  /**
   * classifier: the yes/no field (a boolean, or an enum or text field with `positive`) it learns to predict.
   */
  target?: string;
  /**
   * classifier: the value of the target that counts as yes (default true).
   */
  positive?: string | number | boolean;
  params?: Params;
  writeBack?: WriteBack;
  /**
   * Runs on its own on this cron schedule (UTC; minute hour day-of-month month day-of-week), as the user who saved the definition.
   */
  schedule?: string;
}
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}
/**
 * The records read, always as the user who runs the analysis.
 */
export interface Source {
  object: Name;
  filter?: Filter;
  /**
   * rfm, churn_warning, association: the lookup from a source record (an order) to its customer.
   */
  customer?: string;
  /**
   * rfm, churn_warning, seasonality, association by month: the date of a source record.
   */
  date?: string;
  /**
   * rfm, churn_warning, seasonality: the number summed (seasonality counts records without one).
   */
  amount?: string;
  /**
   * association: what a transaction holds (a lookup such as the product).
   */
  item?: string;
  /**
   * seasonality: indexes per value of this field too (e.g. account.region).
   */
  segment?: string;
}
export interface Params {
  /**
   * rfm, value_matrix, churn_warning: the day the analysis looks back from (default: the run's day).
   */
  asOf?: string;
  /**
   * rfm: scores run from 1 to bins (default 5).
   */
  bins?: number;
  segments?: SegmentTable;
  current?: ValueMeasure;
  potential?: ValueMeasure;
  /**
   * value_matrix: a value is high from the customers' median (default) or mean on.
   */
  split?: 'median' | 'mean';
  /**
   * churn_warning: the recent window (default 3).
   */
  recentMonths?: number;
  /**
   * churn_warning: the window before it, the customer's own baseline (default 12).
   */
  baselineMonths?: number;
  /**
   * churn_warning: a fall of at least this much in monthly frequency or volume flags the customer (default 50).
   */
  dropPercent?: number;
  /**
   * churn_warning: customers with fewer baseline records are not judged (default 2).
   */
  minBaselineOrders?: number;
  task?: TaskTemplate;
  /**
   * churn_warning: notify the owner of a newly flagged customer (default true).
   */
  notify?: boolean;
  algorithm?: 'tree' | 'forest';
  maxDepth?: number;
  minLeaf?: number;
  /**
   * classifier: the share of rows held out to measure the model (default 0.3).
   */
  testShare?: number;
  seed?: number;
  /**
   * classifier: a probability from which a record counts as yes (default 0.5).
   */
  threshold?: number;
  trees?: number;
  maxBins?: number;
  k?: number;
  /**
   * @minItems 2
   * @maxItems 2
   */
  kRange?: number[];
  silhouetteSample?: number;
  maxIterations?: number;
  /**
   * association: a basket is all a customer bought (customer) or what they bought in one month (customer_month).
   */
  transaction?: 'customer' | 'customer_month';
  minSupport?: number;
  minConfidence?: number;
  maxLength?: number;
  /**
   * @minItems 1
   */
  periods?: ('month' | 'week' | 'weekday')[];
}
/**
 * rfm: named segments read top down, the first whose bounds hold a customer's scores names it; bounds are on 1..scale.
 */
export interface SegmentTable {
  scale: number;
  /**
   * @minItems 1
   * @maxItems 50
   */
  segments: Segment[];
}
export interface Segment {
  key: Name;
  label: LocalizedText;
  r?: ScoreBounds;
  f?: ScoreBounds;
  m?: ScoreBounds;
}
export interface ScoreBounds {
  min: number;
  max: number;
}
/**
 * value_matrix: a value per customer, either a number field of the customer (`field` alone) or an aggregate of related records (`object`, `customer`, `fn`, and `field` unless counting), optionally over the last `months` by `date`.
 */
export interface ValueMeasure {
  object?: Name;
  customer?: Name;
  fn?: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field?: Name;
  filter?: Filter;
  date?: Name;
  months?: number;
}
/**
 * churn_warning: the task created for the owner of a newly flagged customer.
 */
export interface TaskTemplate {
  object: Name;
  /**
   * The lookup to the user who gets the task.
   */
  assignee: string;
  /**
   * The lookup to the customer.
   */
  about: string;
  /**
   * The text field the task's subject goes into.
   */
  subject: string;
  /**
   * A date field set to the run's day plus dueDays.
   */
  due?: string;
  dueDays?: number;
}
/**
 * Fields of the analysed records (the customers for rfm, value_matrix and churn_warning) that get each record's result; ordinary fields with history, written as the system, only to the records the run read.
 */
export interface WriteBack {
  /**
   * rfm: the segment's key.
   */
  segment?: string;
  /**
   * rfm: the scores as text, R F M (e.g. 545).
   */
  scores?: string;
  /**
   * value_matrix: the quadrant's key.
   */
  quadrant?: string;
  /**
   * churn_warning: true while the customer is flagged.
   */
  flag?: string;
  /**
   * classifier: the probability of yes.
   */
  probability?: string;
  /**
   * classifier: the version of the model that scored the record.
   */
  modelVersion?: string;
  /**
   * classifier: the rule that explains the record's probability.
   */
  rule?: string;
  /**
   * kmeans: the record's cluster, numbered from 1 by size.
   */
  cluster?: string;
}
