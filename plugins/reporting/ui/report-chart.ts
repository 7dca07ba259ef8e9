// What a report's answer ({columns, rows}) looks like as a chart or a cross-tab. Pure functions: the
// page supplies how values read in the user's language (a Presenter), this module does the layout.

export type Localized = { en?: string; 'zh-CN'?: string };
export type ChartType = 'table' | 'bar' | 'stacked_bar' | 'line' | 'pie' | 'funnel';
export const CHART_TYPES: ChartType[] = ['table', 'bar', 'stacked_bar', 'line', 'pie', 'funnel'];
export type Bucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface ReportColumn {
  key: string;
  kind: 'group' | 'measure' | 'title' | 'percent';
  field?: string;
  fn?: string;
  bucket?: Bucket;
  type: string;
  label: Localized;
}

export type ReportRow = Record<string, unknown>;

export interface ReportAnswer {
  object: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  truncated: boolean;
}

export interface ChartSettings {
  type: ChartType;
  horizontal?: boolean;
}

/** How the page shows columns and values in the user's language. */
export interface Presenter {
  columnLabel(column: ReportColumn): string;
  /** A grouping's value in a row as a person reads it (title of a lookup, label of an option, a bucket's period). */
  groupValue(column: ReportColumn, row: ReportRow): string;
  /** The colour the object declares for a grouping's option in a row (`options[].color`), if any. */
  groupColor?(column: ReportColumn, row: ReportRow): string | undefined;
}

/** Axis and legend labels longer than this are shortened; the tooltip names the whole. */
export const LABEL_CHARS = 16;

/** A long name shortened with an ellipsis (Chinese characters count double, as they are twice as wide). */
export function shortLabel(name: string, max = LABEL_CHARS): string {
  let width = 0;
  let out = '';
  for (const ch of name) {
    width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

const colored = (color: string | undefined) => (color ? { itemStyle: { color } } : {});

export const groupColumns = (answer: Pick<ReportAnswer, 'columns'>) => answer.columns.filter((c) => c.kind === 'group');
export const measureColumns = (answer: Pick<ReportAnswer, 'columns'>) => answer.columns.filter((c) => c.kind === 'measure');
/** The column holding a lookup grouping's record title, when the answer has one. */
export const titleColumnOf = (answer: Pick<ReportAnswer, 'columns'>, group: ReportColumn) => answer.columns.find((c) => c.kind === 'title' && c.key === `${group.key}__title`);

/** Why a chart cannot draw this many groupings (the same rule the server checks on save), or null. */
export function chartProblem(type: ChartType, groupings: number): 'oneGrouping' | 'twoGroupings' | 'aGrouping' | null {
  if (type === 'pie' || type === 'funnel') return groupings === 1 ? null : 'oneGrouping';
  if (type === 'stacked_bar') return groupings === 2 ? null : 'twoGroupings';
  if (type !== 'table' && groupings === 0) return 'aGrouping';
  return null;
}

/** A bucket named by its first day (`2026-04-01`) as the period it stands for. */
export function bucketText(value: unknown, bucket: Bucket, language: string): string {
  const text = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return text;
  const [, y, m] = match;
  const zh = language === 'zh-CN';
  switch (bucket) {
    case 'year':
      return zh ? `${y}年` : y;
    case 'quarter': {
      const q = Math.floor((Number(m) - 1) / 3) + 1;
      return zh ? `${y}年第${q}季度` : `${y} Q${q}`;
    }
    case 'month':
      return zh ? `${y}年${Number(m)}月` : `${y}-${m}`;
    case 'week':
      return zh ? `${text.slice(0, 10)} 当周` : `Week of ${text.slice(0, 10)}`;
    default:
      return text.slice(0, 10);
  }
}

const identity = (value: unknown) => (value === null || value === undefined ? '\u0000' : typeof value === 'object' ? JSON.stringify(value) : String(value));

export interface CrossTabKey {
  key: string;
  label: string;
}

/**
 * Two or more groupings as a cross-tab: the first grouping down, the others (joined) across, in the
 * order the answer gives them. `cell(row, col, measure)` is the measure where both meet, or null.
 */
export interface CrossTab {
  down: CrossTabKey[];
  across: CrossTabKey[];
  cell(down: string, across: string, measure: string): number | null;
}

export function crossTab(answer: ReportAnswer, presenter: Presenter): CrossTab {
  const groups = groupColumns(answer);
  const down = new Map<string, string>();
  const across = new Map<string, string>();
  const cells = new Map<string, ReportRow>();
  for (const row of answer.rows) {
    const d = identity(row[groups[0].key]);
    const rest = groups.slice(1);
    const a = rest.map((g) => identity(row[g.key])).join('\u0001');
    if (!down.has(d)) down.set(d, presenter.groupValue(groups[0], row));
    if (!across.has(a)) across.set(a, rest.map((g) => presenter.groupValue(g, row)).join(' · '));
    cells.set(`${d}\u0002${a}`, row);
  }
  return {
    down: [...down].map(([key, label]) => ({ key, label })),
    across: [...across].map(([key, label]) => ({ key, label })),
    cell: (d, a, measure) => {
      const value = cells.get(`${d}\u0002${a}`)?.[measure];
      return value === null || value === undefined ? null : Number(value);
    },
  };
}

/** A row's groupings read together (`Chongqing · won`), for charts that draw one item per row. */
export const rowName = (answer: ReportAnswer, row: ReportRow, presenter: Presenter) => groupColumns(answer).map((g) => presenter.groupValue(g, row)).join(' · ');

/** The colour of the second grouping's value that a cross-tab column stands for. */
function colorOfAcross(answer: ReportAnswer, group: ReportColumn, key: string, presenter: Presenter): string | undefined {
  const row = answer.rows.find((r) => identity(r[group.key]) === key);
  return row ? presenter.groupColor?.(group, row) : undefined;
}

const numberOf = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(value));
const largest = (answer: ReportAnswer, column: ReportColumn) => Math.max(0, ...answer.rows.map((row) => Math.abs(numberOf(row[column.key]) ?? 0)));

/**
 * Measures grouped by order of magnitude (within a factor of five of the group's first), the first
 * measure's group first; at most three groups, the third taking whatever is left.
 */
function magnitudeGroups(answer: ReportAnswer, measures: ReportColumn[]): ReportColumn[][] {
  const groups: { size: number; members: ReportColumn[] }[] = [];
  for (const m of measures) {
    const size = largest(answer, m);
    const home = groups.find((g) => (g.size === 0 ? size === 0 : size / g.size <= 5 && size / g.size >= 0.2));
    if (home) home.members.push(m);
    else groups.push({ size, members: [m] });
  }
  while (groups.length > 3) groups[2].members.push(...groups.pop()!.members);
  return groups.map((g) => g.members);
}

/** The ECharts option that draws the answer as `chart`, or null for a table (or nothing to draw). */
export function chartOption(answer: ReportAnswer, chart: ChartSettings, presenter: Presenter): Record<string, unknown> | null {
  const groups = groupColumns(answer);
  const measures = measureColumns(answer);
  if (chart.type === 'table' || !groups.length || !measures.length || !answer.rows.length) return null;
  const first = measures[0];

  if (chart.type === 'pie' || chart.type === 'funnel') {
    // Each item remembers its row, so that a click can open the records behind it. A funnel is widest
    // at the top: its stages are drawn largest first whatever the answer's order.
    const group = groups[0];
    const data = answer.rows.map((row, i) => ({ name: rowName(answer, row, presenter), value: numberOf(row[first.key]) ?? 0, row: i, ...colored(presenter.groupColor?.(group, row)) }));
    const common = { name: presenter.columnLabel(first), data };
    return {
      tooltip: { trigger: 'item', confine: true },
      legend: { type: 'scroll', bottom: 0, itemGap: 20, formatter: (name: string) => shortLabel(name), tooltip: { show: true } },
      series: [
        chart.type === 'pie'
          ? { ...common, type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { show: data.length <= 12, formatter: '{b}: {d}%', width: 120, overflow: 'truncate' }, labelLine: { show: data.length <= 12 } }
          : { ...common, type: 'funnel', sort: 'descending', left: '10%', width: '80%', top: 16, bottom: 48, label: { show: true, position: 'inside', formatter: '{b}: {c}', width: 200, overflow: 'truncate' } },
      ],
      // On a phone a pie's outside labels would be cut: the legend names the slices.
      ...(chart.type === 'pie' ? { media: [{ query: { maxWidth: 480 }, option: { series: [{ label: { show: false }, labelLine: { show: false } }] } }] } : {}),
    };
  }

  const seriesType = chart.type === 'line' ? 'line' : 'bar';
  const horizontal = chart.horizontal === true && seriesType === 'bar';
  let categories: string[];
  let series: Record<string, unknown>[];
  // The measures on each value axis.
  let axes: ReportColumn[][] = [[first]];
  if (groups.length >= 2) {
    // The first grouping along the axis, one series per value of the others (stacked for stacked_bar).
    const tab = crossTab(answer, presenter);
    categories = tab.down.map((d) => d.label);
    const second = groups[1];
    series = tab.across.map((a) => ({
      name: a.label,
      ...(groups.length === 2 ? colored(colorOfAcross(answer, second, a.key, presenter)) : {}),
      type: seriesType,
      ...(chart.type === 'stacked_bar' ? { stack: 'total' } : {}),
      data: tab.down.map((d) => tab.cell(d.key, a.key, first.key)),
    }));
  } else {
    categories = answer.rows.map((row) => presenter.groupValue(groups[0], row));
    // Measures of another order of magnitude (a count beside a sum of money) get a value axis of their
    // own, or they would lie flat along the bottom; stacked measures share one.
    axes = chart.type === 'stacked_bar' ? [measures] : magnitudeGroups(answer, measures);
    const axisOf = (m: ReportColumn) => axes.findIndex((members) => members.includes(m));
    series = measures.map((m) => ({
      name: presenter.columnLabel(m),
      type: seriesType,
      ...(chart.type === 'stacked_bar' ? { stack: 'total' } : {}),
      ...(axisOf(m) > 0 ? { [horizontal ? 'xAxisIndex' : 'yAxisIndex']: axisOf(m) } : {}),
      // One measure: each bar may take its option's colour; with several, colour tells the measures apart.
      data: answer.rows.map((row, i) => ({ value: numberOf(row[m.key]), row: i, ...(measures.length === 1 ? colored(presenter.groupColor?.(groups[0], row)) : {}) })),
    }));
  }
  for (const s of series) {
    if (seriesType === 'bar') Object.assign(s, { barMaxWidth: 48 });
    else Object.assign(s, { smooth: false, showSymbol: categories.length <= 40, connectNulls: true });
  }
  // Slanted when there are many or long names; every label while they fit, beyond a dozen (or where
  // they would still overlap) ECharts leaves some out rather than overprint them.
  const slanted = categories.length > 5 || categories.some((c) => c.length > 12);
  const interval = categories.length > 12 ? 'auto' : 0;
  const categoryAxis = {
    type: 'category',
    data: categories,
    // Long names are shortened (the axis tooltip names the whole); ECharts' outerBounds keeps them inside the canvas.
    axisLabel: { interval, formatter: (name: string) => shortLabel(name), ...(horizontal ? {} : { hideOverlap: true, rotate: slanted ? 35 : 0 }) },
  };
  // Counts have no halves: their axis steps by whole numbers.
  const whole = (columns: ReportColumn[]) => (columns.every((m) => m.fn === 'count' || m.fn === 'count_distinct') ? { minInterval: 1 } : {});
  const valueAxis: Record<string, unknown> | Record<string, unknown>[] = axes.length > 1
    ? axes.map((members, i) => ({
        type: 'value',
        // Two axes carry their measures' names; three would overprint each other's: the legend names them.
        name: axes.length === 2 ? members.map((m) => presenter.columnLabel(m)).join(', ') : undefined,
        ...whole(members),
        ...(i > 0 ? { splitLine: { show: false } } : {}),
        ...(i === 2 ? { position: horizontal ? 'top' : 'right', offset: horizontal ? 28 : 64 } : {}),
      }))
    : { type: 'value', name: series.length > 1 && groups.length >= 2 ? presenter.columnLabel(first) : undefined, ...whole(axes[0]) };
  const legend = series.length > 1;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: seriesType === 'bar' ? 'shadow' : 'line' } },
    ...(legend ? { legend: { type: 'scroll', bottom: 0, itemGap: 20 } } : {}),
    // ECharts 6 shrinks the grid until its axis labels fit in the outer bounds: the canvas, less the legend's strip.
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBounds: { left: 0, right: 0, top: 0, bottom: legend ? 32 : 0 } },
    // On its side the value axes run along the top and bottom, where their names would be cut off: the legend names them.
    xAxis: horizontal ? (Array.isArray(valueAxis) ? valueAxis.map((a) => ({ ...a, name: undefined })) : { ...valueAxis, name: undefined }) : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series,
  };
}

const DAY = 86_400_000;
/** The first day after a bucket that starts on `first` (YYYY-MM-DD), in UTC. */
export function bucketEnd(first: string, bucket: Bucket): string {
  const start = new Date(`${first.slice(0, 10)}T00:00:00Z`);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const d = start.getUTCDate();
  const next: Record<Bucket, Date> = {
    day: new Date(start.getTime() + DAY),
    week: new Date(start.getTime() + 7 * DAY),
    month: new Date(Date.UTC(y, m + 1, d)),
    quarter: new Date(Date.UTC(y, m + 3, d)),
    year: new Date(Date.UTC(y + 1, m, d)),
  };
  return next[bucket].toISOString().slice(0, 10);
}

/**
 * The records behind one row of the answer, in the filter language: the report's own filter and, for
 * each grouping, its value (a bucket as its range of days, a blank as $null). Null when a grouping
 * has no field to filter on.
 */
export function drillFilter(answer: Pick<ReportAnswer, 'columns'>, row: ReportRow, base?: unknown): Record<string, unknown> | null {
  const parts: unknown[] = base ? [base] : [];
  for (const g of groupColumns(answer)) {
    if (!g.field) return null;
    const value = row[g.key];
    if (value === null || value === undefined) parts.push({ [g.field]: { $null: true } });
    else if (g.bucket) parts.push({ [g.field]: { $gte: String(value).slice(0, 10), $lt: bucketEnd(String(value), g.bucket) } });
    else parts.push({ [g.field]: { $eq: value } });
  }
  if (!parts.length) return null;
  return parts.length === 1 ? (parts[0] as Record<string, unknown>) : { $and: parts };
}
