import { kmeans } from 'ml-kmeans';
import { kmeansPlusPlus } from './kmeans-plus-plus.ts';
import { sampleIndices, seededRandom } from './seeded-random.ts';
import { meanSilhouette } from './silhouette.ts';
import { standardisation, standardisedPoints, type Standardisation } from './standardise.ts';

/**
 * k-means on standardised numeric features (ml-kmeans from seeded k-means++ centres). With a range of k,
 * each k is clustered and the one with the highest mean silhouette on a seeded sample of the points
 * wins (the smaller k on a tie). Clusters are numbered by size, largest first.
 */
export interface KmeansOptions {
  /** Either k, or kRange [min, max] (inclusive). */
  k?: number;
  kRange?: readonly [number, number];
  seed: number;
  /** Points the silhouette is measured on (it costs sample² distances). */
  silhouetteSample?: number;
  maxIterations?: number;
  /** Iterations stop once no centre moves more than this (squared, in z-scores). */
  tolerance?: number;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** Per feature, the mean of its values in the cluster, in original units (null if all missing). */
  means: (number | null)[];
  /** The centroid in z-scores. */
  centroid: number[];
}

export interface KmeansResult {
  k: number;
  /** The cluster of each row. */
  labels: Uint16Array;
  silhouette: number;
  /** Every k tried, with its silhouette. */
  candidates: { k: number; silhouette: number }[];
  standardisation: Standardisation;
  profiles: ClusterProfile[];
}

export function kmeansClustering(columns: readonly Float64Array[], options: KmeansOptions): KmeansResult {
  const [low, high] = options.kRange ?? [options.k ?? 0, options.k ?? 0];
  if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 2 && high >= low)) throw new Error('k (or kRange) must be whole numbers ≥ 2');
  const rowCount = columns.length ? columns[0].length : 0;
  if (rowCount < high) throw new Error(`${rowCount} rows cannot make ${high} clusters`);
  const scaling = standardisation(columns);
  const points = standardisedPoints(columns, scaling);
  const sampled = sampleIndices(rowCount, options.silhouetteSample ?? 2000, seededRandom(options.seed));
  const sample = Array.from(sampled, (i) => points[i]);

  let best: { k: number; silhouette: number; clusters: number[]; centroids: number[][] } | undefined;
  const candidates: KmeansResult['candidates'] = [];
  for (let k = low; k <= high; k++) {
    const initialization = kmeansPlusPlus(points, k, seededRandom(options.seed + k));
    const { clusters, centroids } = kmeans(points, k, { initialization, maxIterations: options.maxIterations ?? 100, tolerance: options.tolerance ?? 1e-4 });
    const silhouette = meanSilhouette(sample, Array.from(sampled, (i) => clusters[i]), k);
    candidates.push({ k, silhouette });
    if (!best || silhouette > best.silhouette) best = { k, silhouette, clusters, centroids };
  }
  const { k, silhouette, clusters, centroids } = best!;
  const bySize = clusterOrderBySize(clusters, k);
  const labels = Uint16Array.from(clusters, (c) => bySize[c]);
  return { k, labels, silhouette, candidates, standardisation: scaling, profiles: clusterProfiles(columns, labels, k, centroids, bySize) };
}

/** New number of each cluster: by size, largest first (ties by the old number). */
function clusterOrderBySize(clusters: readonly number[], k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const c of clusters) sizes[c]++;
  const order = sizes.map((_, c) => c).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const renumbered = new Array<number>(k);
  order.forEach((old, position) => (renumbered[old] = position));
  return renumbered;
}

function clusterProfiles(columns: readonly Float64Array[], labels: Uint16Array, k: number, centroids: number[][], renumbered: number[]): ClusterProfile[] {
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]++;
  return Array.from({ length: k }, (_, cluster) => {
    const means = columns.map((values) => {
      let sum = 0;
      let count = 0;
      for (let row = 0; row < values.length; row++) {
        if (labels[row] === cluster && !Number.isNaN(values[row])) {
          sum += values[row];
          count++;
        }
      }
      return count ? sum / count : null;
    });
    return { cluster, size: sizes[cluster], means, centroid: centroids[renumbered.indexOf(cluster)] };
  });
}
