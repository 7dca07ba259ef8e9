import { describe, expect, it } from 'vitest';
import { usageProfile, type UsageMonth } from '../../../plugins/telecom/src/usage-profile.ts';

const month = (i: number) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10);
const months = (minutes: number[], amount: (i: number) => number | null = () => 10): UsageMonth[] => minutes.map((m, i) => ({ month: month(i), minutes: m, amount: amount(i) }));

describe('a subscriber\'s usage trend and monthly spend', () => {
  it('set the last 3 months against the 9 before, as a change, and average the bills', () => {
    const rows = months([...Array(9).fill(100), 40, 40, 40], (i) => (i < 9 ? 50 : 20));
    expect(usageProfile(rows)).toEqual({ usage_trend: -0.6, monthly_spend: 42.5 });
    expect(usageProfile([...rows].reverse())).toEqual({ usage_trend: -0.6, monthly_spend: 42.5 });
  });

  it('end at the subscriber\'s own latest month and look 12 months back from it', () => {
    // 15 months: the first three (at 1,000 minutes and ¥900) are outside the window.
    const rows = months([1000, 1000, 1000, ...Array(9).fill(100), 150, 150, 150], (i) => (i < 3 ? 900 : 30));
    expect(usageProfile(rows)).toEqual({ usage_trend: 0.5, monthly_spend: 30 });
    // A leaver's rows stop early: the window ends at their last month.
    expect(usageProfile(months([100, 100, 100, 100, 30, 30, 30]))).toEqual({ usage_trend: -0.7, monthly_spend: 10 });
  });

  it('count months by the calendar: a missing month is no usage of a recent month', () => {
    const rows = months([100, 100, 100, 100, 100, 100, 100, 100, 100, 60, 60, 60]).filter((_, i) => i !== 10);
    expect(usageProfile(rows).usage_trend).toBe(-0.4);
  });

  it('give no trend without 3 months before the last 3, and no spend without bills', () => {
    expect(usageProfile(months([100, 100, 50, 50, 50]))).toEqual({ usage_trend: null, monthly_spend: 10 });
    expect(usageProfile(months([100, 100, 100, 50, 50, 50], () => null))).toEqual({ usage_trend: -0.5, monthly_spend: null });
    expect(usageProfile([])).toEqual({ usage_trend: null, monthly_spend: null });
  });

  it('take a mean below one minute as one, so a subscriber who barely called does not get an endless rise', () => {
    expect(usageProfile(months([0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3])).usage_trend).toBe(2);
  });
});
