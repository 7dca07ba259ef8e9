import { byProbabilityDescending } from './roc-curve.ts';

/**
 * How earlier predictions did once the outcomes are known: precision among the rows predicted most
 * likely, and a calibration table (predicted against observed, by probability band).
 */

/**
 * The share of positives among the top `share` of rows by probability (ceil(n × share) rows; rows
 * with equal probabilities at the edge are taken in row order). 0.1 gives the top decile.
 */
export function precisionAtTop(actual: ArrayLike<number>, probabilities: ArrayLike<number>, share = 0.1): number {
  const order = byProbabilityDescending(probabilities);
  const count = Math.min(order.length, Math.ceil(order.length * share));
  if (count === 0) return 0;
  let positives = 0;
  for (let i = 0; i < count; i++) positives += actual[order[i]] === 1 ? 1 : 0;
  return positives / count;
}

export interface CalibrationBand {
  /** Probabilities in [from, to); the last band includes 1. */
  from: number;
  to: number;
  rows: number;
  /** null when the band is empty. */
  meanPredicted: number | null;
  observedRate: number | null;
}

export function calibrationTable(actual: ArrayLike<number>, probabilities: ArrayLike<number>, bands = 10): CalibrationBand[] {
  const rows = new Float64Array(bands);
  const predicted = new Float64Array(bands);
  const observed = new Float64Array(bands);
  for (let i = 0; i < actual.length; i++) {
    const band = Math.min(bands - 1, Math.max(0, Math.floor(probabilities[i] * bands)));
    rows[band]++;
    predicted[band] += probabilities[i];
    observed[band] += actual[i] === 1 ? 1 : 0;
  }
  return Array.from({ length: bands }, (_, b) => ({
    from: b / bands,
    to: (b + 1) / bands,
    rows: rows[b],
    meanPredicted: rows[b] ? predicted[b] / rows[b] : null,
    observedRate: rows[b] ? observed[b] / rows[b] : null,
  }));
}
