import { describe, expect, it } from 'vitest';
import { dayKey, daysOf, monthRange, movedTo } from '../../../ui/src/utils/calendar-days.ts';
import { layoutFromQuery, layoutOf, withCondition } from '../../../ui/src/utils/list-layout.ts';
import type { Field } from '../../../ui/src/api/types.ts';

describe('the days of a list calendar', () => {
  const december = monthRange(new Date(2026, 11, 5));

  it('covers the month with the leading and trailing weeks of its grid', () => {
    expect([dayKey(december.from), dayKey(december.to)]).toEqual(['2026-11-24', '2027-01-14']);
  });

  it('places a record on its day, or on every day of its span inside the range', () => {
    expect(daysOf('2026-12-05', undefined, december)).toEqual(['2026-12-05']);
    expect(daysOf('2026-12-30', '2027-01-02', december)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysOf('2026-10-01', undefined, december)).toEqual([]);
    expect(daysOf(null, undefined, december)).toEqual([]);
  });

  it('moves a date to another day with its end, and a date-time keeping its time of day', () => {
    expect(movedTo({ start: '2026-12-05', end: '2026-12-07' }, '2026-12-10', 'start', 'end', false, false)).toEqual({ start: '2026-12-10', end: '2026-12-12' });
    const at = new Date(2026, 11, 5, 9, 30).toISOString();
    const moved = movedTo({ due: at }, '2026-12-08', 'due', undefined, true, false)!;
    expect(new Date(moved.due as string)).toEqual(new Date(2026, 11, 8, 9, 30));
    expect(movedTo({ due: '2026-12-05' }, '2026-12-05', 'due', undefined, false, false)).toBeNull();
  });
});

describe('the layout of a list', () => {
  const fields = [{ name: 'stage', type: 'enum' }, { name: 'due', type: 'date' }, { name: 'name', type: 'text' }] as Field[];

  it('keeps a kanban or calendar only on a readable field of the right type', () => {
    expect(layoutOf({ type: 'kanban', groupBy: 'stage' }, fields)).toEqual({ type: 'kanban', groupBy: 'stage' });
    expect(layoutOf({ type: 'kanban', groupBy: 'name' }, fields)).toEqual({ type: 'table' });
    expect(layoutOf({ type: 'calendar', dateField: 'due', endField: 'hidden' }, fields)).toEqual({ type: 'calendar', dateField: 'due' });
    expect(layoutFromQuery({ view: 'calendar', by: 'due' }, fields)).toEqual({ type: 'calendar', dateField: 'due' });
    expect(layoutFromQuery({}, fields)).toEqual({ type: 'table' });
  });

  it("adds a column's or a range's condition to the list's filter", () => {
    expect(withCondition(undefined, { stage: { $eq: 'won' } })).toEqual({ stage: { $eq: 'won' } });
    expect(withCondition({ name: { $contains: 'a' } }, { stage: { $eq: 'won' } })).toEqual({ $and: [{ name: { $contains: 'a' } }, { stage: { $eq: 'won' } }] });
  });
});
