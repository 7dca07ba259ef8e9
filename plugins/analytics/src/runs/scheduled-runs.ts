import type { JobTools } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { cronDue } from '../schedule/cron-schedule.ts';
import { HEARTBEAT_MS } from './run-recorder.ts';
import { failRun } from './run-failure.ts';
import { abandonedRuns } from './run-store.ts';
import { startRun } from './start-run.ts';

/** A running run silent for this long lost its process. */
const ABANDONED_MS = 6 * HEARTBEAT_MS;

/** Runs whose job stopped showing signs of life (its process died) are marked failed; nothing they computed was stored. */
export async function failAbandonedRuns(tools: Pick<JobTools, 'system' | 'log'>, now: Date): Promise<void> {
  for (const run of await abandonedRuns(tools.system, new Date(now.getTime() - ABANDONED_MS))) {
    await failRun(tools.system, String(run.id), { en: 'The run was interrupted (its server stopped); earlier results are unchanged.', 'zh-CN': '运行被中断（其服务器已停止）；之前的结果未受影响。' });
    tools.log.warn({ runId: run.id }, 'abandoned analysis run marked failed');
  }
}

/**
 * Every minute: starts the analyses whose schedule names this minute (UTC), each as the user who
 * saved the definition; a definition saved by no user (installed at first start) is not run.
 */
export async function runScheduledAnalyses(now: Date, tools: JobTools): Promise<void> {
  await failAbandonedRuns(tools, now);
  for (const stored of await tools.definitions.list<AnalysisDefinition>('analysis')) {
    const { schedule, name } = stored.definition;
    if (!schedule) continue;
    if (!cronDue(schedule, now)) continue;
    if (!stored.savedBy) {
      tools.log.warn({ analysis: name }, 'scheduled analysis not run: no user saved it; save it once to run it as yourself');
      continue;
    }
    try {
      await startRun(stored, await tools.callerFor(stored.savedBy), tools, true);
    } catch (err) {
      tools.log.warn({ err, analysis: name }, 'scheduled analysis not started');
    }
  }
}
