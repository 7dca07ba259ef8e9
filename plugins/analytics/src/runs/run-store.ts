import type { RecordData, RecordService } from '../../../../platform/src/plugins/plugin-api.ts';

/** Runs are records of the pack's object, read and written by the pack as the system (docs/analytics.md). */
export const RUN_OBJECT = 'analysis_run';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export async function createRun(system: RecordService, run: { analysis: string; userId: string; scheduled: boolean; definitionVersion: number }): Promise<RecordData> {
  return system.create(RUN_OBJECT, {
    analysis: run.analysis, status: 'queued', progress: 0, started_by: run.userId, scheduled: run.scheduled,
    definition_version: run.definitionVersion, heartbeat_at: new Date().toISOString(),
  });
}

/** Changes a run record (read first for its version: only the run's own job writes it while it runs). */
export async function updateRun(system: RecordService, id: string, values: RecordData): Promise<RecordData> {
  const current = await system.get(RUN_OBJECT, id);
  return system.update(RUN_OBJECT, id, { ...values, _version: current._version });
}

/** Runs of an analysis, newest first; those of one user, or everyone's. */
export async function listRuns(system: RecordService, analysis: string, userId: string | null, limit = 100): Promise<RecordData[]> {
  const filter = { analysis: { $eq: analysis }, ...(userId ? { started_by: { $eq: userId } } : {}) };
  return (await system.list(RUN_OBJECT, { filter, sort: '-id', limit, fields: RUN_FIELDS })).data;
}

/** The user's last successful run of the analysis before the run `before` (any, without it). */
export async function previousRun(system: RecordService, analysis: string, userId: string, before?: string): Promise<RecordData | undefined> {
  const filter = { analysis: { $eq: analysis }, started_by: { $eq: userId }, status: { $eq: 'succeeded' }, ...(before ? { id: { $lt: before } } : {}) };
  return (await system.list(RUN_OBJECT, { filter, sort: '-id', limit: 1, fields: RUN_FIELDS })).data[0];
}

/** The highest model version given so far for the analysis (0 when none). */
export async function lastModelVersion(system: RecordService, analysis: string): Promise<number> {
  const page = await system.list(RUN_OBJECT, { filter: { analysis: { $eq: analysis }, model_version: { $null: false } }, sort: '-model_version', limit: 1, fields: ['model_version'] });
  return Number(page.data[0]?.model_version ?? 0);
}

/** Runs marked running whose job has not shown a sign of life since `before`: their process died. */
export async function abandonedRuns(system: RecordService, before: Date): Promise<RecordData[]> {
  return (await system.list(RUN_OBJECT, { filter: { status: { $eq: 'running' }, heartbeat_at: { $lt: before.toISOString() } }, limit: 100, fields: ['analysis'] })).data;
}

/** Everything of a run but its result. */
export const RUN_FIELDS = ['analysis', 'status', 'progress', 'started_by', 'scheduled', 'definition_version', 'model_version', 'started_at', 'finished_at', 'rows', 'error'];
