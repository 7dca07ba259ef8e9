// Days of a month calendar in the browser's time zone, as `YYYY-MM-DD` keys.

const pad = (n: number) => String(n).padStart(2, '0');

export const dayKey = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The local day a stored date (`2026-12-05`) or date-time (an ISO instant) falls on, or null. */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : dayKey(date);
}

export interface DayRange {
  from: Date;
  to: Date;
}

/** The days a month grid shows: the month with a week before it and two after (its leading and trailing weeks). */
export function monthRange(shown: Date): DayRange {
  const first = new Date(shown.getFullYear(), shown.getMonth(), 1);
  return { from: new Date(first.getFullYear(), first.getMonth(), -6), to: new Date(first.getFullYear(), first.getMonth() + 1, 14) };
}

const MAX_SPAN_DAYS = 62;

/** The days of the range a record is drawn on: its start day, or every day from start to end. */
export function daysOf(start: unknown, end: unknown, range: DayRange): string[] {
  const first = dayOf(start);
  if (!first) return [];
  const last = dayOf(end);
  const lo = dayKey(range.from);
  const hi = dayKey(range.to);
  if (!last || last <= first) return first >= lo && first <= hi ? [first] : [];
  const days: string[] = [];
  const cursor = new Date(`${first}T00:00:00`);
  for (let i = 0; i <= MAX_SPAN_DAYS; i++, cursor.setDate(cursor.getDate() + 1)) {
    const key = dayKey(cursor);
    if (key > last || key > hi) break;
    if (key >= lo) days.push(key);
  }
  return days;
}

/** A date or date-time moved to another day, keeping its time of day. */
function shifted(value: unknown, day: string, dateTime: boolean): string | null {
  if (!dateTime) return day;
  if (typeof value !== 'string') return null;
  const at = new Date(value);
  const [y, m, d] = day.split('-').map(Number);
  at.setFullYear(y, m - 1, d);
  return at.toISOString();
}

/** The values that move a record to `day` (its end follows by the same number of days), or null when it is there already. */
export function movedTo(record: Record<string, unknown>, day: string, dateField: string, endField: string | undefined, dateTime: boolean, endDateTime: boolean): Record<string, unknown> | null {
  const from = dayOf(record[dateField]);
  if (!from || from === day) return null;
  const values: Record<string, unknown> = { [dateField]: shifted(record[dateField], day, dateTime) };
  const end = endField ? dayOf(record[endField]) : null;
  if (endField && end) {
    const days = Math.round((new Date(`${day}T00:00:00`).getTime() - new Date(`${from}T00:00:00`).getTime()) / 86_400_000);
    const next = new Date(`${end}T00:00:00`);
    next.setDate(next.getDate() + days);
    values[endField] = shifted(record[endField], dayKey(next), endDateTime);
  }
  return values;
}
