/** Calendar days as YYYY-MM-DD (UTC), and windows of whole months back from a day. */

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

/** The day `months` calendar months before `day` (the month's last day when it is shorter). */
export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return dayOf(target);
}

export function daysAfter(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return dayOf(date);
}

/** Whole days from `earlier` to `later`. */
export const daysBetween = (earlier: string, later: string): number => Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);

/**
 * The filter "after the day `from` and up to the end of the day `to`" on a date field, or on a
 * datetime field by UTC days.
 */
export function windowFilter(field: string, from: string | undefined, to: string): Record<string, unknown> {
  return { [field]: { ...(from ? { $gte: daysAfter(from, 1) } : {}), $lt: daysAfter(to, 1) } };
}
