import type { Caller, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import type { Outcome } from '../kinds/analysis-kind.ts';
import { storePredictions } from '../predictions/prediction-store.ts';
import { writeBack } from '../write-back.ts';
import { runChanges } from './run-changes.ts';
import { storeLists } from './run-parts.ts';
import { lastModelVersion, updateRun } from './run-store.ts';

/**
 * Stores what a run computed, all in one transaction: the write-back, the scoring and its model
 * version, the tasks, the result's lists and the run marked succeeded. A run that dies before or
 * during this leaves the previous results and written-back values exactly as they were.
 */
export async function commitRun(caller: Caller, run: { id: string; analysis: string }, outcome: Outcome, previous: { id: string; groups: ReadonlyMap<string, string> } | undefined): Promise<void> {
  const records = outcome.lists.records;
  const scope = new Set(records?.map((r) => r.id) ?? []);
  await caller.transaction(async (_inside, system) => {
    const modelVersion = outcome.model ? (await lastModelVersion(system, run.analysis)) + 1 : null;
    let written = 0;
    if (outcome.writeBack) {
      const versionField = outcome.model?.versionField;
      const values = versionField ? new Map<string, RecordData>([...outcome.writeBack.values].map(([id, v]) => [id, { ...v, [versionField]: modelVersion }])) : outcome.writeBack.values;
      written = await writeBack(system, outcome.writeBack.object, values, scope);
    }
    if (outcome.model) await storePredictions(system, { analysis: run.analysis, modelVersion: modelVersion!, runId: run.id, items: outcome.model.predictions });
    for (const record of outcome.created ?? []) await system.create(record.object, record.values);
    await storeLists(system, run.id, outcome.lists);
    await updateRun(system, run.id, {
      status: 'succeeded', progress: 100, finished_at: new Date().toISOString(), rows: outcome.rows, model_version: modelVersion,
      result: {
        ...outcome.summary,
        ...(modelVersion !== null ? { modelVersion } : {}),
        changes: runChanges(previous?.groups, records, previous?.id ?? null),
        recordsWritten: written,
        recordsCreated: outcome.created?.length ?? 0,
      },
    });
  });
}
