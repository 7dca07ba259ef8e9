import { calibrationTable, precisionAtTop } from '../engine/index.ts';
import { rounded } from '../analysis-fields.ts';
import type { Prediction } from '../kinds/analysis-kind.ts';

/**
 * How earlier scorings did, now that outcomes are known: of the records that were not yet yes when
 * scored and whose outcome is known now (and that are in this run's scope), the share of yes among
 * the top tenth by probability, and predicted against observed by probability band.
 */
export function trackRecord(earlier: { modelVersion: number; items: Prediction[] }[], outcomeNow: ReadonlyMap<string, 0 | 1 | null>) {
  return earlier.map(({ modelVersion, items }) => {
    const judged = items.filter(([id, , then]) => then !== 1 && outcomeNow.get(id) != null);
    const actual = judged.map(([id]) => outcomeNow.get(id)!);
    const probabilities = judged.map(([, probability]) => probability);
    return {
      modelVersion,
      predictions: items.length,
      judged: judged.length,
      becameYes: actual.filter((a) => a === 1).length,
      precisionTopDecile: judged.length ? rounded(precisionAtTop(actual, probabilities, 0.1)) : null,
      calibration: calibrationTable(actual, probabilities, 10).filter((band) => band.rows > 0)
        .map((band) => ({ ...band, meanPredicted: rounded(band.meanPredicted!), observedRate: rounded(band.observedRate!) })),
    };
  });
}
