// The chart options of the retention page (RetentionAnalysis.vue), apart from the component so
// the arithmetic of the waterfall can be read and tested on its own.
import type { ChurnGroup, EditionLine } from '../src/retention/retention-answer.ts';

/** An ECharts option, as LazyChart takes it (this module stays free of the app's imports, for its unit test). */
type ChartOption = Record<string, unknown>;

export interface WaterfallStep { key: 'previous' | 'lost' | 'notYet' | 'older' | 'new' | 'current'; value: number; base: number; total: boolean }

/**
 * Last year's exhibitors, minus those lost and not back yet, plus those back from older editions
 * and the new ones, ends at this edition's exhibitors: each step floats on the running total.
 */
export function waterfallSteps(line: EditionLine): WaterfallStep[] {
  const before = line.fromPrevious?.exhibitors ?? 0;
  const lost = line.fromPrevious?.lost ?? 0;
  const notYet = line.fromPrevious?.notYet ?? 0;
  const kept = before - lost - notYet;
  return [
    { key: 'previous', value: before, base: 0, total: true },
    { key: 'lost', value: lost, base: before - lost, total: false },
    { key: 'notYet', value: notYet, base: kept, total: false },
    { key: 'older', value: line.returningFromOlder, base: kept, total: false },
    { key: 'new', value: line.new, base: kept + line.returningFromOlder, total: false },
    { key: 'current', value: line.exhibitors, base: 0, total: true },
  ];
}

const COLOURS: Record<WaterfallStep['key'], string> = { previous: '#909399', lost: '#f56c6c', notYet: '#e6a23c', older: '#409eff', new: '#67c23a', current: '#303133' };

/** A total shows its value, a step its signed change, a step of nothing no label. */
export function stepLabel(s: WaterfallStep): string {
  if (s.total) return String(s.value);
  if (!s.value) return '';
  return `${s.key === 'lost' || s.key === 'notYet' ? '−' : '+'}${s.value}`;
}

export function waterfallOption(line: EditionLine, label: (key: WaterfallStep['key']) => string): ChartOption {
  const steps = waterfallSteps(line);
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items: { dataIndex: number }[]) => `${label(steps[items[0].dataIndex].key)}: ${steps[items[0].dataIndex].value}` },
    xAxis: { type: 'category', data: steps.map((s) => label(s.key)), axisLabel: { interval: 0, width: 72, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: steps.map((s) => s.base) },
      {
        type: 'bar', stack: 'w', barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => stepLabel(steps[p.dataIndex]) },
        data: steps.map((s) => ({ value: s.value, itemStyle: { color: COLOURS[s.key] } })),
      },
    ],
  };
}

const percent = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);

/** Churn rate per group, highest first, with the exhibitors behind each bar in its label. */
export function churnBarsOption(groups: readonly ChurnGroup[], name: (g: ChurnGroup) => string): ChartOption {
  const shown = [...groups].sort((a, b) => (a.churnRate ?? 0) - (b.churnRate ?? 0));
  return {
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: shown.map(name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [{
      type: 'bar', barMaxWidth: 22, itemStyle: { color: '#f56c6c' },
      label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => { const g = shown[p.dataIndex]; return `${percent(g.churnRate)} % (${g.lost + g.notYet}/${g.exhibitors})`; } },
      data: shown.map((g) => percent(g.churnRate)),
    }],
  };
}

/** Exhibitors (bars) and churn from the previous edition (line) of every edition, season by season. */
export function seriesOption(series: readonly { season: string; editions: EditionLine[] }[], seasonName: (s: string) => string, names: { exhibitors: string; churn: string }): ChartOption {
  const years = [...new Set(series.flatMap((s) => s.editions.map((e) => e.edition.year)))].sort();
  const at = (s: { editions: EditionLine[] }, year: number) => s.editions.find((e) => e.edition.year === year);
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } }],
    series: series.flatMap((s) => [
      { type: 'bar', name: `${seasonName(s.season)} · ${names.exhibitors}`, barMaxWidth: 28, data: years.map((y) => at(s, y)?.exhibitors ?? null) },
      { type: 'line', name: `${seasonName(s.season)} · ${names.churn}`, yAxisIndex: 1, connectNulls: false, data: years.map((y) => { const r = at(s, y)?.fromPrevious?.churnRate; return r == null ? null : percent(r); }) },
    ]),
  };
}
