import type { RecordService, SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import type { Prediction } from '../kinds/analysis-kind.ts';
import { inPieces } from '../runs/pieces.ts';

const PREDICTION_OBJECT = 'analysis_prediction';

/** Keeps one scoring: (record, probability, outcome when scored) per record, in batches written together. */
export async function storePredictions(system: SystemRecordService, scoring: { analysis: string; modelVersion: number; runId: string; items: Prediction[] }): Promise<void> {
  const scoredAt = new Date().toISOString();
  const batches = [...inPieces(scoring.items)].map((piece) => ({ analysis: scoring.analysis, model_version: scoring.modelVersion, run: scoring.runId, scored_at: scoredAt, predictions: piece }));
  if (batches.length) await system.createMany(PREDICTION_OBJECT, batches);
}

/** The scorings of the analysis's last `versions` model versions, newest first. */
export async function earlierScorings(system: RecordService, analysis: string, versions = 3): Promise<{ modelVersion: number; items: Prediction[] }[]> {
  const scorings = new Map<number, Prediction[]>();
  let cursor: string | undefined;
  do {
    const page = await system.list(PREDICTION_OBJECT, { filter: { analysis: { $eq: analysis } }, sort: '-model_version', limit: 20, fields: ['model_version', 'predictions'], ...(cursor ? { cursor } : {}) });
    for (const batch of page.data) {
      const version = Number(batch.model_version);
      if (!scorings.has(version) && scorings.size === versions) return [...scorings].map(([modelVersion, items]) => ({ modelVersion, items }));
      scorings.set(version, [...(scorings.get(version) ?? []), ...(batch.predictions as Prediction[])]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return [...scorings].map(([modelVersion, items]) => ({ modelVersion, items }));
}
