import { detail, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { CalendarDefinition, Hours } from '../generated/calendar.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { namedCalendars } from './check-workflow-definition.ts';
import { readCalendar } from '../metadata/calendars.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import type { Knex } from 'knex';
import type { RegisteredKind } from './definition-kinds.ts';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

function checkHours(hours: Hours, at: string, details: ErrorDetail[]): void {
  const periods = hours.map(([from, to], i) => ({ i, start: minutes(from), end: minutes(to) <= minutes(from) ? minutes(to) + 1440 : minutes(to), empty: from === to }));
  for (const p of periods) if (p.empty) details.push(detail(`${at}/${p.i}`, msg('calendar.emptyPeriod')));
  const sorted = periods.filter((p) => !p.empty).sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) if (sorted[k].start < sorted[k - 1].end) details.push(detail(`${at}/${sorted[k].i}`, msg('calendar.overlap')));
}

/** What the JSON Schema cannot say: a real time zone, real dates, periods that do not overlap, some working time. */
export function checkCalendar(calendar: CalendarDefinition): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (!isTimezone(calendar.timezone)) details.push(detail('/timezone', msg('calendar.timezone', { zone: calendar.timezone })));
  for (const day of WEEK) if (calendar.week[day]) checkHours(calendar.week[day], `/week/${day}`, details);
  if (!WEEK.some((day) => calendar.week[day]?.some(([from, to]) => from !== to))) details.push(detail('/week', msg('calendar.noHours')));
  (calendar.holidays ?? []).forEach((h, i) => {
    if (typeof h === 'string') {
      if (!isDay(h)) details.push(detail(`/holidays/${i}`, msg('calendar.noDate', { day: h })));
      return;
    }
    for (const end of ['from', 'to'] as const) if (!isDay(h[end])) details.push(detail(`/holidays/${i}/${end}`, msg('calendar.noDate', { day: h[end] })));
    if (h.to < h.from) details.push(detail(`/holidays/${i}/to`, msg('calendar.rangeOrder')));
  });
  (calendar.workdays ?? []).forEach((day, i) => {
    if (!isDay(day)) details.push(detail(`/workdays/${i}`, msg('calendar.noDate', { day })));
  });
  return details;
}

/**
 * Calendars are a platform kind stored and versioned like the kinds packs register, so they share
 * their store and their `/api/meta/calendars` routes.
 */
export const calendarKind: RegisteredKind = {
  kind: 'calendar',
  plural: 'calendars',
  pack: 'platform',
  label: { en: 'calendar', 'zh-CN': '日历' },
  validate: (input) => validateAgainstSchema<Record<string, unknown>>('calendar', input),
  check: async (definition) => checkCalendar(definition as unknown as CalendarDefinition),
  // Instances on older workflow versions may still name a deleted calendar: they then count every hour.
  usesOf: (name, snapshot) => [...snapshot.workflows.values()].flatMap(({ definition }) =>
    namedCalendars(definition).filter((c) => c.name === name).map((c) => detail(`/workflows/${definition.name}${c.at}`, msg('calendar.usedHere', { name })))),
};

/** The calendars a workflow names that are not stored, at their pointers. */
export async function unknownCalendars(definition: WorkflowDefinition, db: Knex): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  for (const c of namedCalendars(definition)) if (!(await readCalendar(db, c.name))) details.push(detail(c.at, msg('calendar.notFound', { name: c.name })));
  return details;
}
