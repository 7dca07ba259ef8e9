import type { Caller, StoredDefinition } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { RUN_JOB, type AnalyticsServices } from '../analytics-services.ts';
import { ANALYSIS_KINDS } from '../kinds/analysis-kinds.ts';
import { failRun, failureText } from './run-failure.ts';
import { createRun } from './run-store.ts';

/**
 * Queues a run of the analysis as the caller and returns its id. A run someone starts is first
 * probed as them, so an object, field or filter they may not use is refused (403, 400) before
 * anything is queued; a scheduled run finds out when it runs, and fails with the reason.
 */
export async function startRun(stored: StoredDefinition<AnalysisDefinition>, caller: Caller, services: Pick<AnalyticsServices, 'system' | 'meta' | 'sendJob'>, scheduled: boolean): Promise<string> {
  const { definition } = stored;
  if (!scheduled) await ANALYSIS_KINDS[definition.kind].probe(definition, caller, services.meta);
  const run = await createRun(services.system, { analysis: definition.name, userId: caller.userId!, scheduled, definitionVersion: stored.version });
  const runId = String(run.id);
  try {
    await services.sendJob(RUN_JOB, { runId });
  } catch (err) {
    await failRun(services.system, runId, failureText(err));
    throw err;
  }
  return runId;
}
