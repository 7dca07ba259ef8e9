/* Generated from metadata/schemas/object.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * A formula evaluated on create, e.g. {"$today": []}.
 */
export type Expression = unknown;
export type EnumOption =
  | string
  | {
      value: string;
      label?: LocalizedText;
      color?: string;
    };
/**
 * A formula expression: a literal, {"$field": path} or one operator object such as {"$add": [a, b]}.
 */
export type Expression1 = unknown;
/**
 * A condition in the filter language (SPEC 5.3); checked against the object's fields when the definition is saved.
 */
export type Filter = Record<string, unknown>;

/**
 * A business object: its fields become columns of one table, its rules are checked on every write.
 */
export interface ObjectDefinition {
  name: Name;
  label?: LocalizedText;
  pluralLabel?: LocalizedText;
  description?: string;
  icon?: string;
  titleField?: Name;
  /**
   * Fields besides the title that global search matches (case-insensitive substrings): text, email, phone or url fields. Phone values also match by their digits alone.
   *
   * @maxItems 10
   */
  searchFields?: Name[];
  /**
   * @minItems 1
   * @maxItems 500
   */
  fields: Field[];
  /**
   * Fields whose every change is recorded (who, when, old, new) and can be reverted.
   */
  history?: Name[];
  /**
   * Approval-gated edits (R16): changes by holders of the named roles to the named fields do not apply directly; they wait as a pending change while the workflow runs on the record, and apply when it ends in one of applyIn (everyone sees the old values until then).
   *
   * @maxItems 20
   */
  gatedEdits?: GatedEdit[];
  validationRules?: ValidationRule[];
  /**
   * Combinations of fields that must be unique together.
   */
  unique?: Name[][];
  /**
   * Fields that must be unique together among the records matching a condition, e.g. one active booking per booth. The condition compares this object's own fields with fixed values.
   *
   * @maxItems 20
   */
  uniqueWhere?: {
    name: Name;
    /**
     * @minItems 1
     * @maxItems 5
     */
    fields: Name[];
    where: Filter;
    message?: LocalizedText;
  }[];
  dedup?: DedupRule[];
  /**
   * Extra indexes for the lists and reports that are run often; a leading '-' sorts a key descending.
   */
  indexes?: {
    /**
     * @minItems 1
     * @maxItems 8
     */
    fields: string[];
  }[];
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
export interface Field {
  name: Name;
  type:
    | 'text'
    | 'textarea'
    | 'number'
    | 'integer'
    | 'currency'
    | 'percent'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'enum'
    | 'multienum'
    | 'email'
    | 'phone'
    | 'url'
    | 'lookup'
    | 'formula'
    | 'json';
  /**
   * A field type a pack registers (`<pack>.<name>`, e.g. `telecom.msisdn`): it refines `type` with its own value check.
   */
  fieldType?: string;
  label?: LocalizedText;
  description?: string;
  helpText?: LocalizedText;
  required?: boolean;
  unique?: boolean;
  /**
   * Set only by defaults, workflows and hooks, never by a form.
   */
  readOnly?: boolean;
  /**
   * A literal default applied on create when the field is absent.
   */
  default?: unknown;
  defaultExpression?: Expression;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  min?: number | string;
  max?: number | string;
  scale?: number;
  currencyCode?: string;
  /**
   * @minItems 1
   * @maxItems 1000
   */
  options?: EnumOption[];
  maxSelections?: number;
  /**
   * Multienum only: values beyond the options may be written, e.g. tags anyone may coin; the options are then suggestions with labels and colours.
   */
  freeValues?: boolean;
  target?: Name;
  onTargetDelete?: 'setNull' | 'restrict';
  returns?: 'text' | 'number' | 'integer' | 'currency' | 'percent' | 'boolean' | 'date' | 'datetime';
  expression?: Expression1;
}
export interface GatedEdit {
  /**
   * @minItems 1
   * @maxItems 200
   */
  fields: Name[];
  /**
   * @minItems 1
   * @maxItems 100
   */
  roles: Name[];
  /**
   * A workflow of this object that decides the change.
   */
  workflow: string;
  /**
   * Final states in which the change applies; in any other final state (or on recall) it is discarded. Default ["approved"].
   *
   * @minItems 1
   */
  applyIn?: Name[];
}
export interface ValidationRule {
  name: Name;
  errorWhen: Filter;
  message: LocalizedText;
  /**
   * The field the message is shown beside.
   */
  field?: string;
}
export interface DedupRule {
  name: Name;
  /**
   * @minItems 1
   * @maxItems 4
   */
  fields: {
    field: Name;
    normalize?: 'exact' | 'text' | 'name' | 'phone' | 'email';
  }[];
  action?: 'block' | 'warn';
  message?: LocalizedText;
}
