import { mean, standardDeviation } from 'simple-statistics';

/**
 * z-scores of numeric features, so that no feature weighs in a distance just for its units. The
 * means and standard deviations (population) are kept to turn centroids back into original units.
 * A missing value is put at its feature's mean (z = 0); a constant feature has sd 1 (all zeros).
 */
export interface Standardisation {
  means: number[];
  sds: number[];
}

export function standardisation(columns: readonly Float64Array[]): Standardisation {
  const means: number[] = [];
  const sds: number[] = [];
  for (const values of columns) {
    const present = Array.from(values).filter((v) => !Number.isNaN(v));
    const m = present.length ? mean(present) : 0;
    const sd = present.length ? standardDeviation(present) : 0;
    means.push(m);
    sds.push(sd > 0 ? sd : 1);
  }
  return { means, sds };
}

/** Row-major points of z-scores. */
export function standardisedPoints(columns: readonly Float64Array[], { means, sds }: Standardisation): number[][] {
  const rowCount = columns.length ? columns[0].length : 0;
  const points: number[][] = new Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const point = new Array<number>(columns.length);
    for (let f = 0; f < columns.length; f++) {
      const value = columns[f][row];
      point[f] = Number.isNaN(value) ? 0 : (value - means[f]) / sds[f];
    }
    points[row] = point;
  }
  return points;
}
