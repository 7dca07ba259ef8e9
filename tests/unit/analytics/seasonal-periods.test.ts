import { describe, expect, it } from 'vitest';
import { isoWeek, periodTotals } from '../../../plugins/analytics/src/kinds/seasonal-periods.ts';

describe('seasonal periods', () => {
  it('number ISO weeks by the year of their Thursday', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2026-06-15')).toEqual({ year: 2026, week: 25 });
  });

  it('fill the months between the first and the last with zeros, and no others', () => {
    const totals = periodTotals(new Map([['2025-11-01', 5], ['2026-02-01', 7]]), 'month');
    expect(totals).toEqual([
      { year: 2025, period: 11, total: 5 },
      { year: 2025, period: 12, total: 0 },
      { year: 2026, period: 1, total: 0 },
      { year: 2026, period: 2, total: 7 },
    ]);
  });

  it('step weeks by seven days and weekdays by one, Monday 1 to Sunday 7', () => {
    expect(periodTotals(new Map([['2025-12-29', 1], ['2026-01-12', 3]]), 'week')).toEqual([
      { year: 2026, period: 1, total: 1 },
      { year: 2026, period: 2, total: 0 },
      { year: 2026, period: 3, total: 3 },
    ]);
    expect(periodTotals(new Map([['2026-03-07', 2], ['2026-03-09', 4]]), 'weekday')).toEqual([
      { year: 2026, period: 6, total: 2 },
      { year: 2026, period: 7, total: 0 },
      { year: 2026, period: 1, total: 4 },
    ]);
  });
});
