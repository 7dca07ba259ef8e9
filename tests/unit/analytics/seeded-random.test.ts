import { describe, expect, it } from 'vitest';
import { bootstrapIndices, sampleIndices, seededRandom, seededShuffle, stratifiedSplit } from '../../../plugins/analytics/src/engine/index.ts';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(1)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('draws integers below a bound, all of them over enough draws', () => {
    const random = seededRandom(5);
    const seen = new Set(Array.from({ length: 200 }, () => random.int(6)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shuffles in place into a permutation, the same one for the same seed', () => {
    const shuffled = seededShuffle([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(9));
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seededShuffle([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(9))).toEqual(shuffled);
    expect(shuffled).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('samples distinct indices, ascending, and all of them when asked for more', () => {
    const sample = sampleIndices(1000, 50, seededRandom(3));
    expect(sample.length).toBe(50);
    expect(new Set(sample).size).toBe(50);
    expect([...sample]).toEqual([...sample].sort((a, b) => a - b));
    expect([...sampleIndices(4, 10, seededRandom(3))]).toEqual([0, 1, 2, 3]);
    expect(sampleIndices(1000, 50, seededRandom(3))).toEqual(sample);
  });

  it('draws a bootstrap sample with repeats from the whole range', () => {
    const sample = bootstrapIndices(1000, seededRandom(11));
    expect(sample.length).toBe(1000);
    expect([...sample]).toEqual([...sample].sort((a, b) => a - b));
    // About 1 − 1/e of the rows are drawn at least once.
    expect(new Set(sample).size / 1000).toBeGreaterThan(0.58);
    expect(new Set(sample).size / 1000).toBeLessThan(0.68);
  });
});

describe('stratifiedSplit', () => {
  const target = Uint8Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));

  it('keeps the share of positives in both sets and covers every row once', () => {
    const { train, test } = stratifiedSplit(target, 0.25, 1);
    expect(test.length).toBe(250);
    expect(test.filter((i) => target[i] === 1).length).toBe(50);
    expect(train.filter((i) => target[i] === 1).length).toBe(150);
    expect(new Set([...train, ...test]).size).toBe(1000);
  });

  it('is the same split for the same seed, another for another', () => {
    expect(stratifiedSplit(target, 0.3, 7)).toEqual(stratifiedSplit(target, 0.3, 7));
    expect(stratifiedSplit(target, 0.3, 7).test).not.toEqual(stratifiedSplit(target, 0.3, 8).test);
  });

  it('refuses a test share outside [0, 1)', () => {
    expect(() => stratifiedSplit(target, 1, 1)).toThrow(/testShare/);
  });
});
