import type { CalendarDefinition, Hours } from '@/api/types';
import type { ErrorDetail } from '@/api/api-error';

/** The weekdays in the order the editor shows them (the keys of a calendar's `week`). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Holiday = NonNullable<CalendarDefinition['holidays']>[number];

/** A holiday as the editor shows it; `index` is its place in the definition, which the server's pointers name. */
export interface HolidayRow {
  index: number;
  from: string;
  to: string;
  name: string;
}

const OFFICE: Hours = [['09:00', '12:00'], ['13:30', '18:00']];

/** A new calendar: office hours on weekdays in the browser's own time zone. */
export function starterCalendar(name: string): CalendarDefinition {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { name, label: { en: name }, timezone, week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] }, holidays: [], workdays: [] };
}

/** The times offered for a period's ends, every half hour; others can be typed. */
export const TIMES: string[] = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

export function holidayRow(holiday: Holiday, index: number): HolidayRow {
  return typeof holiday === 'string' ? { index, from: holiday, to: holiday, name: '' } : { index, from: holiday.from, to: holiday.to, name: holiday.name ?? '' };
}

/** The definition's form of a holiday: a bare date for one unnamed day, a range otherwise. */
export function holidayOf(row: Pick<HolidayRow, 'from' | 'to' | 'name'>): Holiday {
  const name = row.name.trim();
  const to = row.to || row.from;
  if (to === row.from && !name) return row.from;
  return name ? { from: row.from, to, name } : { from: row.from, to };
}

/** Holidays in date order, so that the stored calendar reads as the editor shows it. */
export function sortedHolidays(holidays: Holiday[]): Holiday[] {
  return holidays.map((h, i) => holidayRow(h, i)).sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)).map(holidayOf);
}

/** Holidays by the year they start in, each year's in date order. */
export function holidaysByYear(holidays: Holiday[]): { year: string; rows: HolidayRow[] }[] {
  const years = new Map<string, HolidayRow[]>();
  const rows = holidays.map(holidayRow).sort((a, b) => a.from.localeCompare(b.from) || a.index - b.index);
  for (const row of rows) {
    const year = row.from.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), row]);
  }
  return [...years].map(([year, list]) => ({ year, rows: list }));
}

/** How many days a list of holidays covers (a range counts each of its days). */
export function holidayDayCount(holidays: Holiday[] | undefined): number {
  const days = new Set<string>();
  for (const h of holidays ?? []) {
    const { from, to } = holidayRow(h, 0);
    const end = Date.parse(`${to}T00:00:00Z`);
    let at = Date.parse(`${from}T00:00:00Z`);
    for (let i = 0; at <= end && i < 3700; i++, at += 86_400_000) days.add(new Date(at).toISOString().slice(0, 10));
  }
  return days.size;
}

/** The messages of the problems at a JSON pointer, or also below it with `below`. */
export function messagesAt(problems: readonly ErrorDetail[], pointer: string, below = false): string[] {
  return [...new Set(problems.filter((p) => p.path === pointer || (below && p.path.startsWith(`${pointer}/`))).map((p) => p.message))];
}
