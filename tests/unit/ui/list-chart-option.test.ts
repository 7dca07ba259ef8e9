import { describe, expect, it } from 'vitest';
import { listChartOption, shortLabel, type ChartItem } from '../../../ui/src/components/charts/list-chart-option.ts';
import { optionColor, readableTextOn, tagStyle } from '../../../ui/src/utils/option-colors.ts';

// Issue 17 item 9: a list's charts keep their labels readable and take the option colours an object declares.

const items: ChartItem[] = [
  { name: 'Research the solution for the customer', value: 3, raw: 'research_solution', color: '#4a78d4' },
  { name: '签约', value: 2, raw: 'sign', color: '#1f8a4c' },
  { name: 'Lost', value: 1, raw: 'lost' },
];
type Series = { data: { value: number; raw?: unknown; name?: string; itemStyle?: { color: string } }[]; label?: Record<string, unknown> };

describe('listChartOption', () => {
  it('colours bars and slices with their options\' colours, the others in the default colour', () => {
    for (const kind of ['bar', 'pie'] as const) {
      const [series] = listChartOption({ kind, items, measure: 'Count', inPercent: false }).series as Series[];
      expect(series.data.map((d) => d.itemStyle?.color)).toEqual(['#4a78d4', '#1f8a4c', undefined]);
      expect(series.data.map((d) => d.raw)).toEqual(['research_solution', 'sign', 'lost']);
    }
  });

  it('keeps bar labels inside the chart: contained grid, slanted and shortened names, the whole name in the tooltip', () => {
    const option = listChartOption({ kind: 'bar', items, measure: 'Sum of Amount', inPercent: false });
    expect(option.grid).toMatchObject({ containLabel: true });
    const xAxis = option.xAxis as { data: string[]; axisLabel: { rotate: number; interval: number; formatter: (name: string) => string } };
    expect(xAxis.data[0]).toBe('Research the solution for the customer');
    expect(xAxis.axisLabel.rotate).toBe(35);
    expect(xAxis.axisLabel.interval).toBe(0);
    expect(xAxis.axisLabel.formatter(xAxis.data[0])).toBe('Research the s…');
    expect(option.tooltip).toMatchObject({ trigger: 'axis', confine: true });
  });

  it('keeps short names level and speaks percent on a percent measure', () => {
    const option = listChartOption({ kind: 'bar', items: [{ name: 'A', value: 30, raw: 'a' }], measure: 'Avg of Discount', inPercent: true });
    expect((option.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(0);
    expect(option.yAxis).toMatchObject({ name: 'Avg of Discount (%)', axisLabel: { formatter: '{value} %' } });
  });

  it('shortens a pie\'s legend and truncates its slice labels, naming the whole in the tooltip', () => {
    const option = listChartOption({ kind: 'pie', items, measure: 'Count', inPercent: false });
    expect((option.legend as { formatter: (name: string) => string }).formatter(items[0].name)).toBe('Research the s…');
    const [series] = option.series as Series[];
    expect(series.label).toMatchObject({ overflow: 'truncate' });
    expect(series.data[0].name).toBe(items[0].name);
    expect(shortLabel('重庆渝通机械制造有限公司')).toBe('重庆渝通机械制…');
    // On a phone the legend moves under the donut and the outside labels, which would be cut, go.
    expect(option.media).toEqual([expect.objectContaining({ query: { maxWidth: 480 }, option: expect.objectContaining({ series: [expect.objectContaining({ label: { show: false } })] }) })]);
  });
});

describe('option colours', () => {
  const stage = { options: [{ value: 'won', color: '#1f8a4c' }, { value: 'open', color: 'orange' }, { value: 'lost' }, 'plain'] };
  it('finds the colour an option declares', () => {
    expect(optionColor(stage, 'won')).toBe('#1f8a4c');
    expect(optionColor(stage, 'lost')).toBeUndefined();
    expect(optionColor(stage, 'plain')).toBeUndefined();
  });

  it('fills a tag with a hex colour and picks the text that contrasts more; a named colour tints the outline', () => {
    expect(readableTextOn('#1f8a4c')).toBe('#ffffff');
    expect(readableTextOn('#d9e4f5')).toBe('#1f2329');
    expect(readableTextOn('#ffff00')).toBe('#1f2329');
    expect(tagStyle('#c0392b')).toEqual({ backgroundColor: '#c0392b', borderColor: '#c0392b', color: '#ffffff' });
    expect(tagStyle('orange')).toEqual({ color: 'orange', borderColor: 'orange' });
    expect(tagStyle(undefined)).toBeUndefined();
  });
});
