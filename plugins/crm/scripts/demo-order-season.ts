import { daysBetween, isoWeekday } from './demo-dates.ts';

/**
 * How busy a day is for orders, 1 = an ordinary weekday of an ordinary month: customers stock up in the
 * weeks before the Spring Festival and buy least during it, spend their budgets before the year ends, buy
 * more in autumn and less in summer, hardly order during the May and October holidays, and order on
 * working days, most in mid-week. docs/demo-data.md gives the figures the demo shows.
 */
export const WEEKDAY_FACTOR = [1.0, 1.25, 1.3, 1.2, 0.9, 0.12, 0.04] as const;

export function seasonFactor(date: string, springFestivals: readonly string[]): number {
  const month = Number(date.slice(5, 7));
  const dayOfMonth = Number(date.slice(8, 10));
  for (const festival of springFestivals) {
    const before = daysBetween(date, festival);
    if (before >= -7 && before <= 7) return 0.1;
    if (before > 7 && before <= 30) return 1.8;
    if (before >= -21 && before < -7) return 0.8;
  }
  if (month === 10 && dayOfMonth <= 7) return 0.1;
  if (month === 5 && dayOfMonth <= 5) return 0.3;
  if (month === 12) return dayOfMonth <= 24 ? 1.6 : 1.1;
  if (month >= 9 && month <= 11) return 1.35;
  if (month === 7 || month === 8) return 0.7;
  return 1;
}

export const orderDayFactor = (date: string, springFestivals: readonly string[]) => seasonFactor(date, springFestivals) * WEEKDAY_FACTOR[isoWeekday(date) - 1];
