import type { JobTools, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { Outcome, RecordResult } from '../kinds/analysis-kind.ts';
import { ANALYSIS_KINDS } from '../kinds/analysis-kinds.ts';
import { earlierScorings } from '../predictions/prediction-store.ts';
import { commitRun } from './commit-run.ts';
import { failRun, failureText } from './run-failure.ts';
import { readLists } from './run-parts.ts';
import { runRecorder } from './run-recorder.ts';
import { RUN_OBJECT, previousRun } from './run-store.ts';

/** Computes a value once, when first asked for. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/**
 * The job of one run: reads as the user who started it (their Caller, loaded now: a user disabled
 * since is refused), computes, and stores everything at the end in one transaction (commit-run.ts).
 * Any failure marks the run failed with its reason and leaves earlier results untouched.
 */
export async function executeRun(runId: string, tools: JobTools): Promise<void> {
  const { system, log } = tools;
  let run: RecordData;
  try {
    run = await system.get(RUN_OBJECT, runId);
  } catch (err) {
    log.warn({ err, runId }, 'analysis run to execute not found');
    return;
  }
  if (run.status === 'succeeded' || run.status === 'failed') return;
  const analysis = String(run.analysis);
  const userId = String(run.started_by);
  const recorder = runRecorder(system, runId, log);
  let notifications: NonNullable<Outcome['notifications']> = [];
  try {
    const stored = await tools.definitions.get<AnalysisDefinition>('analysis', analysis);
    if (!stored) throw pluginError('NOT_FOUND', { en: `The analysis '${analysis}' was deleted.`, 'zh-CN': `分析“${analysis}”已被删除。` });
    const caller = await tools.callerFor(userId);
    const now = new Date();
    await recorder.write({ status: 'running', started_at: now.toISOString(), definition_version: stored.version, progress: 1 });
    recorder.beat();

    const previous = once(async () => {
      const found = await previousRun(system, analysis, userId, runId);
      if (!found) return undefined;
      const { records = [] } = await readLists(system, String(found.id), ['records']);
      return { id: String(found.id), groups: new Map((records as RecordResult[]).map((r) => [r.id, r.group])) };
    });
    const outcome = await ANALYSIS_KINDS[stored.definition.kind].compute({
      definition: stored.definition, caller, meta: tools.meta, now,
      progress: (share) => recorder.progress(2 + share * 88),
      previousGroups: async () => (await previous())?.groups ?? new Map(),
      earlierPredictions: () => earlierScorings(system, analysis),
    });
    await recorder.progress(92);
    await recorder.stop();
    await commitRun(caller, { id: runId, analysis }, outcome, outcome.lists.records ? await previous() : undefined);
    notifications = outcome.notifications ?? [];
  } catch (err) {
    await recorder.stop();
    log.warn({ err, runId, analysis }, 'analysis run failed');
    try {
      await failRun(system, runId, failureText(err));
    } catch (markErr) {
      log.error({ err: markErr, runId }, 'analysis run not marked failed');
    }
  }
  // Side effects once the run is stored: a notification that fails does not undo the run.
  for (const n of notifications) {
    await tools.notify([n.userId], n.text, n.about).catch((err: unknown) => log.warn({ err, runId }, 'analysis notification not sent'));
  }
}
