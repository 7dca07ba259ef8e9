import type { CalendarDefinition, Hours } from '../generated/calendar.ts';

/**
 * Working-time arithmetic on a business-hours calendar, in the calendar's time zone (DST included):
 * it walks the calendar day by day, never minute by minute. A day's working periods belong to the day
 * they start on, so an overnight period counts on the day it begins and a holiday removes the periods
 * that start on it.
 */

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;
/** How far the walk looks before giving up on a calendar that has (almost) no working time left. */
const MAX_DAYS = 3_700;

interface LocalDay {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a zone, as if that reading were UTC (milliseconds dropped). */
function wallClock(instant: number, timezone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function offsetAt(instant: number, timezone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timezone) - whole;
}

/**
 * The instant at which the zone's clocks read `minutes` after midnight of `day`. A reading skipped by a
 * DST change counts from the offset before the change (02:30 on a spring-forward night is 03:30).
 */
export function zonedInstant(day: LocalDay, minutes: number, timezone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d) + minutes * 60_000;
  const before = offsetAt(wall - DAY_MS / 2, timezone);
  const guess = wall - before;
  const after = offsetAt(guess, timezone);
  if (after === before) return guess;
  const second = wall - after;
  return offsetAt(second, timezone) === after ? second : guess;
}

function localDay(instant: number, timezone: string): LocalDay {
  const wall = new Date(wallClock(instant, timezone));
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth() + 1, d: wall.getUTCDate() };
}

function nextDay(day: LocalDay, by = 1): LocalDay {
  const next = new Date(Date.UTC(day.y, day.m - 1, day.d + by));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayKey = (day: LocalDay) => `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The walk found no working time within MAX_DAYS days: the calendar has (almost) none left. */
export class NoWorkingTimeLeft extends Error {
  readonly days = MAX_DAYS;
  constructor(readonly calendar: string) {
    super(`The calendar '${calendar}' has no working time within ${MAX_DAYS} days.`);
  }
}

/** A calendar prepared for the walk: its days answered by date. */
export class WorkingCalendar {
  private readonly holidays: { from: string; to: string }[];
  private readonly workdays: ReadonlySet<string>;

  constructor(readonly definition: CalendarDefinition) {
    this.holidays = (definition.holidays ?? []).map((h) => (typeof h === 'string' ? { from: h, to: h } : h));
    this.workdays = new Set(definition.workdays ?? []);
  }

  /** The hours that apply on a date: none on a holiday, Monday's on a make-up working day. */
  hoursOn(day: LocalDay): Hours {
    const key = dayKey(day);
    if (this.workdays.has(key)) return this.definition.week.mon ?? [];
    if (this.holidays.some((h) => h.from <= key && key <= h.to)) return [];
    const weekday = WEEKDAYS[new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay()];
    return this.definition.week[weekday] ?? [];
  }

  /** The day's working periods as [start, end) instants, by start. */
  periodsOn(day: LocalDay): [number, number][] {
    const tz = this.definition.timezone;
    return this.hoursOn(day)
      .map(([from, to]): [number, number] => {
        const start = minutesOf(from);
        let end = minutesOf(to);
        if (end <= start) end += 24 * 60;
        return [zonedInstant(day, start, tz), zonedInstant(day, end, tz)];
      })
      .sort((a, b) => a[0] - b[0]);
  }

  /**
   * The working periods from the day before `from` (whose overnight period may still run) onwards, in
   * order of start, up to the day of `until`; the walker merges overlaps by never counting time before
   * its cursor twice.
   */
  *periodsFrom(from: number, until = Infinity): Generator<[number, number]> {
    const tz = this.definition.timezone;
    let day = nextDay(localDay(from, tz), -1);
    for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
      if (zonedInstant(day, 0, tz) > until) return;
      yield* this.periodsOn(day);
    }
    throw new NoWorkingTimeLeft(this.definition.name);
  }
}

const prepared = new WeakMap<CalendarDefinition, WorkingCalendar>();

function workingCalendar(calendar: CalendarDefinition | WorkingCalendar): WorkingCalendar {
  if (calendar instanceof WorkingCalendar) return calendar;
  let c = prepared.get(calendar);
  if (!c) {
    c = new WorkingCalendar(calendar);
    prepared.set(calendar, c);
  }
  return c;
}

/** The instant at which `ms` of working time after `start` have passed (`start` itself when `ms` is 0). */
export function addWorkingTime(start: Date, ms: number, calendar: CalendarDefinition | WorkingCalendar): Date {
  let left = ms;
  let cursor = start.getTime();
  if (left <= 0) return new Date(cursor);
  for (const [from, to] of workingCalendar(calendar).periodsFrom(cursor)) {
    const begin = Math.max(from, cursor);
    if (to <= begin) continue;
    if (left <= to - begin) return new Date(begin + left);
    left -= to - begin;
    cursor = to;
  }
  throw new NoWorkingTimeLeft(workingCalendar(calendar).definition.name);
}

/** The working time, in milliseconds, between two instants (0 when `b` is not after `a`). */
export function workingTimeBetween(a: Date, b: Date, calendar: CalendarDefinition | WorkingCalendar): number {
  const end = b.getTime();
  let cursor = a.getTime();
  let total = 0;
  if (end <= cursor) return 0;
  for (const [from, to] of workingCalendar(calendar).periodsFrom(cursor, end)) {
    if (from >= end) return total;
    const begin = Math.max(from, cursor);
    const stop = Math.min(to, end);
    if (stop > begin) {
      total += stop - begin;
      cursor = stop;
    }
  }
  return total;
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * An ISO 8601 duration in milliseconds, for durations without years or months (whose length depends
 * on the date); null for those. A day is 24 hours: on a calendar, SLAs say working hours (PT4H).
 */
export function durationMs(iso: string): number | null {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}
