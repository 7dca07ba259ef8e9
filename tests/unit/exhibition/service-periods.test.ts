import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../../plugins/exhibition/src/ad-placements.ts';
import { nextPeriodEnd } from '../../../plugins/exhibition/src/subscription-renewal.ts';

// The periods of the exhibition pack's publishing side: the months an ad placement books (one booking
// row per month under the unique index) and the period a renewed subscription runs for.

describe('monthsBetween', () => {
  it('lists the calendar months of a placement, across a year end', () => {
    expect(monthsBetween('2027-11', '2028-02')).toEqual(['2027-11', '2027-12', '2028-01', '2028-02']);
    expect(monthsBetween('2027-05', '2027-05')).toEqual(['2027-05']);
  });

  it('refuses a reversed range, more than 36 months and what is not a month', () => {
    expect(monthsBetween('2027-05', '2027-04')).toBeNull();
    expect(monthsBetween('2027-01', '2029-12')).toHaveLength(36);
    expect(monthsBetween('2027-01', '2030-01')).toBeNull();
    for (const bad of ['2027-13', '2027-1', '27-01', '', null, 202701]) expect(monthsBetween(bad, '2027-12')).toBeNull();
  });
});

describe('nextPeriodEnd', () => {
  it('renews whole months as whole months, leap years or not', () => {
    expect(nextPeriodEnd('2026-04-01', '2027-03-31')).toBe('2028-03-31');
    expect(nextPeriodEnd('2027-03-01', '2028-02-29')).toBe('2029-02-28');
    expect(nextPeriodEnd('2027-01-01', '2027-12-31')).toBe('2028-12-31');
    expect(nextPeriodEnd('2026-01-15', '2026-07-14')).toBe('2027-01-14');
  });

  it('renews any other period by its number of days', () => {
    expect(nextPeriodEnd('2026-01-03', '2026-01-20')).toBe('2026-02-07');
  });
});
