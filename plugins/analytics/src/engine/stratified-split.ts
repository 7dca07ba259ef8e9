import { seededRandom, seededShuffle } from './seeded-random.ts';

export interface TrainTestSplit {
  /** Row indices, ascending. */
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * Rows split into training and test sets with the same share of positives in both: of each class,
 * round(count × testShare) rows, drawn with the seed, go to the test set.
 */
export function stratifiedSplit(target: Uint8Array, testShare: number, seed: number): TrainTestSplit {
  if (!(testShare >= 0 && testShare < 1)) throw new Error(`testShare must be in [0, 1), not ${testShare}`);
  const random = seededRandom(seed);
  const inTest = new Uint8Array(target.length);
  let testCount = 0;
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < target.length; i++) if (target[i] === label) rows.push(i);
    seededShuffle(rows, random);
    const share = Math.round(rows.length * testShare);
    for (let i = 0; i < share; i++) inTest[rows[i]] = 1;
    testCount += share;
  }
  const train = new Uint32Array(target.length - testCount);
  const test = new Uint32Array(testCount);
  for (let i = 0, a = 0, b = 0; i < target.length; i++) {
    if (inTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}
