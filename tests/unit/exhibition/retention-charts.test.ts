import { describe, expect, it } from 'vitest';
import type { EditionLine } from '../../../plugins/exhibition/src/retention/retention-answer.ts';
import { stepLabel, waterfallSteps } from '../../../plugins/exhibition/ui/retention-charts.ts';

// The retention page's waterfall: last year's exhibitors, minus lost and not yet back, plus those back
// from older editions and the new ones, ends at this edition's exhibitors.

const line = (over: Partial<EditionLine>): EditionLine => ({
  edition: { id: '2', name: '2026 春季', season: 'spring', year: 2026, status: 'booking' },
  previous: { id: '1', name: '2025 春季' },
  exhibitors: 0, returning: 0, returningFromOlder: 0, new: 0, fromPrevious: null, ...over,
});

describe('waterfallSteps', () => {
  it('floats each change on the running total and lands on this edition', () => {
    const steps = waterfallSteps(line({ exhibitors: 9, returning: 5, returningFromOlder: 1, new: 3, fromPrevious: { exhibitors: 10, retained: 5, lost: 3, notYet: 2, churnRate: 0.5 } }));
    expect(steps.map((s) => [s.key, s.base, s.value])).toEqual([
      ['previous', 0, 10], ['lost', 7, 3], ['notYet', 5, 2], ['older', 5, 1], ['new', 6, 3], ['current', 0, 9],
    ]);
    const last = steps[4];
    expect(last.base + last.value).toBe(9);
  });

  it('starts from nothing for an edition without a previous one', () => {
    expect(waterfallSteps(line({ previous: null, exhibitors: 4, new: 4 })).map((s) => s.value)).toEqual([0, 0, 0, 0, 4, 4]);
  });

  it('labels totals, signed steps, and leaves empty steps unlabelled', () => {
    const [previous, lost, notYet, , fresh] = waterfallSteps(line({ exhibitors: 4, new: 1, returning: 3, fromPrevious: { exhibitors: 6, retained: 3, lost: 3, notYet: 0, churnRate: 0.5 } }));
    expect([stepLabel(previous), stepLabel(lost), stepLabel(notYet), stepLabel(fresh)]).toEqual(['6', '−3', '', '+1']);
  });
});
