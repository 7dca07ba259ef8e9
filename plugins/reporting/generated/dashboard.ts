/* Generated from plugins/reporting/schemas/dashboard.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
export type FieldPath = string;

/**
 * A dashboard (SPEC 5.6): a grid of reports with filters that apply to every report on it.
 */
export interface DashboardDefinition {
  name: Name;
  label?: LocalizedText;
  /**
   * Grid width in columns.
   */
  columns?: number;
  /**
   * @maxItems 10
   */
  filters?: DashboardFilter[];
  /**
   * @minItems 1
   * @maxItems 40
   */
  widgets: Widget[];
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
/**
 * A dashboard-wide filter: the user picks a value; every report whose object has the field is filtered by it.
 */
export interface DashboardFilter {
  name: Name;
  label?: LocalizedText;
  /**
   * The field each report filters on (by name; a report whose object lacks it ignores the filter).
   */
  field: string;
  kind: 'period' | 'value';
  /**
   * Per object, the field to use when it differs from `field`.
   */
  fields?: {
    [k: string]: FieldPath;
  };
  /**
   * @maxItems 200
   */
  options?: string[];
}
export interface Widget {
  report: Name;
  title?: LocalizedText;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
}
