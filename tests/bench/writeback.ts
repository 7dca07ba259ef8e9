import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createTessera } from '../../platform/src/app.ts';
import { loadConfig } from '../../platform/src/core/config.ts';
import { systemContext } from '../../platform/src/core/ctx.ts';
import type { RecordData } from '../../platform/src/plugins/plugin-api.ts';
import { callerOf } from '../../platform/src/plugins/record-service.ts';
import { recordWorkflowPort } from '../../platform/src/workflow/record-workflow-port.ts';
import type { Prediction } from '../../plugins/analytics/src/kinds/analysis-kind.ts';
import { storePredictions } from '../../plugins/analytics/src/predictions/prediction-store.ts';
import { createRun } from '../../plugins/analytics/src/runs/run-store.ts';
import { writeBack } from '../../plugins/analytics/src/write-back.ts';
import { dropBenchDatabase, recreateBenchDatabase } from './bench-database.ts';
import type { ScenarioOutcome } from './scenarios.ts';

/** Its own database: the scenario needs the analytics pack, which the server scenarios' database has not. */
const DATABASE = 'tessera_bench_writeback';
const TARGET_MS = 20_000;

const RULES = [
  'Last order > 180 days ago and Credit limit ≤ 50000\n最近订单 > 180 天 且 信用额度 ≤ 50000',
  'Employees ≤ 40 and Region = Yunnan\n员工数 ≤ 40 且 地区 = Yunnan',
  'Annual revenue > 900000000\n年营业额 > 900000000',
  'Lifecycle = prospect and Last order ≤ 30 days ago\n生命周期 = prospect 且 最近订单 ≤ 30 天',
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A classifier's scoring written back onto `accounts` crm accounts (issue: "scoring write-back of
 * 100,000 records < 20 s"), in-process, through the analytics pack's own write-back and prediction
 * store inside one transaction as a run's commit does: probability, model version and rule per
 * account, with history. Timed: that transaction. Then the same scoring again, which changes nothing.
 */
export async function writebackScenario(serverUrl: string, accounts: number, log: (message: string) => void): Promise<ScenarioOutcome> {
  const databaseUrl = await recreateBenchDatabase(serverUrl, DATABASE);
  const config = { ...loadConfig({}), databaseUrl, adminPassword: randomBytes(18).toString('base64url'), logLevel: 'warn', initialPacks: ['analytics'], demoData: false };
  const tessera = await createTessera({ config, log: pino({ level: 'warn' }), env: {} });
  try {
    const { db, holder, jobs, plugins } = tessera.services;
    await db.raw(
      `INSERT INTO records.account (name, lifecycle, annual_revenue, _owner, _created_by) ` +
        `SELECT 'Writeback customer ' || g, (ARRAY['lead','prospect','customer','lost'])[1 + g % 4], g * 1000, 1, 1 FROM generate_series(1, ?::int) AS g`,
      [accounts],
    );
    await db.raw('ANALYZE records.account');
    const ids: string[] = (await db.raw('SELECT id FROM records.account ORDER BY id')).rows.map((r: { id: string | number }) => String(r.id));
    log(`seeded ${ids.length.toLocaleString('en-US')} crm accounts (analytics pack installed)`);
    const caller = callerOf(systemContext({ db, schema: holder.snapshot, log: tessera.log, jobs, hooks: plugins, workflow: recordWorkflowPort, registry: plugins!.registrations }));
    const scoring = (seed: number) => new Map<string, RecordData>(ids.map((id, i) => [id, { churn_probability: ((i * 7919 + seed) % 1000) / 1000, churn_model_version: seed, churn_rule: RULES[i % RULES.length] }]));
    const run = async (seed: number) => {
      const values = scoring(seed);
      const started = performance.now();
      const written = await caller.transaction(async (_inside, system) => {
        const changed = await writeBack(system, 'account', values, new Set(ids));
        const items = ids.map((id, i): Prediction => [id, values.get(id)!.churn_probability as number, i % 5 === 0 ? 1 : 0]);
        await storePredictions(system, { analysis: 'churn_prediction', modelVersion: seed, runId: String((await createRun(system, { analysis: 'churn_prediction', userId: '1', scheduled: false, definitionVersion: 1 })).id), items });
        return changed;
      });
      return { written, ms: performance.now() - started };
    };
    const first = await run(1);
    log(`write-back of ${ids.length.toLocaleString('en-US')} accounts: ${first.written.toLocaleString('en-US')} changed in ${seconds(first.ms)}`);
    const again = await run(1);
    log(`the same scoring again: ${again.written} changed in ${seconds(again.ms)}`);
    const history = Number((await db.raw(`SELECT count(*) AS n FROM record_history WHERE object = 'account' AND action = 'update'`)).rows[0].n);
    const error = first.written !== ids.length ? `wrote ${first.written} of ${ids.length} accounts`
      : again.written !== 0 ? `the unchanged scoring wrote ${again.written} accounts`
      : history !== 2 * ids.length ? `${history} history rows, expected ${2 * ids.length} (probability and model version)` : undefined;
    return {
      row: {
        scenario: `writeback (${ids.length.toLocaleString('en-US')} accounts)`, tessera: seconds(first.ms), floor: '-', ratio: '-', target: '< 20 s',
        pass: error ? undefined : first.ms < TARGET_MS,
        note: `probability, model version and rule per account with ${history.toLocaleString('en-US')} history rows, and the scoring's predictions, in one transaction; the same scoring again (nothing to change) ${seconds(again.ms)}`,
      },
      data: { ms: Math.round(first.ms), unchangedMs: Math.round(again.ms), targetMs: TARGET_MS, accounts: ids.length, historyRows: history },
      error: error ? `writeback: ${error}` : undefined,
    };
  } finally {
    await tessera.close();
    await dropBenchDatabase(serverUrl, DATABASE);
  }
}
