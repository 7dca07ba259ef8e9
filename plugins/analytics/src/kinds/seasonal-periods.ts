import type { PeriodTotal } from '../engine/index.ts';
import { daysAfter } from '../read/date-window.ts';

/**
 * Totals per bucket (the day a month, ISO week or day starts on, YYYY-MM-DD) as the seasonal index
 * takes them: (year, period) with zeros for the buckets between the first and the last that had
 * none, since a month without sales is a month of zero, not an unknown one.
 */
export type SeasonPeriod = 'month' | 'week' | 'weekday';

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** ISO week-numbering year and week of a day. */
export function isoWeek(day: string): { year: number; week: number } {
  const date = utc(day);
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same ISO week decides its year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

function nextBucket(day: string, period: SeasonPeriod): string {
  if (period === 'week') return daysAfter(day, 7);
  if (period === 'weekday') return daysAfter(day, 1);
  const date = utc(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

function yearAndPeriod(day: string, period: SeasonPeriod): { year: number; period: number } {
  if (period === 'week') {
    const { year, week } = isoWeek(day);
    return { year, period: week };
  }
  const date = utc(day);
  return { year: date.getUTCFullYear(), period: period === 'month' ? date.getUTCMonth() + 1 : date.getUTCDay() || 7 };
}

export function periodTotals(byBucket: ReadonlyMap<string, number>, period: SeasonPeriod): PeriodTotal[] {
  if (!byBucket.size) return [];
  const buckets = [...byBucket.keys()].sort();
  const totals: PeriodTotal[] = [];
  for (let day = buckets[0]; day <= buckets[buckets.length - 1]; day = nextBucket(day, period)) {
    totals.push({ ...yearAndPeriod(day, period), total: byBucket.get(day) ?? 0 });
  }
  return totals;
}
