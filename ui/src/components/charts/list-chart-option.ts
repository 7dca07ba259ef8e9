import type { ChartOption } from './chart-option';

/** One slice or bar: the name people read, its value, the grouped value a click filters on, and the option's colour. */
export interface ChartItem {
  name: string;
  value: number;
  raw: unknown;
  color?: string;
}

export interface ListChartInput {
  kind: 'pie' | 'bar';
  items: ChartItem[];
  /** The measure's name, for the value axis. */
  measure: string;
  inPercent: boolean;
}

/** Axis and legend labels longer than this are shortened; the tooltip always names the whole. */
export const LABEL_CHARS = 14;

/** A long category name shortened with an ellipsis (Chinese characters count double, as they are twice as wide). */
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

const itemStyle = (color: string | undefined) => (color ? { itemStyle: { color } } : {});

/** The option of a list's chart: a pie (donut) or bars, labels that are never cut off, option colours where the object declares them. */
export function listChartOption({ kind, items, measure, inPercent }: ListChartInput): ChartOption {
  if (kind === 'pie') {
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', confine: true },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', formatter: (name: string) => shortLabel(name), tooltip: { show: true } },
      series: [{
        type: 'pie',
        radius: ['40%', '70%'],
        center: ['40%', '50%'],
        data: items.map((d) => ({ name: d.name, value: d.value, raw: d.raw, ...itemStyle(d.color) })),
        label: { show: items.length <= 8, width: 90, overflow: 'truncate' },
      }],
      // On a phone the legend goes under the donut, which then needs no outside labels (they would be cut).
      media: [{
        query: { maxWidth: 480 },
        option: {
          legend: { orient: 'horizontal', left: 'center', right: 'auto', top: 'auto', bottom: 0 },
          series: [{ center: ['50%', '42%'], radius: ['35%', '62%'], label: { show: false } }],
        },
      }],
    };
  }
  const slanted = items.length > 4 || items.some((d) => d.name.length > 8);
  return {
    tooltip: { trigger: 'axis', confine: true },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((d) => d.name),
      axisLabel: { interval: items.length > 16 ? 'auto' : 0, hideOverlap: true, rotate: slanted ? 35 : 0, formatter: (name: string) => shortLabel(name) },
    },
    yAxis: { type: 'value', name: inPercent ? `${measure} (%)` : measure, nameTextStyle: { align: 'left' }, ...(inPercent ? { axisLabel: { formatter: '{value} %' } } : {}) },
    series: [{
      type: 'bar',
      data: items.map((d) => ({ value: d.value, raw: d.raw, ...itemStyle(d.color) })),
      itemStyle: { color: '#4f7fe8' },
      barMaxWidth: 48,
    }],
  };
}
