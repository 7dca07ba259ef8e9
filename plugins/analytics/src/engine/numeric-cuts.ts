/**
 * Quantile binning of a numeric feature. A cut c splits values into `v < c` and `v ≥ c`; the cuts
 * are numbers of the feature's own units, chosen as round as the data allows between the largest
 * value below and the smallest value above, so that rules read `age < 26`, not `age < 25.5000001`.
 */

/** The number with the fewest significant digits in (below, above]. */
export function roundestBetween(below: number, above: number): number {
  const magnitude = Math.max(Math.abs(below), Math.abs(above));
  for (let exponent = magnitude === 0 ? 0 : Math.floor(Math.log10(magnitude)) + 1; exponent >= -15; exponent--) {
    const candidate = exponent >= 0
      ? Math.floor(above / 10 ** exponent) * 10 ** exponent
      : Math.floor(above * 10 ** -exponent) / 10 ** -exponent;
    if (candidate > below && candidate <= above) return candidate;
  }
  return above;
}

/**
 * At most maxBins - 1 ascending cuts (so at most maxBins bins) with about as many values in each bin;
 * every distinct value gets its own bin when there are few enough. `sorted` holds finite values, ascending.
 */
export function quantileCuts(sorted: Float64Array, maxBins: number): number[] {
  const n = sorted.length;
  const cuts: number[] = [];
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) cuts.push(roundestBetween(sorted[i - 1], sorted[i]));
    return cuts;
  }
  let index = 0;
  for (let bin = 1; bin < maxBins; bin++) {
    index = Math.max(index, Math.floor((bin * n) / maxBins));
    // A bin boundary never falls inside a run of equal values: move past the run.
    while (index < n && index > 0 && sorted[index] === sorted[index - 1]) index++;
    if (index >= n) break;
    const cut = roundestBetween(sorted[index - 1], sorted[index]);
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
    index++;
  }
  return cuts;
}

/** The bin of a finite value: how many cuts are ≤ it. */
export function binOf(value: number, cuts: readonly number[]): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cuts[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
