import { kmeansClustering, type ClusterProfile } from '../engine/index.ts';

export interface KmeansTask {
  kind: 'kmeans';
  /** One column per feature, NaN where a value is missing. */
  columns: Float64Array[];
  options: { k?: number; kRange?: [number, number]; seed: number; silhouetteSample?: number; maxIterations?: number };
}

export interface KmeansModel {
  kind: 'kmeans';
  k: number;
  silhouette: number;
  candidates: { k: number; silhouette: number }[];
  /** The cluster of each row, 0 = the largest. */
  labels: Uint16Array;
  profiles: ClusterProfile[];
}

export function trainClusters(task: KmeansTask, report: (share: number) => void): KmeansModel {
  const result = kmeansClustering(task.columns, task.options);
  report(1);
  return { kind: 'kmeans', k: result.k, silhouette: result.silhouette, candidates: result.candidates, labels: result.labels, profiles: result.profiles };
}
