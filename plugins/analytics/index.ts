import { definePlugin } from '../../platform/src/plugins/plugin-api.ts';
import { RUN_JOB, SCHEDULE_JOB } from './src/analytics-services.ts';
import { checkAnalysis } from './src/check/check-analysis.ts';
import { analysisRoutes } from './src/runs/analysis-routes.ts';
import { executeRun } from './src/runs/execute-run.ts';
import { failAbandonedRuns, runScheduledAnalyses } from './src/runs/scheduled-runs.ts';

/** Analyses (docs/analytics.md): definitions checked against the objects, run as a job under the starter's permissions. */
export default definePlugin({
  register(ctx) {
    ctx.definitionKind({ kind: 'analysis', plural: 'analyses', label: { en: 'analysis', 'zh-CN': '分析' }, check: checkAnalysis });
    ctx.jobHandler<{ runId: string }>(RUN_JOB, ({ runId }, tools) => executeRun(runId, tools), { retryLimit: 0 });
    ctx.jobHandler(SCHEDULE_JOB, (_data, tools) => runScheduledAnalyses(new Date(), tools), { retryLimit: 0, coalesce: true });
  },
  async boot(ctx) {
    analysisRoutes(ctx.router('analyses'), ctx);
    // A pack boots before its install, when its objects do not exist yet.
    if (ctx.meta.object('analysis_run')) await failAbandonedRuns(ctx, new Date()).catch((err: unknown) => ctx.log.warn({ err }, 'abandoned analysis runs not checked'));
    await ctx.schedule(SCHEDULE_JOB, '* * * * *');
  },
});
