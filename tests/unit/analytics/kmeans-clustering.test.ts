import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, kmeansClustering, meanSilhouette, seededRandom, standardisation, standardisedPoints } from '../../../plugins/analytics/src/engine/index.ts';
import { kmeansPlusPlus } from '../../../plugins/analytics/src/engine/kmeans-plus-plus.ts';
import { plantedClusters } from './synthetic-data.ts';

describe('meanSilhouette', () => {
  it('matches a hand-computed case', () => {
    // 0 and 1 against 4 and 5: a = 1 for all; b = 4.5 for the outer points, 3.5 for the inner ones.
    // s = 7/9 and 5/7; the mean is (7/9 + 5/7) / 2.
    expect(meanSilhouette([[0], [1], [4], [5]], [0, 0, 1, 1], 2)).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
  });

  it('gives 0 to a point alone in its cluster, and ignores clusters with no point', () => {
    // Point 5 alone: s = 0. Points 0, 1: a = 1, b = 5 and 4 → 4/5 and 3/4; mean over 3 points.
    expect(meanSilhouette([[0], [1], [5]], [0, 0, 2], 3)).toBeCloseTo((4 / 5 + 3 / 4) / 3, 12);
  });

  it('is low for a split through one cloud', () => {
    const line = Array.from({ length: 20 }, (_, i) => [i]);
    expect(meanSilhouette(line, line.map(([x]) => (x < 10 ? 0 : 1)), 2)).toBeLessThan(0.6);
  });
});

describe('kmeansPlusPlus', () => {
  // Three tight groups far apart: the starting centres fall one in each.
  const points = [0, 100, 200].flatMap((centre) => Array.from({ length: 30 }, (_, i) => [centre + (i % 5) * 0.1, centre - (i % 3) * 0.1]));

  it('starts one centre in each of well separated groups, on data points', () => {
    const centres = kmeansPlusPlus(points, 3, seededRandom(4));
    expect(centres.map(([x]) => Math.round(x / 100)).sort()).toEqual([0, 1, 2]);
    for (const centre of centres) expect(points.some((p) => p[0] === centre[0] && p[1] === centre[1])).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(kmeansPlusPlus(points, 5, seededRandom(8))).toEqual(kmeansPlusPlus(points, 5, seededRandom(8)));
  });
});

describe('standardisation', () => {
  it('turns features into z-scores, a missing value into 0 and a constant feature into zeros', () => {
    const columns = [Float64Array.from([1, 2, 3, NaN]), Float64Array.from([7, 7, 7, 7])];
    const scaling = standardisation(columns);
    expect(scaling.means).toEqual([2, 7]);
    expect(scaling.sds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(scaling.sds[1]).toBe(1);
    const points = standardisedPoints(columns, scaling);
    expect(points[0][0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 12);
    expect(points[3]).toEqual([0, 0]);
    expect(points.map((p) => p[1])).toEqual([0, 0, 0, 0]);
  });
});

describe('kmeansClustering', () => {
  const { columns, truth, centres } = plantedClusters(250, 21);

  it('finds the four planted clusters by silhouette over k = 2..7 (ARI ≥ 0.9)', () => {
    const result = kmeansClustering(columns, { kRange: [2, 7], seed: 1, silhouetteSample: 500 });
    expect(result.k).toBe(4);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(Math.max(...result.candidates.map((c) => c.silhouette))).toBe(result.silhouette);
    expect(adjustedRandIndex(truth, result.labels)).toBeGreaterThanOrEqual(0.9);
  });

  it('profiles each cluster in original units, largest first', () => {
    const result = kmeansClustering(columns, { k: 4, seed: 1 });
    expect(result.profiles.map((p) => p.size).reduce((a, b) => a + b, 0)).toBe(1000);
    const sizes = result.profiles.map((p) => p.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const centre of centres) {
      const profile = result.profiles.find((p) => Math.abs(p.means[0]! - centre[0]) < 3000)!;
      expect(profile.means[1]).toBeCloseTo(centre[1], -1);
      expect(profile.means[2]).toBeCloseTo(centre[2], 0);
      // The centroid is in z-scores: the profile's means, standardised.
      profile.centroid.forEach((z, f) => expect(z).toBeCloseTo((profile.means[f]! - result.standardisation.means[f]) / result.standardisation.sds[f], 6));
    }
  });

  it('is the same clustering for the same seed', () => {
    const once = kmeansClustering(columns, { kRange: [3, 5], seed: 9, silhouetteSample: 300 });
    expect(kmeansClustering(columns, { kRange: [3, 5], seed: 9, silhouetteSample: 300 })).toEqual(once);
  });

  it('refuses k below 2 or more clusters than rows', () => {
    expect(() => kmeansClustering(columns, { k: 1, seed: 1 })).toThrow(/k/);
    expect(() => kmeansClustering([Float64Array.from([1, 2])], { k: 3, seed: 1 })).toThrow(/2 rows/);
  });
});
