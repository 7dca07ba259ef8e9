import { describe, expect, it } from 'vitest';
import { bucketEnd, bucketText, chartOption, chartProblem, crossTab, drillFilter, shortLabel, type Presenter, type ReportAnswer, type ReportColumn, type ReportRow } from '../../../plugins/reporting/ui/report-chart.ts';

// How the reporting pages draw an aggregate answer: series per chart type, the cross-tab of two
// groupings (stacked bars, pivot tables), lookup titles and bucket names.

const REGION: ReportColumn = { key: 'region', kind: 'group', field: 'region', type: 'enum', label: { en: 'Region' } };
const STAGE: ReportColumn = { key: 'stage', kind: 'group', field: 'stage', type: 'enum', label: { en: 'Stage' } };
const COUNT: ReportColumn = { key: 'count', kind: 'measure', fn: 'count', type: 'number', label: { en: 'Count' } };
const SUM: ReportColumn = { key: 'sum_amount', kind: 'measure', fn: 'sum', field: 'amount', type: 'number', label: { en: 'Sum of Amount' } };
const SUM_PCT: ReportColumn = { key: 'sum_amount_pct', kind: 'percent', fn: 'sum', field: 'amount', type: 'number', label: { en: 'Sum of Amount %' } };

const presenter: Presenter = {
  columnLabel: (c) => c.label.en ?? c.key,
  groupValue: (c: ReportColumn, row: ReportRow) => {
    const title = row[`${c.key}__title`];
    if (typeof title === 'string') return title;
    return row[c.key] === null ? '(blank)' : String(row[c.key]).toUpperCase();
  },
};

const byRegion: ReportAnswer = {
  object: 'deal',
  columns: [REGION, COUNT, SUM, SUM_PCT],
  rows: [
    { region: 'cq', count: 2, sum_amount: 400, sum_amount_pct: 61.54 },
    { region: 'sc', count: 1, sum_amount: 250, sum_amount_pct: 38.46 },
    { region: null, count: 1, sum_amount: null, sum_amount_pct: null },
  ],
  truncated: false,
};

const regionStage: ReportAnswer = {
  object: 'deal',
  columns: [REGION, STAGE, SUM],
  rows: [
    { region: 'cq', stage: 'open', sum_amount: 300 },
    { region: 'cq', stage: 'won', sum_amount: 100 },
    { region: 'sc', stage: 'won', sum_amount: 200 },
    { region: 'sc', stage: 'lost', sum_amount: 50 },
  ],
  truncated: false,
};

type Series = { name: string; type: string; stack?: string; data: unknown[]; yAxisIndex?: number; xAxisIndex?: number; sort?: string; itemStyle?: { color: string } };
const seriesOf = (option: Record<string, unknown> | null) => (option?.series ?? []) as Series[];

describe('chartOption', () => {
  it('draws one bar series per measure along the grouping, leaving percentages to the table', () => {
    const option = chartOption(byRegion, { type: 'bar' }, presenter)!;
    expect((option.xAxis as { data: string[] }).data).toEqual(['CQ', 'SC', '(blank)']);
    expect(seriesOf(option).map((s) => [s.name, s.type, (s.data as { value: number | null }[]).map((d) => d.value)])).toEqual([
      ['Count', 'bar', [2, 1, 1]],
      ['Sum of Amount', 'bar', [400, 250, null]],
    ]);
    // Each bar knows its row, for opening the records behind it.
    expect((seriesOf(option)[1].data as { row: number }[]).map((d) => d.row)).toEqual([0, 1, 2]);
  });

  it('gives a measure of another magnitude its own value axis, so that it does not lie flat', () => {
    const option = chartOption(byRegion, { type: 'bar' }, presenter)!;
    expect(seriesOf(option).map((s) => s.yAxisIndex)).toEqual([undefined, 1]);
    expect((option.yAxis as { name: string }[]).map((a) => a.name)).toEqual(['Count', 'Sum of Amount']);
    const close: ReportAnswer = { ...byRegion, rows: byRegion.rows.map((r) => ({ ...r, sum_amount: 3 })) };
    expect(seriesOf(chartOption(close, { type: 'line' }, presenter)).map((s) => s.yAxisIndex)).toEqual([undefined, undefined]);
  });

  it('turns a horizontal bar chart on its side', () => {
    const option = chartOption({ ...byRegion, columns: [REGION, COUNT] }, { type: 'bar', horizontal: true }, presenter)!;
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['CQ', 'SC', '(blank)'], inverse: true });
    expect(option.xAxis).toMatchObject({ type: 'value' });
  });

  it('pivots two groupings into one stacked series per value of the second, gaps as null', () => {
    const option = chartOption(regionStage, { type: 'stacked_bar' }, presenter)!;
    expect((option.xAxis as { data: string[] }).data).toEqual(['CQ', 'SC']);
    expect(seriesOf(option).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['OPEN', 'total', [300, null]],
      ['WON', 'total', [100, 200]],
      ['LOST', 'total', [null, 50]],
    ]);
    expect(option.legend).toBeDefined();
  });

  it('draws a line per value of the second grouping, unstacked', () => {
    const series = seriesOf(chartOption(regionStage, { type: 'line' }, presenter));
    expect(series.every((s) => s.type === 'line' && s.stack === undefined)).toBe(true);
    expect(series.map((s) => s.name)).toEqual(['OPEN', 'WON', 'LOST']);
  });

  it('draws pie and funnel slices from the first measure, named by the grouping (a lookup by its title)', () => {
    const byAccount: ReportAnswer = {
      object: 'deal',
      columns: [{ key: 'account', kind: 'group', field: 'account', type: 'id', label: { en: 'Account' } }, { key: 'account__title', kind: 'title', field: 'account', type: 'text', label: { en: 'Account' } }, COUNT],
      rows: [{ account: '1', account__title: 'Acme', count: 5 }, { account: '2', account__title: 'Globex', count: 3 }],
      truncated: false,
    };
    const pie = seriesOf(chartOption(byAccount, { type: 'pie' }, presenter))[0];
    expect(pie).toMatchObject({ type: 'pie', data: [{ name: 'Acme', value: 5, row: 0 }, { name: 'Globex', value: 3, row: 1 }] });
    const funnel = seriesOf(chartOption(byAccount, { type: 'funnel' }, presenter))[0];
    expect(funnel).toMatchObject({ type: 'funnel', data: [{ name: 'Acme', value: 5 }, { name: 'Globex', value: 3 }] });
  });

  it('draws a funnel widest at the top, whatever order the answer gives its stages', () => {
    const ascending: ReportAnswer = { ...byRegion, rows: [...byRegion.rows].reverse() };
    const funnel = seriesOf(chartOption(ascending, { type: 'funnel' }, presenter))[0];
    expect(funnel.sort).toBe('descending');
  });

  it('colours slices, single-measure bars and the series of a second grouping by the options\' declared colours', () => {
    const colours: Record<string, string> = { cq: '#ff0000', sc: '#00ff00', won: '#1f8a4c' };
    const coloured: Presenter = { ...presenter, groupColor: (c, row) => colours[String(row[c.key])] };
    const pie = seriesOf(chartOption(byRegion, { type: 'pie' }, coloured))[0];
    expect((pie.data as { itemStyle?: { color: string } }[]).map((d) => d.itemStyle?.color)).toEqual(['#ff0000', '#00ff00', undefined]);
    const oneMeasure: ReportAnswer = { ...byRegion, columns: [REGION, COUNT] };
    const bars = seriesOf(chartOption(oneMeasure, { type: 'bar' }, coloured))[0];
    expect((bars.data as { itemStyle?: { color: string } }[])[0].itemStyle?.color).toBe('#ff0000');
    // Several measures: colour tells the measures apart, not the groups.
    expect((seriesOf(chartOption(byRegion, { type: 'bar' }, coloured))[0].data as { itemStyle?: unknown }[])[0].itemStyle).toBeUndefined();
    const stacked = seriesOf(chartOption(regionStage, { type: 'stacked_bar' }, coloured));
    expect(stacked.find((s) => s.name === 'WON')?.itemStyle).toEqual({ color: '#1f8a4c' });
    expect(stacked.find((s) => s.name === 'OPEN')?.itemStyle).toBeUndefined();
  });

  it('shortens long category and legend names (the tooltip names the whole), counting Chinese characters double', () => {
    expect(shortLabel('Chongqing Machinery Works Group')).toBe('Chongqing Machin…');
    expect(shortLabel('重庆渝通机械制造有限公司')).toBe('重庆渝通机械制造…');
    expect(shortLabel('Short')).toBe('Short');
    const long: ReportAnswer = { ...byRegion, rows: [{ region: 'a very long region name indeed', count: 1, sum_amount: 1, sum_amount_pct: 100 }] };
    const option = chartOption(long, { type: 'bar' }, presenter)!;
    const axisLabel = (option.xAxis as { axisLabel: { formatter: (name: string) => string } }).axisLabel;
    expect(axisLabel.formatter('A VERY LONG REGION NAME INDEED')).toBe('A VERY LONG REGI…');
    expect((option.tooltip as { trigger: string }).trigger).toBe('axis');
    const pie = chartOption(long, { type: 'pie' }, presenter)!;
    expect((pie.legend as { formatter: (name: string) => string }).formatter('A VERY LONG REGION NAME INDEED')).toBe('A VERY LONG REGI…');
  });

  it('draws nothing for a table, an answer without groupings or without rows', () => {
    expect(chartOption(byRegion, { type: 'table' }, presenter)).toBeNull();
    expect(chartOption({ ...byRegion, columns: [COUNT], rows: [{ count: 4 }] }, { type: 'bar' }, presenter)).toBeNull();
    expect(chartOption({ ...byRegion, rows: [] }, { type: 'pie' }, presenter)).toBeNull();
  });
});

describe('crossTab', () => {
  it('puts the first grouping down and the others across, in answer order, with each cell', () => {
    const tab = crossTab(regionStage, presenter);
    expect(tab.down.map((d) => d.label)).toEqual(['CQ', 'SC']);
    expect(tab.across.map((a) => a.label)).toEqual(['OPEN', 'WON', 'LOST']);
    const [cq, sc] = tab.down.map((d) => d.key);
    const [open, , lost] = tab.across.map((a) => a.key);
    expect(tab.cell(cq, open, 'sum_amount')).toBe(300);
    expect(tab.cell(sc, open, 'sum_amount')).toBeNull();
    expect(tab.cell(sc, lost, 'sum_amount')).toBe(50);
  });

  it('joins the third and further groupings into the column across', () => {
    const YEAR: ReportColumn = { key: 'closed_year', kind: 'group', field: 'closed', bucket: 'year', type: 'date', label: { en: 'Closed by year' } };
    const answer: ReportAnswer = { object: 'deal', columns: [REGION, STAGE, YEAR, COUNT], rows: [{ region: 'cq', stage: 'won', closed_year: '2026-01-01', count: 1 }], truncated: false };
    expect(crossTab(answer, presenter).across.map((a) => a.label)).toEqual(['WON · 2026-01-01']);
  });
});

describe('chartProblem', () => {
  it('asks for the groupings each chart draws, as the server does on save', () => {
    expect(chartProblem('pie', 1)).toBeNull();
    expect(chartProblem('pie', 2)).toBe('oneGrouping');
    expect(chartProblem('funnel', 0)).toBe('oneGrouping');
    expect(chartProblem('stacked_bar', 1)).toBe('twoGroupings');
    expect(chartProblem('stacked_bar', 2)).toBeNull();
    expect(chartProblem('bar', 0)).toBe('aGrouping');
    expect(chartProblem('line', 3)).toBeNull();
    expect(chartProblem('table', 0)).toBeNull();
  });
});

describe('bucketText', () => {
  it('names a bucket by the period it stands for, in both languages', () => {
    expect(bucketText('2026-04-01', 'quarter', 'en')).toBe('2026 Q2');
    expect(bucketText('2026-04-01', 'quarter', 'zh-CN')).toBe('2026年第2季度');
    expect(bucketText('2026-11-01', 'month', 'en')).toBe('2026-11');
    expect(bucketText('2026-11-01', 'month', 'zh-CN')).toBe('2026年11月');
    expect(bucketText('2026-01-01', 'year', 'en')).toBe('2026');
    expect(bucketText('2026-03-30', 'week', 'en')).toBe('Week of 2026-03-30');
    expect(bucketText('2026-03-30', 'day', 'zh-CN')).toBe('2026-03-30');
    expect(bucketText('soon', 'day', 'en')).toBe('soon');
  });
});

describe('value axes', () => {
  it('steps by whole numbers on an axis of counts only', () => {
    const counts = chartOption({ ...byRegion, columns: [REGION, COUNT] }, { type: 'bar' }, presenter)!;
    expect(counts.yAxis).toMatchObject({ minInterval: 1 });
    const sums = chartOption({ ...byRegion, columns: [REGION, SUM] }, { type: 'bar' }, presenter)!;
    expect((sums.yAxis as Record<string, unknown>).minInterval).toBeUndefined();
    const both = chartOption(byRegion, { type: 'bar' }, presenter)!;
    expect((both.yAxis as Record<string, unknown>[]).map((a) => a.minInterval)).toEqual([1, undefined]);
  });
});

describe('drillFilter', () => {
  it('turns a row into the condition on its groupings, ANDed with the report filter', () => {
    expect(drillFilter(regionStage, regionStage.rows[0])).toEqual({ $and: [{ region: { $eq: 'cq' } }, { stage: { $eq: 'open' } }] });
    expect(drillFilter(byRegion, byRegion.rows[0], { stage: { $ne: 'lost' } })).toEqual({ $and: [{ stage: { $ne: 'lost' } }, { region: { $eq: 'cq' } }] });
    expect(drillFilter(byRegion, byRegion.rows[2])).toEqual({ region: { $null: true } });
  });

  it('turns a bucket into its range of days and a lookup path into a path condition', () => {
    const answer = { columns: [{ key: 'closed_quarter', kind: 'group', field: 'closed', bucket: 'quarter', type: 'date', label: {} }, { key: 'account.region', kind: 'group', field: 'account.region', type: 'enum', label: {} }] as ReportColumn[] };
    expect(drillFilter(answer, { closed_quarter: '2026-10-01', 'account.region': 'sc' })).toEqual({ $and: [{ closed: { $gte: '2026-10-01', $lt: '2027-01-01' } }, { 'account.region': { $eq: 'sc' } }] });
  });

  it('knows where each bucket ends', () => {
    expect(bucketEnd('2026-12-31', 'day')).toBe('2027-01-01');
    expect(bucketEnd('2026-03-30', 'week')).toBe('2026-04-06');
    expect(bucketEnd('2026-12-01', 'month')).toBe('2027-01-01');
    expect(bucketEnd('2026-10-01', 'quarter')).toBe('2027-01-01');
    expect(bucketEnd('2026-01-01', 'year')).toBe('2027-01-01');
  });

  it('has nothing to open without groupings', () => {
    expect(drillFilter({ columns: [COUNT] }, { count: 3 })).toBeNull();
  });
});

describe('value axes by magnitude', () => {
  it('gives each order of magnitude its own axis, up to three, the first measure on the first', () => {
    const AVG: ReportColumn = { key: 'avg_amount', kind: 'measure', fn: 'avg', field: 'amount', type: 'number', label: { en: 'Average of Amount' } };
    const answer: ReportAnswer = {
      object: 'deal',
      columns: [REGION, SUM, COUNT, AVG],
      rows: [{ region: 'cq', sum_amount: 30_000_000, count: 40, avg_amount: 750_000 }, { region: 'sc', sum_amount: 20_000_000, count: 25, avg_amount: 800_000 }],
      truncated: false,
    };
    const option = chartOption(answer, { type: 'bar' }, presenter)!;
    expect(seriesOf(option).map((s) => s.yAxisIndex)).toEqual([undefined, 1, 2]);
    expect((option.yAxis as Record<string, unknown>[]).map((a) => [a.name, a.position, a.offset])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      [undefined, 'right', 64],
    ]);
    const sideways = chartOption(answer, { type: 'bar', horizontal: true }, presenter)!;
    expect(seriesOf(sideways).map((s) => s.xAxisIndex)).toEqual([undefined, 1, 2]);
    expect((sideways.xAxis as Record<string, unknown>[])[2]).toMatchObject({ position: 'top', offset: 28 });
  });

  it('keeps stacked measures on one axis, and leaves out labels only when there are many groups', () => {
    const stacked = chartOption(byRegion, { type: 'stacked_bar' }, presenter)!;
    expect(seriesOf(stacked).every((s) => s.yAxisIndex === undefined && s.stack === 'total')).toBe(true);
    expect((stacked.xAxis as { axisLabel: { interval: unknown } }).axisLabel.interval).toBe(0);
    const many: ReportAnswer = { ...byRegion, columns: [REGION, COUNT], rows: Array.from({ length: 20 }, (_, i) => ({ region: `r${i}`, count: i })) };
    expect((chartOption(many, { type: 'bar' }, presenter)!.xAxis as { axisLabel: { interval: unknown } }).axisLabel.interval).toBe('auto');
  });
});
