import { describe, expect, it } from 'vitest';
import { DEFAULT_RFM_SEGMENTS, rfmSegment, unnamedRfmScores, type RfmSegmentTable } from '../../../plugins/analytics/src/engine/index.ts';

describe('rfmSegment', () => {
  const key = (r: number, f: number, m: number, bins = 5, table?: RfmSegmentTable) => rfmSegment({ r, f, m }, bins, table)?.key;

  it('names scores by the default segment map, the first matching row winning', () => {
    expect(key(5, 5, 5)).toBe('champions');
    expect(key(4, 4, 1)).toBe('loyal');
    expect(key(5, 2, 3)).toBe('potential_loyalist');
    expect(key(5, 1, 1)).toBe('new');
    expect(key(4, 1, 5)).toBe('promising');
    expect(key(3, 3, 3)).toBe('needs_attention');
    expect(key(3, 1, 2)).toBe('about_to_sleep');
    expect(key(1, 5, 5)).toBe('cannot_lose_them');
    expect(key(1, 5, 2)).toBe('at_risk');
    expect(key(2, 3, 1)).toBe('at_risk');
    expect(key(2, 2, 5)).toBe('hibernating');
    expect(key(1, 1, 1)).toBe('lost');
  });

  it('names every combination of 1–5 scores, in both languages', () => {
    expect(unnamedRfmScores(5)).toEqual([]);
    for (const segment of DEFAULT_RFM_SEGMENTS.segments) {
      expect(segment.label.en).not.toBe('');
      expect(segment.label['zh-CN']).not.toBe('');
    }
    expect(rfmSegment({ r: 5, f: 5, m: 5 }, 5)!.label).toEqual({ en: 'Champions', 'zh-CN': '冠军客户' });
  });

  it('stretches scores of another number of bins onto the table\'s scale', () => {
    expect(key(3, 3, 3, 3)).toBe('champions');
    expect(key(2, 2, 2, 3)).toBe('needs_attention');
    expect(key(1, 1, 1, 3)).toBe('lost');
    expect(unnamedRfmScores(3)).toEqual([]);
  });

  it('follows an edited table and reports the scores it leaves unnamed', () => {
    const table: RfmSegmentTable = {
      scale: 3,
      segments: [
        { key: 'best', label: { en: 'Best', 'zh-CN': '最佳' }, r: { min: 3, max: 3 }, m: { min: 2, max: 3 } },
        { key: 'rest', label: { en: 'Rest', 'zh-CN': '其余' }, r: { min: 1, max: 2 } },
      ],
    };
    expect(key(3, 1, 3, 3, table)).toBe('best');
    expect(key(2, 3, 3, 3, table)).toBe('rest');
    expect(key(3, 3, 1, 3, table)).toBeUndefined();
    expect(unnamedRfmScores(3, table)).toEqual([1, 2, 3].map((f) => ({ r: 3, f, m: 1 })));
  });
});
