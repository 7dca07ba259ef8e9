/* Generated from plugins/reporting/schemas/report.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
export type FieldPath = string;

/**
 * A report (SPEC 5.6): one GROUP BY over an object's records, run under the caller's permissions, with a chart.
 */
export interface ReportDefinition {
  name: Name;
  label?: LocalizedText;
  description?: LocalizedText;
  object: Name;
  /**
   * A condition in the filter language (SPEC 5.3).
   */
  filter?: {} | unknown[];
  /**
   * @maxItems 4
   */
  groupBy?: Grouping[];
  /**
   * @minItems 1
   * @maxItems 12
   */
  measures: Measure[];
  /**
   * Column keys separated by commas, - for descending (e.g. -count,region).
   */
  sort?: string;
  limit?: number;
  chart?: Chart;
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
export interface Grouping {
  field: FieldPath;
  bucket?: 'day' | 'week' | 'month' | 'quarter' | 'year';
}
export interface Measure {
  fn: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';
  field?: FieldPath;
  /**
   * Also give the measure's share of the total over all groups.
   */
  percent?: boolean;
}
export interface Chart {
  type: 'table' | 'bar' | 'stacked_bar' | 'line' | 'pie' | 'funnel';
  horizontal?: boolean;
}
