import type { SeededRandom } from './seeded-random.ts';

/**
 * Starting centres for k-means by greedy k-means++ (Arthur & Vassilvitskii 2007; the greedy variant
 * of scikit-learn): each new centre is the best of 2 + ln k candidates drawn with probability
 * proportional to the squared distance to the nearest centre so far. ml-kmeans has k-means++ too,
 * but builds matrices of row copies that cost seconds on 100,000 points; this keeps one array.
 */
export function kmeansPlusPlus(points: readonly (readonly number[])[], k: number, random: SeededRandom): number[][] {
  const n = points.length;
  const squared = (a: readonly number[], b: readonly number[]) => {
    let sum = 0;
    for (let d = 0; d < a.length; d++) sum += (a[d] - b[d]) ** 2;
    return sum;
  };
  const centres: number[][] = [[...points[random.int(n)]]];
  const nearest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += nearest[i] = squared(points[i], centres[0]);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateNearest = new Float64Array(n);
  const bestNearest = new Float64Array(n);
  while (centres.length < k) {
    let bestPotential = Infinity;
    let bestCandidate = -1;
    for (let t = 0; t < trials; t++) {
      const candidate = drawByWeight(nearest, potential, random);
      let candidatePotential = 0;
      for (let i = 0; i < n; i++) candidatePotential += candidateNearest[i] = Math.min(nearest[i], squared(points[i], points[candidate]));
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
        bestNearest.set(candidateNearest);
      }
    }
    centres.push([...points[bestCandidate]]);
    nearest.set(bestNearest);
    potential = bestPotential;
  }
  return centres;
}

/** An index drawn with probability weight[i] / total (uniformly when every weight is 0). */
function drawByWeight(weights: Float64Array, total: number, random: SeededRandom): number {
  if (!(total > 0)) return random.int(weights.length);
  let remaining = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    remaining -= weights[i];
    if (remaining < 0) return i;
  }
  // Rounding left a sliver: the last point with any weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return weights.length - 1;
}
