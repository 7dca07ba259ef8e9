import { Router } from 'express';
import { createError, detail, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';
import { calendarKind } from '../definitions/calendar-store.ts';
import { readKindDefinition } from '../definitions/definition-kinds.ts';
import type { CalendarDefinition } from '../generated/calendar.ts';
import { addWorkingTime, NoWorkingTimeLeft } from '../workflow/business-time.ts';
import type { CalendarDue } from './api-types.ts';
import { ctxOf } from './request-context.ts';

/** Ten years of office hours: more is a typing slip, and the walk would give up anyway. */
const MAX_HOURS = 20_000;
// A moment, not a wall-clock reading: the offset says which instant is meant.
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether the date part names a real day (Date.parse rolls 30 February over into March). */
function realDay(moment: string): boolean {
  const [y, m, d] = moment.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

function dueInput(body: unknown): { start: Date; hours: number } {
  const input = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const { start, hours } = input;
  if (typeof start !== 'string' || !MOMENT.test(start) || !realDay(start) || Number.isNaN(Date.parse(start))) problems.push(detail('/start', msg('calendar.startMoment')));
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) problems.push(detail('/hours', msg('calendar.hoursRange', { max: MAX_HOURS })));
  if (problems.length) throw createError('BAD_REQUEST', msg('calendar.dueInput'), problems);
  return { start: new Date(start as string), hours: hours as number };
}

/**
 * POST /api/meta/calendars/:name/due {start, hours}: the moment `hours` of working time after `start`
 * on the stored calendar, computed as workflow timeouts and SLAs compute it. Every logged-in user may
 * ask, as every one may read the calendars.
 */
export function calendarDueRoutes(): Router {
  const router = Router();
  router.post('/:name/due', async (req, res) => {
    const stored = await readKindDefinition(ctxOf(req).db, calendarKind.kind, req.params.name);
    if (!stored) throw createError('NOT_FOUND', msg('http.noDefinition', { kind: kindLabel(calendarKind), name: req.params.name.slice(0, 80) }));
    const { start, hours } = dueInput(req.body);
    const calendar = stored.definition as unknown as CalendarDefinition;
    try {
      const due = addWorkingTime(start, Math.round(hours * 3_600_000), calendar);
      res.json({ calendar: calendar.name, version: stored.version, timezone: calendar.timezone, start: start.toISOString(), hours, due: due.toISOString() } satisfies CalendarDue);
    } catch (error) {
      if (!(error instanceof NoWorkingTimeLeft)) throw error;
      throw createError('VALIDATION_FAILED', msg('calendar.noTimeLeft', { name: calendar.name, days: error.days }), [detail('/hours', msg('calendar.noTimeLeftDetail'))]);
    }
  });
  return router;
}
