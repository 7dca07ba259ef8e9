/**
 * Floor plans of the demo halls: a front row of island stands by the entrance, then bands of booths
 * back to back (two rows of 3 × 3 m shell-scheme booths), cut into blocks by 4 m cross aisles. The
 * ends of each block's rows are corner booths; some blocks start with a 6 × 6 m raw space.
 */

export type BoothType = 'standard' | 'corner' | 'raw_space' | 'island';

export interface PlannedBooth {
  number: string;
  booth_type: BoothType;
  area: number;
  x: number;
  y: number;
  width: number;
  depth: number;
  price: number;
  /** Booths side by side in one row of a block share a row key (for exhibitors taking two). */
  row: string;
}

export interface HallShape {
  code: string;
  /** Bands of back-to-back rows. */
  bands: number;
  /** Blocks across the hall. */
  blocks: number;
  /** Booths per row of a block. */
  length: number;
  islands: number;
  /** Which blocks (counted across all bands) start with a raw space instead of four booths. */
  rawEvery: number;
}

/** Yuan per square metre: shell scheme (standard and corner booths) and raw space (raw space and islands). */
export interface PriceList { shell: number; raw: number }

const MARGIN = 6;
const ENTRANCE = 10;
const AISLE = 4;
const BOOTH = 3;
const BIG = 6;
const CORNER_PREMIUM = 1.1;
const ISLAND_PREMIUM = 1.15;

export function boothPrice(type: BoothType, area: number, prices: PriceList): number {
  const perSquareMetre = type === 'standard' ? prices.shell : type === 'corner' ? prices.shell * CORNER_PREMIUM : type === 'raw_space' ? prices.raw : prices.raw * ISLAND_PREMIUM;
  return Math.round((area * perSquareMetre) / 10) * 10;
}

export function layoutHall(shape: HallShape, prices: PriceList): { width: number; depth: number; booths: PlannedBooth[]; outline: unknown[] } {
  const blockWidth = shape.length * BOOTH;
  const width = 2 * MARGIN + shape.blocks * blockWidth + (shape.blocks - 1) * AISLE;
  const firstBand = ENTRANCE + (shape.islands ? BIG + AISLE : 0);
  const depth = firstBand + shape.bands * 2 * BOOTH + (shape.bands - 1) * AISLE + MARGIN;
  const booths: PlannedBooth[] = [];
  const add = (type: BoothType, x: number, y: number, w: number, d: number, row: string) =>
    booths.push({ number: `${shape.code}${String(booths.length + 1).padStart(3, '0')}`, booth_type: type, area: w * d, x, y, width: w, depth: d, price: boothPrice(type, w * d, prices), row });

  const islandGap = (width - 2 * MARGIN - shape.islands * BIG) / Math.max(1, shape.islands + 1);
  for (let i = 0; i < shape.islands; i++) add('island', round(MARGIN + islandGap + i * (BIG + islandGap)), ENTRANCE, BIG, BIG, `${shape.code}-i${i}`);

  let blockIndex = 0;
  for (let band = 0; band < shape.bands; band++) {
    const y = firstBand + band * (2 * BOOTH + AISLE);
    for (let block = 0; block < shape.blocks; block++, blockIndex++) {
      const x0 = MARGIN + block * (blockWidth + AISLE);
      const raw = shape.rawEvery > 0 && blockIndex % shape.rawEvery === shape.rawEvery - 1;
      if (raw) add('raw_space', x0, y, BIG, BIG, `${shape.code}-r${blockIndex}`);
      for (const [side, rowY] of [[0, y], [1, y + BOOTH]] as const) {
        for (let i = raw ? 2 : 0; i < shape.length; i++) {
          const end = i === 0 || i === shape.length - 1;
          add(end ? 'corner' : 'standard', x0 + i * BOOTH, rowY, BOOTH, BOOTH, `${shape.code}-${blockIndex}-${side}`);
        }
      }
    }
  }
  const outline = [
    { kind: 'wall', points: [[0, 0], [width, 0], [width, depth], [0, depth], [0, 0]] },
    { kind: 'entrance', points: [[width / 2 - 6, 0], [width / 2 + 6, 0]] },
    // Pillars stand in the cross aisles, between blocks.
    ...Array.from({ length: shape.blocks - 1 }, (_, i) => ({ kind: 'pillar', points: [[MARGIN + (i + 1) * (blockWidth + AISLE) - AISLE / 2, firstBand + BOOTH]] })),
  ];
  return { width, depth, booths, outline };
}

const round = (n: number) => Math.round(n * 10) / 10;
