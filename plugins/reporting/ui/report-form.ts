// The report builder's form as plain data: which fields can be grouped and measured, the definition it
// sends, and where on the form each server problem belongs. Pure functions, tested on their own.

export type Bucket = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type MeasureFn = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';
export const MEASURE_FNS: MeasureFn[] = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'];
export const BUCKETS: Bucket[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface Grouping {
  field: string;
  bucket?: Bucket;
}
export interface Measure {
  fn: MeasureFn;
  field?: string;
  percent?: boolean;
}
export interface SortKey {
  key: string;
  desc: boolean;
}

/** A field as the builder needs it: its name, the type of its values and whether it is a lookup. */
export interface FieldInfo {
  name: string;
  type: string;
}

const NUMERIC = new Set(['number', 'integer', 'currency', 'percent']);
const DATES = new Set(['date', 'datetime']);
const ORDERED = new Set([...NUMERIC, ...DATES, 'text', 'email', 'phone', 'url']);
const UNGROUPABLE = new Set(['json', 'multienum', 'textarea']);

export const isDateType = (type: string) => DATES.has(type);
export const groupable = (field: FieldInfo) => !UNGROUPABLE.has(field.type);

/** The fields a measure function can take (none for count). */
export function measurable(fn: MeasureFn, field: FieldInfo): boolean {
  if (fn === 'count') return false;
  if (fn === 'sum' || fn === 'avg') return NUMERIC.has(field.type);
  if (fn === 'min' || fn === 'max') return ORDERED.has(field.type);
  return groupable(field);
}

/** Column keys the server gives groupings and measures (`closed_month`, `sum_amount`). */
export const groupingKey = (g: Grouping) => (g.bucket ? `${g.field}_${g.bucket}` : g.field);
export const measureKey = (m: Measure) => (m.fn === 'count' ? 'count' : `${m.fn}_${m.field ?? ''}`);

export function parseSort(sort: string | undefined): SortKey[] {
  if (!sort) return [];
  return sort.split(',').filter(Boolean).map((part) => (part.startsWith('-') ? { key: part.slice(1), desc: true } : { key: part, desc: false }));
}
export const sortText = (keys: SortKey[]) => keys.filter((k) => k.key).map((k) => (k.desc ? `-${k.key}` : k.key)).join(',');

export interface ReportForm {
  label: { en: string; 'zh-CN': string };
  description: { en: string; 'zh-CN': string };
  object: string;
  groupBy: Grouping[];
  measures: Measure[];
  filter: Record<string, unknown> | undefined;
  sort: SortKey[];
  limit: number | undefined;
  chart: { type: string; horizontal: boolean };
}

export function emptyForm(object = ''): ReportForm {
  return { label: { en: '', 'zh-CN': '' }, description: { en: '', 'zh-CN': '' }, object, groupBy: [], measures: [{ fn: 'count' }], filter: undefined, sort: [], limit: undefined, chart: { type: 'bar', horizontal: false } };
}

/** Text in both languages without the empty ones, or undefined when both are empty. */
function localizedText(text: { en: string; 'zh-CN': string }): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (text.en.trim()) out.en = text.en.trim();
  if (text['zh-CN'].trim()) out['zh-CN'] = text['zh-CN'].trim();
  return Object.keys(out).length ? out : undefined;
}

/** A stored report (GET /api/meta/reports/:name) as the form edits it. */
export function formOf(report: Record<string, unknown>): ReportForm {
  const label = (report.label ?? {}) as { en?: string; 'zh-CN'?: string };
  const description = (report.description ?? {}) as { en?: string; 'zh-CN'?: string };
  const chart = (report.chart ?? { type: 'table' }) as { type: string; horizontal?: boolean };
  return {
    label: { en: label.en ?? '', 'zh-CN': label['zh-CN'] ?? '' },
    description: { en: description.en ?? '', 'zh-CN': description['zh-CN'] ?? '' },
    object: String(report.object ?? ''),
    groupBy: ((report.groupBy ?? []) as Grouping[]).map((g) => ({ ...g })),
    measures: ((report.measures ?? [{ fn: 'count' }]) as Measure[]).map((m) => ({ ...m })),
    filter: (report.filter ?? undefined) as Record<string, unknown> | undefined,
    sort: parseSort(report.sort as string | undefined),
    limit: typeof report.limit === 'number' ? report.limit : undefined,
    chart: { type: chart.type, horizontal: chart.horizontal === true },
  };
}

/** The report the form stands for, without a name: what the preview runs and save stores. */
export function definitionOf(form: ReportForm): Record<string, unknown> {
  const label = localizedText(form.label);
  const description = localizedText(form.description);
  const sort = sortText(form.sort);
  return {
    ...(label ? { label } : {}),
    ...(description ? { description } : {}),
    object: form.object,
    ...(form.filter ? { filter: form.filter } : {}),
    groupBy: form.groupBy.filter((g) => g.field).map((g) => (g.bucket ? { field: g.field, bucket: g.bucket } : { field: g.field })),
    measures: form.measures.map((m) => ({ fn: m.fn, ...(m.fn !== 'count' && m.field ? { field: m.field } : {}), ...(m.percent ? { percent: true } : {}) })),
    ...(sort ? { sort } : {}),
    ...(form.limit ? { limit: form.limit } : {}),
    chart: { type: form.chart.type, ...(form.chart.horizontal && (form.chart.type === 'bar' || form.chart.type === 'stacked_bar') ? { horizontal: true } : {}) },
  };
}

/** Where on the form a problem is shown: a section, and for list sections the row. */
export interface Place {
  section: 'object' | 'groupBy' | 'measures' | 'filter' | 'sort' | 'limit' | 'chart' | 'label' | 'name' | 'general';
  index?: number;
}

const SECTIONS = new Set(['object', 'groupBy', 'measures', 'filter', 'sort', 'limit', 'chart', 'label', 'name']);

/** The place of a JSON pointer into the report (`/measures/1/field` → measures row 1). */
export function placeOfPointer(pointer: string): Place {
  const [, head, index] = pointer.split('/');
  if (head === 'description') return { section: 'label' };
  if (!SECTIONS.has(head)) return { section: 'general' };
  const section = head as Place['section'];
  if ((section === 'groupBy' || section === 'measures') && index !== undefined && /^\d+$/.test(index)) return { section, index: Number(index) };
  return { section };
}

const uses = (path: string | undefined, field: string) => path !== undefined && (path === field || path.startsWith(`${field}.`) || path.endsWith(`.${field}`));
const mentions = (filter: unknown, field: string): boolean => {
  if (Array.isArray(filter)) return filter.some((f) => mentions(f, field));
  if (!filter || typeof filter !== 'object') return false;
  return Object.entries(filter).some(([key, value]) => uses(key, field) || mentions(value, field));
};

/** The places that use a field the viewer may not see (a 403 names the field, not the place). */
export function placesOfField(form: ReportForm, field: string): Place[] {
  const places: Place[] = [];
  form.groupBy.forEach((g, index) => uses(g.field, field) && places.push({ section: 'groupBy', index }));
  form.measures.forEach((m, index) => uses(m.field, field) && places.push({ section: 'measures', index }));
  if (mentions(form.filter, field)) places.push({ section: 'filter' });
  return places.length ? places : [{ section: 'general' }];
}

export const placeKey = (place: Place) => (place.index === undefined ? place.section : `${place.section}.${place.index}`);

/** A problem the page can say in the viewer's language: a message key of the pack and its values. */
export interface LocalProblem {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * What a server problem at a pointer means, worked out from the form rather than from the server's
 * English sentence: a chart that does not fit its groupings, a bucket on a field that is not a date, a
 * sum or average of a field that is not a number, a field that is not there (or not visible). Null
 * when the pointer alone does not tell; the server's sentence is shown then.
 */
export function localProblem(pointer: string, form: ReportForm, fields: FieldInfo[]): LocalProblem | null {
  const place = placeOfPointer(pointer);
  const tail = pointer.split('/').slice(3).join('/');
  const known = (path: string | undefined) => fields.find((f) => f.name === path);
  if (place.section === 'chart' && pointer === '/chart/type') {
    const groupings = form.groupBy.filter((g) => g.field).length;
    if (form.chart.type === 'pie' || form.chart.type === 'funnel') return groupings === 1 ? null : { key: 'chartNeeds.oneGrouping', params: { chart: form.chart.type } };
    if (form.chart.type === 'stacked_bar') return groupings === 2 ? null : { key: 'chartNeeds.twoGroupings' };
    return groupings === 0 ? { key: 'chartNeeds.aGrouping', params: { chart: form.chart.type } } : null;
  }
  if (place.section === 'groupBy' && place.index !== undefined) {
    const g = form.groupBy[place.index];
    if (!g) return null;
    if (tail === 'field' && !known(g.field)) return { key: 'unknownField', params: { field: g.field } };
    if (tail === 'bucket' && known(g.field) && !isDateType(known(g.field)!.type)) return { key: 'bucketNeedsDate' };
  }
  if (place.section === 'measures' && place.index !== undefined && tail === 'field') {
    const m = form.measures[place.index];
    if (!m) return null;
    if (m.fn !== 'count' && !m.field) return { key: 'measureNeedsField' };
    if (m.field && !known(m.field)) return { key: 'unknownField', params: { field: m.field } };
    if (m.field && (m.fn === 'sum' || m.fn === 'avg') && !measurable(m.fn, known(m.field)!)) return { key: 'measureNeedsNumber' };
  }
  return null;
}
