import { detail, createError, type ErrorDetail } from '../core/errors.ts';
import { msg, type Message } from '../core/messages/message.ts';

export const MEASURE_FNS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const;
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type MeasureFn = (typeof MEASURE_FNS)[number];
export type Bucket = (typeof BUCKETS)[number];

export const MAX_GROUPS = 4;
export const MAX_MEASURES = 12;
export const DEFAULT_AGGREGATE_LIMIT = 1000;
export const MAX_AGGREGATE_LIMIT = 10_000;

export interface AggregateInput {
  filter?: unknown;
  groupBy: { field: string; bucket?: Bucket }[];
  measures: { fn: MeasureFn; field?: string; percent?: boolean }[];
  /** Column keys, `-` for descending, comma separated (e.g. `-count,region`). */
  sort?: string;
  limit: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the shape of an aggregate query (the query part of a report definition) and reports every
 * problem with its JSON pointer; whether the fields exist and may be used is checked when it compiles.
 */
export function parseAggregateInput(raw: unknown): AggregateInput {
  const problems: ErrorDetail[] = [];
  const bad = (path: string, message: Message) => problems.push(detail(path, message));
  if (!isObject(raw)) throw createError('BAD_REQUEST', msg('aggregate.mustBeObject'), [{ path: '', message: msg('value.mustBeObject') }]);
  const known = new Set(['filter', 'groupBy', 'measures', 'sort', 'limit']);
  for (const key of Object.keys(raw)) if (!known.has(key)) bad(`/${key}`, msg('value.unknownProperty'));

  const groupBy: AggregateInput['groupBy'] = [];
  if (raw.groupBy !== undefined) {
    if (!Array.isArray(raw.groupBy) || raw.groupBy.length > MAX_GROUPS) bad('/groupBy', msg('value.listOfAtMost', { max: MAX_GROUPS, items: msg('aggregate.groupings') }));
    else raw.groupBy.forEach((g, i) => {
      if (!isObject(g) || typeof g.field !== 'string') return bad(`/groupBy/${i}/field`, msg('value.required'));
      if (g.bucket !== undefined && !BUCKETS.includes(g.bucket as Bucket)) return bad(`/groupBy/${i}/bucket`, msg('value.oneOf', { options: BUCKETS.join(', ') }));
      for (const key of Object.keys(g)) if (key !== 'field' && key !== 'bucket') bad(`/groupBy/${i}/${key}`, msg('value.unknownProperty'));
      groupBy.push({ field: g.field, ...(g.bucket ? { bucket: g.bucket as Bucket } : {}) });
    });
  }

  const measures: AggregateInput['measures'] = [];
  const rawMeasures = raw.measures ?? [{ fn: 'count' }];
  if (!Array.isArray(rawMeasures) || rawMeasures.length === 0 || rawMeasures.length > MAX_MEASURES) bad('/measures', msg('value.listOfRange', { max: MAX_MEASURES, items: msg('aggregate.measures') }));
  else rawMeasures.forEach((m, i) => {
    if (!isObject(m) || !MEASURE_FNS.includes(m.fn as MeasureFn)) return bad(`/measures/${i}/fn`, msg('value.oneOf', { options: MEASURE_FNS.join(', ') }));
    if (m.field !== undefined && typeof m.field !== 'string') return bad(`/measures/${i}/field`, msg('value.fieldName'));
    if (m.percent !== undefined && typeof m.percent !== 'boolean') return bad(`/measures/${i}/percent`, msg('value.boolean'));
    for (const key of Object.keys(m)) if (!['fn', 'field', 'percent'].includes(key)) bad(`/measures/${i}/${key}`, msg('value.unknownProperty'));
    measures.push({ fn: m.fn as MeasureFn, ...(m.field !== undefined ? { field: m.field as string } : {}), ...(m.percent ? { percent: true } : {}) });
  });

  let sort: string | undefined;
  if (raw.sort !== undefined) {
    if (typeof raw.sort !== 'string' || raw.sort.length > 500 || !/^-?[a-z0-9_.]+(,-?[a-z0-9_.]+)*$/.test(raw.sort)) bad('/sort', msg('value.columnKeys'));
    else sort = raw.sort;
  }

  let limit = DEFAULT_AGGREGATE_LIMIT;
  if (raw.limit !== undefined) {
    const n = typeof raw.limit === 'string' ? Number(raw.limit) : raw.limit;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_AGGREGATE_LIMIT) bad('/limit', msg('value.rangeWhole', { min: 1, max: MAX_AGGREGATE_LIMIT }));
    else limit = n;
  }

  if (problems.length) throw createError('BAD_REQUEST', msg('aggregate.invalid'), problems);
  return { ...(raw.filter !== undefined ? { filter: raw.filter } : {}), groupBy, measures, ...(sort ? { sort } : {}), limit };
}
