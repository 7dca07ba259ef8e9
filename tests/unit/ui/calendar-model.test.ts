import { describe, expect, it, vi } from 'vitest';

vi.mock('@/api/types', () => ({}));
vi.mock('@/api/api-error', () => ({}));
const { holidayDayCount, holidayOf, holidaysByYear, messagesAt, sortedHolidays } = await import('../../../ui/src/components/admin/calendar/calendar-model.ts');

// The calendar editor's holidays: stored as bare dates or named ranges, shown by year in date order,
// each keeping its place in the definition (the server's problems point at it by index).

describe('calendar holidays in the editor', () => {
  it('stores one unnamed day as a bare date and anything else as a range', () => {
    expect(holidayOf({ from: '2026-12-25', to: '2026-12-25', name: '' })).toBe('2026-12-25');
    expect(holidayOf({ from: '2026-12-25', to: '', name: '' })).toBe('2026-12-25');
    expect(holidayOf({ from: '2026-12-25', to: '2026-12-25', name: ' Christmas ' })).toEqual({ from: '2026-12-25', to: '2026-12-25', name: 'Christmas' });
    expect(holidayOf({ from: '2026-10-01', to: '2026-10-07', name: '' })).toEqual({ from: '2026-10-01', to: '2026-10-07' });
  });

  it('groups by the starting year in date order, keeping each holiday\u2019s index', () => {
    const holidays = ['2027-01-01', { from: '2026-10-01', to: '2026-10-07', name: 'National Day' }, '2026-09-25'];
    expect(holidaysByYear(holidays)).toEqual([
      { year: '2026', rows: [{ index: 2, from: '2026-09-25', to: '2026-09-25', name: '' }, { index: 1, from: '2026-10-01', to: '2026-10-07', name: 'National Day' }] },
      { year: '2027', rows: [{ index: 0, from: '2027-01-01', to: '2027-01-01', name: '' }] },
    ]);
    expect(sortedHolidays(holidays)).toEqual(['2026-09-25', { from: '2026-10-01', to: '2026-10-07', name: 'National Day' }, '2027-01-01']);
  });

  it('counts the days the holidays cover, overlaps once', () => {
    expect(holidayDayCount([{ from: '2026-10-01', to: '2026-10-07' }, '2026-10-03', '2026-12-25'])).toBe(8);
    expect(holidayDayCount(undefined)).toBe(0);
  });

  it('finds the messages at a pointer, or below it, each once', () => {
    const problems = [{ path: '/week/mon/1', message: 'overlaps' }, { path: '/week/mon/1', message: 'overlaps' }, { path: '/week/mon/10/0', message: 'bad time' }, { path: '/week', message: 'no hours' }];
    expect(messagesAt(problems, '/week/mon/1', true)).toEqual(['overlaps']);
    expect(messagesAt(problems, '/week/mon/10', true)).toEqual(['bad time']);
    expect(messagesAt(problems, '/week')).toEqual(['no hours']);
  });
});
