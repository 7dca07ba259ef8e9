/**
 * Quantile scores of one measure over the customers: a customer scores 1 + ⌊bins × (customers with
 * a smaller value) / customers⌋, so the lowest values score 1, the highest at most `bins`, equal
 * values always score alike, and each score holds about a `bins`-th of the customers.
 */
export function quantileScores(values: readonly number[], bins: number): number[] {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  return values.map((value) => {
    // The number of values strictly below `value`: the first index holding it in the sorted copy.
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle] < value) low = middle + 1;
      else high = middle;
    }
    return 1 + Math.floor((bins * low) / n);
  });
}
