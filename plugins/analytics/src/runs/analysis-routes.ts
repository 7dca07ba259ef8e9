import type { Router } from 'express';
import type { Caller, PluginBootContext, RecordData, StoredDefinition } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { recommendationsFor } from './recommendations.ts';
import { readLists } from './run-parts.ts';
import { RUN_OBJECT, listRuns } from './run-store.ts';
import { runView } from './run-view.ts';
import { startRun } from './start-run.ts';

const ID = /^[1-9][0-9]{0,18}$/;

/**
 * /api/analyses: the analyses a user may run with their last run, runs (202, then polled), their
 * results, and recommendations. A run's result was computed under its starter's permissions, so
 * only the starter sees it, and whoever may read the pack's run records (superusers).
 */
export function analysisRoutes(router: Router, plugin: PluginBootContext): void {
  const { system } = plugin;
  const stored = async (name: string): Promise<StoredDefinition<AnalysisDefinition>> => {
    const found = await plugin.definitions.get<AnalysisDefinition>('analysis', name);
    if (!found) throw pluginError('NOT_FOUND', { en: `There is no analysis named '${name.slice(0, 80)}'.`, 'zh-CN': `没有名为“${name.slice(0, 80)}”的分析。` });
    return found;
  };
  const seesEveryRun = (caller: Caller) => caller.records.permits(RUN_OBJECT, 'read');
  const visibleRun = async (caller: Caller, name: string, id: string): Promise<RecordData> => {
    const missing = pluginError('NOT_FOUND', { en: `The analysis '${name.slice(0, 80)}' has no run ${id.slice(0, 20)} of yours.`, 'zh-CN': `分析“${name.slice(0, 80)}”没有您的第 ${id.slice(0, 20)} 次运行。` });
    if (!ID.test(id)) throw missing;
    const run = await system.get(RUN_OBJECT, id).catch(() => undefined);
    if (!run || run.analysis !== name) throw missing;
    if (String(run.started_by) !== caller.userId && !(await seesEveryRun(caller))) throw missing;
    return run;
  };

  router.get('/', async (req, res) => {
    const caller = plugin.caller(req);
    const data = [];
    for (const { definition, version } of await plugin.definitions.list<AnalysisDefinition>('analysis')) {
      if (!(await caller.records.permits(definition.source.object, 'read'))) continue;
      const [last] = await listRuns(system, definition.name, caller.userId, 1);
      data.push({
        name: definition.name, label: definition.label ?? null, description: definition.description ?? null, kind: definition.kind,
        object: definition.source.object, schedule: definition.schedule ?? null, version,
        lastRun: last ? runView(last, caller.lang) : null,
      });
    }
    res.json({ data });
  });

  router.post('/:name/run', async (req, res) => {
    const caller = plugin.caller(req);
    const runId = await startRun(await stored(req.params.name), caller, plugin, false);
    res.status(202).json({ runId });
  });

  router.get('/:name/runs', async (req, res) => {
    const caller = plugin.caller(req);
    await stored(req.params.name);
    const runs = await listRuns(system, req.params.name, (await seesEveryRun(caller)) ? null : caller.userId);
    res.json({ data: runs.map((run) => runView(run, caller.lang)) });
  });

  router.get('/:name/runs/:id', async (req, res) => {
    const caller = plugin.caller(req);
    const run = await visibleRun(caller, req.params.name, req.params.id);
    const result = run.status === 'succeeded' ? { ...(run.result as Record<string, unknown>), ...(await readLists(system, String(run.id))) } : null;
    res.json({ ...runView(run, caller.lang), result });
  });

  router.get('/:name/recommendations/:recordId', async (req, res) => {
    const caller = plugin.caller(req);
    const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw pluginError('BAD_REQUEST', { en: 'limit must be a whole number from 1 to 100.', 'zh-CN': 'limit 必须是 1 到 100 之间的整数。' }, [{ path: '/limit', message: { en: 'must be 1–100', 'zh-CN': '必须是 1–100' } }]);
    }
    res.json(await recommendationsFor((await stored(req.params.name)).definition, req.params.recordId, caller, plugin, limit));
  });
}
