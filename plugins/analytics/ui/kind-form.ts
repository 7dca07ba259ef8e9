// What the definition form offers for each kind of analysis: the source properties, the fields whose
// types fit each of them, the parameters with their ranges and defaults, and the write-back targets.
// The kinds' properties and the field types that fit come from the pack's own rules
// (src/check/kind-rules.ts, src/check/field-type-fits.ts), which its check applies on save.
import type { LocalizedText, Params, Source, WriteBack } from '../generated/analysis.ts';
import { CLASSIFIER_FEATURE_TYPES, DATE_TYPES, NUMERIC_TYPES, TARGET_TYPES, UNGROUPABLE_TYPES, WRITE_BACK_TYPES } from '../src/check/field-type-fits.ts';
import { KIND_RULES } from '../src/check/kind-rules.ts';
import type { AnalysisDefinition, AnalysisKindName } from './analysis-types.ts';

export const KINDS: AnalysisKindName[] = ['rfm', 'value_matrix', 'churn_warning', 'classifier', 'kmeans', 'association', 'seasonality'];

/** A field the form may offer: `type` is what its values are (a formula's by what it returns), `rawType` its declared type. */
export interface FieldChoice {
  name: string;
  type: string;
  rawType: string;
  target?: string;
  options: string[];
}


export type SourceKey = Exclude<keyof Source, 'object' | 'filter'>;
const SOURCE_ORDER: SourceKey[] = ['customer', 'item', 'date', 'amount', 'segment'];

/** The source properties a kind takes, in the form's order; `required` when the kind needs it. */
export function sourceKeys(kind: AnalysisKindName): { key: SourceKey; required: boolean }[] {
  const rules = KIND_RULES[kind];
  return SOURCE_ORDER.filter((key) => rules.needs.includes(key) || rules.may.includes(key)).map((key) => ({ key, required: rules.needs.includes(key) }));
}

/** Whether a field can serve as a source property (the customer a lookup of the source object itself; only a segment may be a path). */
export function fitsSource(key: SourceKey, field: FieldChoice): boolean {
  if (key !== 'segment' && field.name.includes('.')) return false;
  switch (key) {
    case 'customer': return field.type === 'lookup' && !field.name.startsWith('_');
    case 'date': return DATE_TYPES.has(field.type);
    case 'amount': return NUMERIC_TYPES.has(field.type);
    default: return !UNGROUPABLE_TYPES.has(field.type);
  }
}

/** Fields a model learns from: plain fields, numbers only for k-means. */
export function fitsFeature(kind: AnalysisKindName, field: FieldChoice): boolean {
  if (field.name.includes('.') || field.name.startsWith('_')) return false;
  return kind === 'kmeans' ? NUMERIC_TYPES.has(field.rawType) : CLASSIFIER_FEATURE_TYPES.has(field.rawType);
}

export const fitsTarget = (field: FieldChoice) => !field.name.includes('.') && TARGET_TYPES.has(field.rawType);

export type WriteBackKey = keyof WriteBack;
export const writeBackKeys = (kind: AnalysisKindName): WriteBackKey[] => KIND_RULES[kind].writeBack;
export const fitsWriteBack = (key: WriteBackKey, field: FieldChoice) => !field.name.includes('.') && !field.name.startsWith('_') && WRITE_BACK_TYPES[key].has(field.rawType);

/** The object results are written to: the customer for per-customer kinds, else the source object. */
export function writeBackObject(definition: AnalysisDefinition, fieldsOf: (object: string) => FieldChoice[]): string | undefined {
  const { kind, source } = definition;
  if (kind !== 'rfm' && kind !== 'churn_warning') return source.object || undefined;
  return fieldsOf(source.object).find((f) => f.name === source.customer && f.type === 'lookup')?.target;
}

export const hasFeatures = (kind: AnalysisKindName) => KIND_RULES[kind].features;
export const hasTarget = (kind: AnalysisKindName) => KIND_RULES[kind].target;

export type NumberParamKey = 'bins' | 'recentMonths' | 'baselineMonths' | 'dropPercent' | 'minBaselineOrders' | 'maxDepth' | 'minLeaf' | 'testShare' | 'seed'
  | 'threshold' | 'trees' | 'maxBins' | 'silhouetteSample' | 'maxIterations' | 'minSupport' | 'minConfidence' | 'maxLength';
export type ChoiceParamKey = 'split' | 'algorithm' | 'transaction';

/** One parameter input; `default` is what the engine uses when the parameter is left out. */
export type ParamControl =
  | { key: NumberParamKey; control: 'number'; min: number; max: number; step: number; precision?: number; default?: number }
  | { key: ChoiceParamKey; control: 'choice'; choices: string[]; default: string }
  | { key: 'asOf'; control: 'date' }
  | { key: 'notify'; control: 'switch'; default: boolean }
  | { key: 'periods'; control: 'periods' }
  | { key: 'current' | 'potential'; control: 'measure' }
  | { key: 'task'; control: 'task' }
  | { key: 'k'; control: 'clusters' }
  | { key: 'segments'; control: 'json' };

const num = (key: NumberParamKey, min: number, max: number, step: number, defaultValue?: number, precision?: number): ParamControl => ({ key, control: 'number', min, max, step, default: defaultValue, precision });

/** The parameters of each kind, in the form's order (ranges from the JSON Schema, defaults from the engines). */
export const PARAMS: Record<AnalysisKindName, ParamControl[]> = {
  rfm: [num('bins', 2, 10, 1, 5), { key: 'asOf', control: 'date' }, { key: 'segments', control: 'json' }],
  value_matrix: [{ key: 'current', control: 'measure' }, { key: 'potential', control: 'measure' }, { key: 'split', control: 'choice', choices: ['median', 'mean'], default: 'median' }, { key: 'asOf', control: 'date' }],
  churn_warning: [
    num('recentMonths', 1, 60, 1, 3), num('baselineMonths', 1, 120, 1, 12), num('dropPercent', 1, 100, 5, 50), num('minBaselineOrders', 1, 100000, 1, 2),
    { key: 'asOf', control: 'date' }, { key: 'notify', control: 'switch', default: true }, { key: 'task', control: 'task' },
  ],
  classifier: [
    { key: 'algorithm', control: 'choice', choices: ['tree', 'forest'], default: 'tree' }, num('maxDepth', 1, 30, 1, 5), num('minLeaf', 1, 100000, 1, 5),
    num('testShare', 0.05, 0.9, 0.05, 0.3, 2), num('threshold', 0.01, 0.99, 0.05, 0.5, 2), num('trees', 1, 500, 10, 50), num('seed', 0, 2147483647, 1, 1), num('maxBins', 2, 255, 1, 255),
  ],
  kmeans: [{ key: 'k', control: 'clusters' }, num('seed', 0, 2147483647, 1, 1), num('silhouetteSample', 100, 20000, 100, 2000), num('maxIterations', 1, 1000, 10, 100)],
  association: [
    { key: 'transaction', control: 'choice', choices: ['customer', 'customer_month'], default: 'customer' }, num('minSupport', 0.001, 1, 0.01, 0.01, 3),
    num('minConfidence', 0, 1, 0.05, 0.2, 2), num('maxLength', 2, 10, 1, 3),
  ],
  seasonality: [{ key: 'periods', control: 'periods' }],
};

/** The parameter controls of a kind that apply now (trees only for a forest). */
export const paramControls = (kind: AnalysisKindName, params: Params | undefined) => PARAMS[kind].filter((p) => p.key !== 'trees' || params?.algorithm === 'forest');

/** The definition as the form edits it: titles, parameters and write-back always present (blank when unused). */
export type AnalysisDraft = AnalysisDefinition & { label: LocalizedText; description: LocalizedText; params: Params; writeBack: WriteBack };

const noText = (): LocalizedText => ({ en: '', 'zh-CN': '' });

/** A stored definition (or one typed as JSON) as the form edits it. */
export function draftOf(definition: Record<string, unknown>): AnalysisDraft {
  const analysis = definition as unknown as AnalysisDefinition;
  return {
    ...analysis,
    source: { ...(analysis.source ?? {}), object: analysis.source?.object ?? '' },
    label: { ...noText(), ...(analysis.label ?? {}) },
    description: { ...noText(), ...(analysis.description ?? {}) },
    params: { ...(analysis.params ?? {}) },
    writeBack: { ...(analysis.writeBack ?? {}) },
  };
}

export const blankAnalysis = (): AnalysisDraft => draftOf({ name: '', kind: 'rfm', source: { object: '' } });

/** The definition turned into another kind: what the new kind does not take is dropped; k-means gets a range of k to try. */
export function withKind(definition: AnalysisDraft, kind: AnalysisKindName): AnalysisDraft {
  const rules = KIND_RULES[kind];
  const keep = <T extends object>(value: T | undefined, keys: readonly string[]) => Object.fromEntries(Object.entries(value ?? {}).filter(([key]) => keys.includes(key))) as T;
  const next: AnalysisDraft = {
    ...definition,
    kind,
    source: keep(definition.source, ['object', ...rules.needs, ...rules.may]),
    params: keep(definition.params, rules.params),
    writeBack: keep(definition.writeBack, rules.writeBack),
  };
  if (!rules.features) delete next.features;
  if (!rules.target) {
    delete next.target;
    delete next.positive;
  }
  if (kind === 'kmeans' && next.params?.k === undefined && next.params?.kRange === undefined) next.params = { ...next.params, kRange: [2, 6] };
  return next;
}

const blank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Leaves out what is empty, so that a property left blank means the engine's default. */
function pruned(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (blank(v)) continue;
    if (typeof v === 'object' && !Array.isArray(v) && key !== 'filter' && key !== 'segments') {
      const inner = pruned(v as Record<string, unknown>);
      if (inner) kept[key] = inner;
    } else kept[key] = v;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** A title or description typed in one language only serves both. */
function bothLanguages(text: AnalysisDefinition['label']): AnalysisDefinition['label'] {
  const en = text?.en?.trim() ?? '';
  const zh = text?.['zh-CN']?.trim() ?? '';
  return en || zh ? { en: en || zh, 'zh-CN': zh || en } : undefined;
}

/** The definition the form stands for, as it is checked and saved. */
export function cleanDefinition(draft: AnalysisDefinition): AnalysisDefinition {
  const { label, description, schedule, params, writeBack, source, ...rest } = draft;
  const { filter, ...sourceRest } = source;
  const definition: AnalysisDefinition = {
    ...rest,
    label: bothLanguages(label),
    description: bothLanguages(description),
    source: { ...(pruned(sourceRest) as unknown as Source), ...(filter && Object.keys(filter).length ? { filter } : {}) },
    params: pruned(params as Record<string, unknown> ?? {}) as Params | undefined,
    writeBack: pruned(writeBack as Record<string, unknown> ?? {}) as WriteBack | undefined,
    schedule: schedule?.trim() || undefined,
  };
  if (blank(definition.features)) delete definition.features;
  if (blank(definition.target)) delete definition.target;
  if (blank(definition.positive)) delete definition.positive;
  for (const key of Object.keys(definition) as (keyof AnalysisDefinition)[]) if (definition[key] === undefined) delete definition[key];
  return definition;
}

/** The problems at a JSON pointer or below it, as one sentence for a form item. */
export function problemAt(problems: { path: string; message: string }[], pointer: string): string {
  return problems.filter((p) => p.path === pointer || p.path.startsWith(`${pointer}/`)).map((p) => p.message).join(' ');
}

/** A copy of a part of the draft with `key` set to `value`, or without `key` when the value is blank (none or ''). */
export function withValue<T extends object>(part: T | null | undefined, key: keyof T, value: unknown): T {
  const next: Record<PropertyKey, unknown> = { ...(part ?? {}) };
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value;
  return next as T;
}
