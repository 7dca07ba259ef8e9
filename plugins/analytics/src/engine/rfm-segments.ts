import type { LocalText } from './local-text.ts';

/**
 * Named customer segments from R, F and M scores (1 = worst, `bins` = best; recency scored so that
 * recent buyers score high). The segments are data, an editable table of bounds read top down: the
 * first segment whose bounds hold the scores names the customer. Bounds are on the table's scale
 * (5 for the default); scores of another number of bins are stretched onto it first.
 */
export interface ScoreBounds {
  min: number;
  max: number;
}

export interface RfmSegment {
  key: string;
  label: LocalText;
  /** A score absent from the bounds may be anything. */
  r?: ScoreBounds;
  f?: ScoreBounds;
  m?: ScoreBounds;
}

export interface RfmSegmentTable {
  scale: number;
  segments: RfmSegment[];
}

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

const bounds = (min: number, max: number): ScoreBounds => ({ min, max });

/** The common R × F segment map on 1–5 scores, with monetary deciding who cannot be lost. */
export const DEFAULT_RFM_SEGMENTS: RfmSegmentTable = {
  scale: 5,
  segments: [
    { key: 'champions', label: { en: 'Champions', 'zh-CN': '冠军客户' }, r: bounds(5, 5), f: bounds(4, 5) },
    { key: 'loyal', label: { en: 'Loyal', 'zh-CN': '忠诚客户' }, r: bounds(3, 4), f: bounds(4, 5) },
    { key: 'potential_loyalist', label: { en: 'Potential loyalist', 'zh-CN': '潜在忠诚客户' }, r: bounds(4, 5), f: bounds(2, 3) },
    { key: 'new', label: { en: 'New', 'zh-CN': '新客户' }, r: bounds(5, 5), f: bounds(1, 1) },
    { key: 'promising', label: { en: 'Promising', 'zh-CN': '有潜力客户' }, r: bounds(4, 4), f: bounds(1, 1) },
    { key: 'needs_attention', label: { en: 'Needs attention', 'zh-CN': '需要关注' }, r: bounds(3, 3), f: bounds(3, 3) },
    { key: 'about_to_sleep', label: { en: 'About to sleep', 'zh-CN': '即将沉睡' }, r: bounds(3, 3), f: bounds(1, 2) },
    { key: 'cannot_lose_them', label: { en: 'Cannot lose them', 'zh-CN': '不能失去' }, r: bounds(1, 2), f: bounds(4, 5), m: bounds(4, 5) },
    { key: 'at_risk', label: { en: 'At risk', 'zh-CN': '有流失风险' }, r: bounds(1, 2), f: bounds(3, 5) },
    { key: 'hibernating', label: { en: 'Hibernating', 'zh-CN': '休眠客户' }, r: bounds(2, 2), f: bounds(1, 2) },
    { key: 'lost', label: { en: 'Lost', 'zh-CN': '已流失' }, r: bounds(1, 1), f: bounds(1, 2) },
  ],
};

/** A score of 1..bins on the table's 1..scale. */
const onScale = (score: number, bins: number, scale: number) => (bins === scale ? score : 1 + ((score - 1) * (scale - 1)) / (bins - 1));

const within = (score: number, range: ScoreBounds | undefined) => !range || (score >= range.min && score <= range.max);

/** The segment of one customer's scores, or undefined when no row of the table holds them. */
export function rfmSegment(scores: RfmScores, bins: number, table: RfmSegmentTable = DEFAULT_RFM_SEGMENTS): RfmSegment | undefined {
  const r = onScale(scores.r, bins, table.scale);
  const f = onScale(scores.f, bins, table.scale);
  const m = onScale(scores.m, bins, table.scale);
  return table.segments.find((s) => within(r, s.r) && within(f, s.f) && within(m, s.m));
}

/** Score combinations no segment names: an edited table should leave none. */
export function unnamedRfmScores(bins: number, table: RfmSegmentTable = DEFAULT_RFM_SEGMENTS): RfmScores[] {
  const unnamed: RfmScores[] = [];
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      for (let m = 1; m <= bins; m++) if (!rfmSegment({ r, f, m }, bins, table)) unnamed.push({ r, f, m });
    }
  }
  return unnamed;
}
