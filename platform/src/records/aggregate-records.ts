import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError, isAppError } from '../core/errors.ts';
import type { LocalizedText } from '../generated/object.ts';
import type { FieldInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { compileFilter, fieldKind, type QueryScope, type SqlFragment, type ValueKind } from '../query/index.ts';
import { quoted } from '../query/invalid-filter.ts';
import { toApiValue } from './record-shape.ts';
import { parseAggregateInput, type Bucket, type MeasureFn } from './aggregate-input.ts';
import { msg } from '../core/messages/message.ts';

export type { AggregateInput } from './aggregate-input.ts';

export interface AggregateColumn {
  key: string;
  kind: 'group' | 'measure' | 'title' | 'percent';
  field?: string;
  fn?: MeasureFn;
  bucket?: Bucket;
  /** The value type: a field kind, or 'number' for measures. */
  type: string;
  label: LocalizedText;
  /** For an enum grouping whose options have labels: each value's label, so exports and charts show them. */
  options?: Record<string, LocalizedText>;
}

export interface AggregateResult {
  object: string;
  columns: AggregateColumn[];
  rows: Record<string, unknown>[];
  /** True when there were more groups than `limit`. */
  truncated: boolean;
}

const BUCKETABLE: ReadonlySet<ValueKind> = new Set(['date', 'datetime']);
const NUMERIC: ReadonlySet<ValueKind> = new Set(['number', 'integer']);
const ORDERED: ReadonlySet<ValueKind> = new Set(['number', 'integer', 'date', 'datetime', 'text']);
const UNGROUPABLE: ReadonlySet<ValueKind> = new Set(['multienum', 'json']);

const FN_LABEL: Readonly<Record<MeasureFn, LocalizedText>> = {
  count: { en: 'Count', 'zh-CN': '数量' },
  count_distinct: { en: 'Distinct', 'zh-CN': '去重数' },
  sum: { en: 'Sum', 'zh-CN': '合计' },
  avg: { en: 'Average', 'zh-CN': '平均' },
  min: { en: 'Minimum', 'zh-CN': '最小' },
  max: { en: 'Maximum', 'zh-CN': '最大' },
};
const BUCKET_LABEL: Readonly<Record<Bucket, LocalizedText>> = {
  day: { en: 'day', 'zh-CN': '日' },
  week: { en: 'week', 'zh-CN': '周' },
  month: { en: 'month', 'zh-CN': '月' },
  quarter: { en: 'quarter', 'zh-CN': '季度' },
  year: { en: 'year', 'zh-CN': '年' },
};

const labelOf = (field: FieldInfo): LocalizedText => ({ en: field.label.en ?? field.name, 'zh-CN': field.label['zh-CN'] ?? field.label.en ?? field.name });
const joinLabels = (a: LocalizedText, b: LocalizedText, sepEn: string, sepZh: string): LocalizedText => ({
  en: `${a.en}${sepEn}${b.en}`,
  'zh-CN': `${a['zh-CN']}${sepZh}${b['zh-CN']}`,
});

/** The labels of an enum field's options, when its definition gives any. */
function optionLabels(field: FieldInfo): Record<string, LocalizedText> | undefined {
  const labelled = (field.definition?.options ?? []).flatMap((o) => (typeof o === 'object' && o.label ? [[o.value, { en: o.label.en ?? o.value, 'zh-CN': o.label['zh-CN'] ?? o.label.en ?? o.value }] as const] : []));
  return labelled.length ? Object.fromEntries(labelled) : undefined;
}

interface Selected {
  column: AggregateColumn;
  sql: SqlFragment;
  field?: FieldInfo;
}

/**
 * One GROUP BY statement over the records the caller may read: the row scope is in the WHERE, and a
 * field the caller cannot read may not be grouped, measured or filtered on (403 from the scope's guard).
 */
export async function aggregateRecords(objectName: string, rawInput: unknown, ctx: Ctx): Promise<AggregateResult> {
  const input = parseAggregateInput(rawInput);
  const { query, scope, object } = scopedQuery(ctx, objectName, 'read');
  const groups = input.groupBy.map((g, i) => groupColumn(scope, g.field, g.bucket, i));
  const titles = groups.flatMap((g, i) => titleColumn(scope, g, i));
  const measures = input.measures.map((m, i) => measureColumn(scope, m.fn, m.field, i));
  const percents = input.measures.flatMap((m, i) => (m.percent ? [percentColumn(measures[i])] : []));
  const selected = [...groups, ...titles, ...measures, ...percents];
  const keys = new Set<string>();
  for (const s of selected) {
    if (keys.has(s.column.key)) throw createError('BAD_REQUEST', msg('aggregate.duplicateColumn', { column: s.column.key }), [{ path: '', message: msg('aggregate.duplicateColumnDetail', { column: s.column.key }) }]);
    keys.add(s.column.key);
  }

  if (input.filter !== undefined) {
    const where = compileFilter(input.filter, scope, '/filter');
    if (where) query.whereRaw(where.sql, where.bindings as Knex.RawBinding[]);
  }
  const alias = (i: number) => `c${i}`;
  query.select(selected.map((s, i) => ctx.db.raw(`${s.sql.sql} AS ??`, [...(s.sql.bindings as Knex.RawBinding[]), alias(i)])));
  const grouped = [...groups, ...titles];
  if (grouped.length) query.groupByRaw(grouped.map((_, i) => alias(i)).join(', '));
  const order = orderOf(input.sort, selected, groups.length ? groups : measures);
  if (order.length) {
    // Enum values sort in the order their options are defined (a sales funnel's stages), others by value.
    const keys = order.map(({ index, desc }) => {
      const column = selected[index];
      const options = column.column.kind === 'group' ? column.field?.options : undefined;
      const direction = desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
      // An output name cannot be used inside an expression, so the grouped expression is repeated.
      if (!options?.length) return { sql: `${alias(index)} ${direction}`, bindings: [] as unknown[] };
      return { sql: `array_position(ARRAY[${options.map(() => '?').join(', ')}]::text[], (${column.sql.sql})::text) ${direction}`, bindings: [...options, ...column.sql.bindings] };
    });
    query.orderByRaw(keys.map((k) => k.sql).join(', '), keys.flatMap((k) => k.bindings) as Knex.RawBinding[]);
  }
  query.limit(input.limit + 1, { skipBinding: true });
  scope.applyJoins(query);

  const rows: Record<string, unknown>[] = await query;
  const truncated = rows.length > input.limit;
  return {
    object: object.name,
    columns: selected.map((s) => s.column),
    rows: rows.slice(0, input.limit).map((row) => Object.fromEntries(selected.map((s, i) => [s.column.key, outputValue(s, row[alias(i)])]))),
    truncated,
  };
}

function resolve(scope: QueryScope, path: string, pointer: string) {
  return scope.resolvePath(path, 'select', pointer);
}

function groupColumn(scope: QueryScope, path: string, bucket: Bucket | undefined, i: number): Selected {
  const pointer = `/groupBy/${i}/field`;
  const resolved = resolve(scope, path, pointer);
  const kind = fieldKind(resolved.field);
  if (UNGROUPABLE.has(kind)) throw createError('BAD_REQUEST', msg('aggregate.ungroupable', { path: quoted(path), type: resolved.field.type }), [{ path: pointer, message: msg('aggregate.cannotBeGrouped') }]);
  const label = labelOf(resolved.field);
  if (!bucket) {
    const options = optionLabels(resolved.field);
    return { column: { key: path, kind: 'group', field: path, type: kind, label, ...(options ? { options } : {}) }, sql: resolved, field: resolved.field };
  }
  if (!BUCKETABLE.has(kind)) {
    throw createError('BAD_REQUEST', msg('aggregate.bucketNeedsDate', { bucket, path: quoted(path), type: resolved.field.type }), [{ path: `/groupBy/${i}/bucket`, message: msg('aggregate.needsDateField') }]);
  }
  // Datetimes are bucketed by their UTC calendar; a bucket is named by the date it starts on.
  const value = kind === 'datetime' ? `(${resolved.sql} AT TIME ZONE 'UTC')` : resolved.sql;
  return {
    column: { key: `${path}_${bucket}`, kind: 'group', field: path, bucket, type: 'date', label: { en: `${label.en} by ${BUCKET_LABEL[bucket].en}`, 'zh-CN': `${label['zh-CN']}（按${BUCKET_LABEL[bucket]['zh-CN']}）` } },
    sql: { sql: `(date_trunc('${bucket}', ${value})::date)`, bindings: resolved.bindings },
  };
}

/** A lookup grouping also shows the target's title, when the caller may read it. */
function titleColumn(scope: QueryScope, group: Selected, i: number): Selected[] {
  const field = group.field;
  if (!field || field.type !== 'lookup' || !field.target || group.column.bucket) return [];
  const target = scope.snapshot.objects.get(field.target);
  if (!target) return [];
  try {
    const resolved = resolve(scope, `${group.column.field}.${target.titleField}`, `/groupBy/${i}/field`);
    return [{ column: { key: `${group.column.key}__title`, kind: 'title', field: group.column.field, type: 'text', label: group.column.label }, sql: { sql: `(${resolved.sql})::text`, bindings: resolved.bindings } }];
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') return [];
    throw err;
  }
}

function measureColumn(scope: QueryScope, fn: MeasureFn, path: string | undefined, i: number): Selected {
  const pointer = `/measures/${i}/field`;
  if (path === undefined) {
    if (fn !== 'count') throw createError('BAD_REQUEST', msg('aggregate.measureNeedsField', { fn }), [{ path: pointer, message: msg('value.required') }]);
    return { column: { key: 'count', kind: 'measure', fn, type: 'number', label: FN_LABEL.count }, sql: { sql: 'count(*)', bindings: [] } };
  }
  const resolved = resolve(scope, path, pointer);
  const kind = fieldKind(resolved.field);
  const allowed = fn === 'sum' || fn === 'avg' ? NUMERIC : fn === 'min' || fn === 'max' ? ORDERED : new Set([...ORDERED, 'id', 'boolean'] as ValueKind[]);
  if (!allowed.has(kind)) throw createError('BAD_REQUEST', msg('aggregate.notMeasurable', { fn, path: quoted(path), type: resolved.field.type }), [{ path: pointer, message: msg('aggregate.cannotMeasure', { fn }) }]);
  const sql = fn === 'count_distinct' ? `count(DISTINCT ${resolved.sql})` : `${fn}(${resolved.sql})`;
  const type = fn === 'min' || fn === 'max' ? kind : 'number';
  return {
    column: { key: `${fn}_${path}`, kind: 'measure', fn, field: path, type, label: joinLabels(FN_LABEL[fn], labelOf(resolved.field), ' of ', '·') },
    sql: { sql, bindings: resolved.bindings },
    field: fn === 'min' || fn === 'max' ? resolved.field : undefined,
  };
}

/** The measure's share of its total over all groups, computed by a window over the grouped rows. */
function percentColumn(measure: Selected): Selected {
  const { sql, bindings } = measure.sql;
  return {
    column: { key: `${measure.column.key}_pct`, kind: 'percent', fn: measure.column.fn, field: measure.column.field, type: 'number', label: joinLabels(measure.column.label, { en: '%', 'zh-CN': '%' }, ' ', ' ') },
    sql: { sql: `round(100.0 * ${sql} / NULLIF(sum(${sql}) OVER (), 0), 2)`, bindings: [...bindings, ...bindings] },
  };
}

function orderOf(sort: string | undefined, selected: Selected[], fallback: Selected[]): { index: number; desc: boolean }[] {
  if (!sort) return fallback.map((s) => ({ index: selected.indexOf(s), desc: s.column.kind === 'measure' }));
  return sort.split(',').map((item, i) => {
    const desc = item.startsWith('-');
    const key = desc ? item.slice(1) : item;
    const index = selected.findIndex((s) => s.column.key === key);
    if (index < 0) {
      throw createError('BAD_REQUEST', msg('aggregate.sortNotColumn', { key: quoted(key), columns: selected.map((s) => s.column.key).join(', ') }), [{ path: `/sort/${i}`, message: msg('aggregate.notAColumn') }]);
    }
    return { index, desc };
  });
}

function outputValue(selected: Selected, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (selected.field) return toApiValue(selected.field, value);
  if (selected.column.type === 'date') return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
  if (selected.column.type === 'number') return Number(value);
  return value;
}
