import { describe, expect, it } from 'vitest';
import { dayVariable, filterVariable } from '../../../platform/src/query/filter-variable.ts';

// The day variables of the filter language (`$today`, `$today±n`), used by a pack's home sections
// ("my activities today"): a date for a date field, the day's local start for a date-time field.

const noon = new Date(2026, 1, 27, 12, 0, 0); // 27 February 2026, local time
const offset = (() => {
  const minutes = -new Date(2026, 1, 27).getTimezoneOffset();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
})();

describe('day variables', () => {
  it('names today and days counted from it, across month ends', () => {
    expect(dayVariable('$today', 'date', noon)).toBe('2026-02-27');
    expect(dayVariable('$today+1', 'date', noon)).toBe('2026-02-28');
    expect(dayVariable('$today+2', 'date', noon)).toBe('2026-03-01');
    expect(dayVariable('$today-27', 'date', noon)).toBe('2026-01-31');
  });

  it('gives a date-time field the start of the day with the server offset', () => {
    expect(dayVariable('$today', 'datetime', noon)).toBe(`2026-02-27T00:00:00${offset}`);
    expect(dayVariable('$today+1', 'datetime', noon)).toBe(`2026-02-28T00:00:00${offset}`);
  });

  it('is no variable when the text only looks like one', () => {
    for (const text of ['$today ', '$todays', '$today+', '$today*2', '$today+12345', 'today']) expect(dayVariable(text, 'date', noon)).toBeNull();
  });

  it('is resolved where user variables are, and is plain text without them', () => {
    const today = dayVariable('$today', 'date')!;
    expect(filterVariable('$today', { id: '1' }, '/due', 'date')).toEqual({ value: today, fromVariable: false });
    expect(filterVariable('$today', undefined, '/due', 'date')).toEqual({ value: '$today', fromVariable: false });
    expect(filterVariable('$user.id', { id: '7' }, '/owner')).toEqual({ value: '7', fromVariable: true });
  });
});
