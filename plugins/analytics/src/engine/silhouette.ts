/**
 * The mean silhouette of a clustering (Rousseeuw 1987): for each point, a = its mean distance to the
 * rest of its cluster, b = its mean distance to the nearest other cluster, s = (b − a) / max(a, b);
 * a point alone in its cluster has s = 0. simple-statistics has one, but it keeps an n × n matrix
 * of nested arrays and fails on a label with no points; this one keeps n × clusters sums.
 */
export function meanSilhouette(points: readonly (readonly number[])[], labels: ArrayLike<number>, clusterCount: number): number {
  const n = points.length;
  if (n < 2) return 0;
  const sums = new Float64Array(n * clusterCount);
  const sizes = new Float64Array(clusterCount);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  for (let i = 0; i < n; i++) {
    const p = points[i];
    for (let j = i + 1; j < n; j++) {
      const q = points[j];
      let squared = 0;
      for (let d = 0; d < p.length; d++) squared += (p[d] - q[d]) ** 2;
      const distance = Math.sqrt(squared);
      sums[i * clusterCount + labels[j]] += distance;
      sums[j * clusterCount + labels[i]] += distance;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i];
    if (sizes[own] < 2) continue;
    const a = sums[i * clusterCount + own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < clusterCount; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[i * clusterCount + c] / sizes[c]);
    if (b === Infinity) continue;
    const larger = Math.max(a, b);
    total += larger > 0 ? (b - a) / larger : 0;
  }
  return total / n;
}
