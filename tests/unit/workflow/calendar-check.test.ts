import { describe, expect, it } from 'vitest';
import { checkCalendar } from '../../../platform/src/definitions/calendar-store.ts';
import type { CalendarDefinition } from '../../../platform/src/generated/calendar.ts';

const paths = (calendar: CalendarDefinition) => checkCalendar(calendar).map((d) => d.path);
const office = [['09:00', '12:00'], ['13:30', '18:00']];

describe('checkCalendar', () => {
  it('accepts a Shanghai office calendar with lunch breaks, a holiday range, a make-up day and a night shift', () => {
    expect(paths({ name: 'cn', timezone: 'Asia/Shanghai', week: { mon: office, fri: office, sat: [['22:00', '06:00']] }, holidays: ['2026-09-25', { from: '2026-10-01', to: '2026-10-07' }], workdays: ['2026-10-10'] })).toEqual([]);
    expect(paths({ name: 'eve', timezone: 'Europe/Paris', week: { sun: [['18:00', '24:00']] } })).toEqual([]);
  });

  it('points at an unknown zone, impossible dates, a reversed range, empty and overlapping periods', () => {
    expect(paths({
      name: 'bad', timezone: 'Asia/Atlantis', week: { mon: [['09:00', '09:00'], ['10:00', '12:00'], ['11:30', '13:00']], tue: [['22:00', '06:00'], ['05:00', '07:00']] },
      holidays: ['2026-02-29', { from: '2026-05-03', to: '2026-05-01' }], workdays: ['2026-04-31'],
    }).sort()).toEqual(['/holidays/0', '/holidays/1/to', '/timezone', '/week/mon/0', '/week/mon/2', '/workdays/0'].sort());
  });

  it('refuses a week without working time', () => {
    expect(paths({ name: 'none', timezone: 'UTC', week: { mon: [], sun: [['08:00', '08:00']] } })).toEqual(['/week/sun/0', '/week']);
  });
});
