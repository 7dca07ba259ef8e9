import type { HallShape, PriceList } from './demo-halls.ts';

/** The demo's editions of the fair, oldest first; dates are relative to the reference day 2026-12-01. */

export type Season = 'spring' | 'autumn';

export interface EditionPlan {
  key: string;
  name: string;
  year: number;
  season: Season;
  city: string;
  venue: string;
  start: string;
  end: string;
  status: 'closed' | 'booking';
  /** The same season a year earlier (the edition whose exhibitors rebook first). */
  previous?: string;
  rebookingUntil?: string;
  priorityUntil?: string;
  prices: PriceList;
  halls: HallShape[];
  /** How many exhibitors a closed edition has. */
  exhibitors: number;
}

const HALL_A: Omit<HallShape, 'code'> = { bands: 2, blocks: 3, length: 6, islands: 3, rawEvery: 3 };
const HALL_B: Omit<HallShape, 'code'> = { bands: 2, blocks: 2, length: 8, islands: 2, rawEvery: 2 };
const HALL_C: Omit<HallShape, 'code'> = { bands: 2, blocks: 2, length: 7, islands: 3, rawEvery: 2 };
const HALL_D: Omit<HallShape, 'code'> = { bands: 2, blocks: 3, length: 6, islands: 2, rawEvery: 3 };
const SPRING_HALLS: HallShape[] = [{ code: 'A', ...HALL_A }, { code: 'B', ...HALL_B }, { code: 'C', ...HALL_C }];
const AUTUMN_HALLS: HallShape[] = [{ code: 'A', ...HALL_A }, { code: 'B', ...HALL_D }];

const FAIR = '华夏糖酒食品交易会';
const CHENGDU = { city: '成都', venue: '中国西部国际博览城' };

export const EDITIONS: EditionPlan[] = [
  { key: 'spring_2025', name: `2025 春季${FAIR}`, year: 2025, season: 'spring', ...CHENGDU, start: '2025-03-20', end: '2025-03-22', status: 'closed', prices: { shell: 1400, raw: 1100 }, halls: SPRING_HALLS, exhibitors: 132 },
  { key: 'autumn_2025', name: `2025 秋季${FAIR}`, year: 2025, season: 'autumn', city: '深圳', venue: '深圳国际会展中心', start: '2025-10-16', end: '2025-10-18', status: 'closed', prices: { shell: 1400, raw: 1100 }, halls: AUTUMN_HALLS, exhibitors: 100 },
  { key: 'spring_2026', name: `2026 春季${FAIR}`, year: 2026, season: 'spring', ...CHENGDU, start: '2026-03-26', end: '2026-03-28', status: 'closed', previous: 'spring_2025', rebookingUntil: '2025-10-31', priorityUntil: '2025-11-20', prices: { shell: 1500, raw: 1200 }, halls: SPRING_HALLS, exhibitors: 134 },
  { key: 'autumn_2026', name: `2026 秋季${FAIR}`, year: 2026, season: 'autumn', city: '天津', venue: '国家会展中心（天津）', start: '2026-10-22', end: '2026-10-24', status: 'closed', previous: 'autumn_2025', rebookingUntil: '2026-04-30', priorityUntil: '2026-05-20', prices: { shell: 1500, raw: 1200 }, halls: AUTUMN_HALLS, exhibitors: 102 },
  { key: 'spring_2027', name: `2027 春季${FAIR}`, year: 2027, season: 'spring', ...CHENGDU, start: '2027-03-25', end: '2027-03-27', status: 'booking', previous: 'spring_2026', rebookingUntil: '2026-10-31', priorityUntil: '2026-11-20', prices: { shell: 1600, raw: 1280 }, halls: SPRING_HALLS, exhibitors: 0 },
];
