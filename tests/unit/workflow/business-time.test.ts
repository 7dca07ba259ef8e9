import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDefinition } from '../../../platform/src/generated/calendar.ts';
import { addWorkingTime, durationMs, workingTimeBetween, zonedInstant } from '../../../platform/src/workflow/business-time.ts';

const H = 3_600_000;
const office = [['09:00', '12:00'], ['13:30', '18:00']];
const shanghai: CalendarDefinition = {
  name: 'cn_office',
  timezone: 'Asia/Shanghai',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: ['2026-09-25', { from: '2026-10-01', to: '2026-10-07' }],
  workdays: ['2026-10-10'],
};
const paris: CalendarDefinition = { name: 'paris', timezone: 'Europe/Paris', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } };
const nights: CalendarDefinition = { name: 'nights', timezone: 'UTC', week: { mon: [['22:00', '06:00']], tue: [['22:00', '06:00']] } };

/** Shanghai is UTC+8 all year. */
const cst = (text: string) => new Date(`${text}+08:00`);

describe('addWorkingTime', () => {
  it('counts 4 working hours from Friday 17:00 to Monday 12:00, skipping the weekend', () => {
    expect(addWorkingTime(cst('2026-12-04T17:00:00'), 4 * H, shanghai)).toEqual(cst('2026-12-07T12:00:00'));
  });

  it('skips the lunch break', () => {
    expect(addWorkingTime(cst('2026-12-07T11:00:00'), 2 * H, shanghai)).toEqual(cst('2026-12-07T14:30:00'));
    expect(addWorkingTime(cst('2026-12-07T12:30:00'), 30 * 60_000, shanghai)).toEqual(cst('2026-12-07T14:00:00'));
  });

  it('skips a holiday and a holiday range, and works on a make-up working day (a Saturday)', () => {
    // Thursday 24 September 17:00 + 2h: Friday 25 is a holiday, so Monday 28 10:00.
    expect(addWorkingTime(cst('2026-09-24T17:00:00'), 2 * H, shanghai)).toEqual(cst('2026-09-28T10:00:00'));
    // Wednesday 30 September 17:00 + 2h: 1–7 October off, Saturday 10 October is a make-up day.
    expect(addWorkingTime(cst('2026-09-30T17:00:00'), 2 * H, shanghai)).toEqual(cst('2026-10-08T10:00:00'));
    expect(addWorkingTime(cst('2026-10-09T17:00:00'), 2 * H, shanghai)).toEqual(cst('2026-10-10T10:00:00'));
  });

  it('starts outside working hours at the next opening, and returns the start for no time', () => {
    expect(addWorkingTime(cst('2026-12-05T03:00:00'), H, shanghai)).toEqual(cst('2026-12-07T10:00:00'));
    expect(addWorkingTime(cst('2026-12-05T03:00:00'), 0, shanghai)).toEqual(cst('2026-12-05T03:00:00'));
  });

  it('runs overnight periods into the next day', () => {
    // Monday 22:00 to Tuesday 06:00, then Tuesday 22:00 to Wednesday 06:00 (UTC).
    expect(addWorkingTime(new Date('2026-12-07T23:00:00Z'), 8 * H, nights)).toEqual(new Date('2026-12-08T23:00:00Z'));
    expect(workingTimeBetween(new Date('2026-12-08T02:00:00Z'), new Date('2026-12-08T23:00:00Z'), nights)).toBe(5 * H);
  });

  it('keeps local hours across a DST change', () => {
    // Paris moves from UTC+2 to UTC+1 on Sunday 25 October 2026.
    expect(addWorkingTime(new Date('2026-10-23T14:00:00Z'), 4 * H, paris)).toEqual(new Date('2026-10-26T11:00:00Z'));
    expect(workingTimeBetween(new Date('2026-10-23T07:00:00Z'), new Date('2026-10-26T16:00:00Z'), paris)).toBe(16 * H);
  });
});

describe('zonedInstant', () => {
  it('reads a wall clock in the zone, moving a skipped reading forward', () => {
    expect(zonedInstant({ y: 2026, m: 7, d: 1 }, 9 * 60, 'Europe/Paris')).toBe(Date.parse('2026-07-01T07:00:00Z'));
    expect(zonedInstant({ y: 2026, m: 12, d: 1 }, 9 * 60, 'Europe/Paris')).toBe(Date.parse('2026-12-01T08:00:00Z'));
    expect(zonedInstant({ y: 2026, m: 3, d: 29 }, 150, 'Europe/Paris')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(zonedInstant({ y: 2026, m: 3, d: 8 }, 9 * 60, 'America/New_York')).toBe(Date.parse('2026-03-08T13:00:00Z'));
  });
});

describe('workingTimeBetween', () => {
  it('counts only working hours, and nothing backwards', () => {
    expect(workingTimeBetween(cst('2026-12-04T17:00:00'), cst('2026-12-07T12:00:00'), shanghai)).toBe(4 * H);
    expect(workingTimeBetween(cst('2026-12-05T00:00:00'), cst('2026-12-06T23:00:00'), shanghai)).toBe(0);
    expect(workingTimeBetween(cst('2026-12-07T12:00:00'), cst('2026-12-04T17:00:00'), shanghai)).toBe(0);
  });

  it('is the inverse of addWorkingTime (property)', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
    const amount = fc.integer({ min: 0, max: 60 * H });
    for (const calendar of [shanghai, paris, nights]) {
      fc.assert(fc.property(start, amount, (s, ms) => workingTimeBetween(s, addWorkingTime(s, ms, calendar), calendar) === ms), { numRuns: 200 });
    }
  });

  it('adds up over a split (property)', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
    const part = fc.integer({ min: 0, max: 20 * H });
    fc.assert(fc.property(start, part, part, (s, a, b) => addWorkingTime(addWorkingTime(s, a, paris), b, paris).getTime() === addWorkingTime(s, a + b, paris).getTime()), { numRuns: 200 });
  });
});

describe('durationMs', () => {
  it('reads weeks, days and times, and refuses years and months', () => {
    expect(durationMs('PT4H')).toBe(4 * H);
    expect(durationMs('P1DT30M')).toBe(24.5 * H);
    expect(durationMs('P1W')).toBe(168 * H);
    expect(durationMs('P1M')).toBeNull();
    expect(durationMs('P1Y')).toBeNull();
  });
});
