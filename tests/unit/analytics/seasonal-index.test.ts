import { describe, expect, it } from 'vitest';
import { MONTHS, seasonalIndex } from '../../../plugins/analytics/src/engine/index.ts';

describe('seasonalIndex', () => {
  it('averages each period\'s ratio to its year\'s mean over the years that have it', () => {
    const totals = [
      // Mean 25: ratios 0.4, 0.8, 1.2, 1.6.
      ...[10, 20, 30, 40].map((total, i) => ({ year: 2023, period: i + 1, total })),
      // Flat: ratios 1.
      ...[20, 20, 20, 20].map((total, i) => ({ year: 2024, period: i + 1, total })),
      // Only two periods known: mean 10, ratios 0.5 and 1.5.
      { year: 2025, period: 1, total: 5 },
      { year: 2025, period: 2, total: 15 },
    ];
    const index = seasonalIndex(totals, [1, 2, 3, 4, 5]);
    expect(index.map((p) => p.years)).toEqual([3, 3, 2, 2, 0]);
    expect(index[0].index).toBeCloseTo((0.4 + 1 + 0.5) / 3, 12);
    expect(index[1].index).toBeCloseTo((0.8 + 1 + 1.5) / 3, 12);
    expect(index[2].index).toBeCloseTo(1.1, 12);
    expect(index[3].index).toBeCloseTo(1.3, 12);
    expect(index[4].index).toBeNull();
  });

  it('finds a December peak in monthly orders over several years', () => {
    const totals = [2022, 2023, 2024].flatMap((year, y) => MONTHS.map((month) => ({ year, period: month, total: (100 + 10 * y) * (month === 12 ? 3 : 1) })));
    const index = seasonalIndex(totals, MONTHS);
    // Each year: eleven months at x, December at 3x; mean 14x/12.
    expect(index[11].index).toBeCloseTo(36 / 14, 12);
    expect(index[0].index).toBeCloseTo(12 / 14, 12);
    expect(index.reduce((sum, p) => sum + p.index!, 0) / 12).toBeCloseTo(1, 12);
  });

  it('sums a period given twice and skips a year with nothing sold', () => {
    const index = seasonalIndex([
      { year: 2024, period: 1, total: 10 },
      { year: 2024, period: 1, total: 10 },
      { year: 2024, period: 2, total: 20 },
      { year: 2025, period: 1, total: 0 },
      { year: 2025, period: 2, total: 0 },
    ], [1, 2]);
    expect(index).toEqual([{ period: 1, index: 1, years: 1 }, { period: 2, index: 1, years: 1 }]);
  });
});
