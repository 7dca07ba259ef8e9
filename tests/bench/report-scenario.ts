import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { INDUSTRIES } from './account-fixture.ts';
import { fmt } from './report.ts';
import type { BenchSettings, ScenarioOutcome } from './scenarios.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

/**
 * `report`: a report grouped by one field over every account (SPEC §7: within 1.3x of the raw SQL).
 * The reporting pack is installed and a report defined through the API; then, taking turns, the
 * report runs through HTTP (`GET /api/reports/:name/run`, as the admin, so over all rows) and the
 * equivalent GROUP BY runs on a plain pg connection. Both answers are compared; the ratio is of the
 * median times. The scoped reader's run of the same report is shown for information.
 */
const REPORT = {
  label: { en: 'Accounts by industry', 'zh-CN': '按行业统计客户' },
  object: 'account',
  groupBy: [{ field: 'industry' }],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'revenue' }],
  chart: { type: 'bar' },
};
// The same statement as the report's: enum groups come in the order of the field's options.
const RAW_SQL =
  'SELECT t0.industry AS industry, count(*) AS count, sum(t0.revenue) AS sum_revenue FROM records.account AS t0 ' +
  `WHERE t0._deleted_at IS NULL GROUP BY 1 ORDER BY array_position(ARRAY[${INDUSTRIES.map((i) => `'${i}'`).join(', ')}]::text[], t0.industry::text) ASC NULLS LAST LIMIT 1001`;
const ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 9);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
  industry: string | null;
  count: number;
  sum_revenue: number;
}

const normalise = (rows: Row[]) => rows.map((r) => ({ industry: r.industry, count: Number(r.count), sum_revenue: Math.round(Number(r.sum_revenue)) }));

export async function reportScenario(admin: TesseraClient, reader: TesseraClient, settings: BenchSettings): Promise<ScenarioOutcome> {
  expectStatus(await admin.call('POST', '/api/packs/reporting/install'), [200], 'install the reporting pack');
  expectStatus(await admin.call('PUT', '/api/meta/reports/accounts_by_industry', REPORT), [200, 201], 'define the report');
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  try {
    const runReport = async (who: TesseraClient) => {
      const started = performance.now();
      const reply = await who.call('GET', '/api/reports/accounts_by_industry/run');
      const ms = performance.now() - started;
      expectStatus(reply, [200], 'run the report');
      return { ms, rows: reply.body.rows as Row[] };
    };
    const runRaw = async () => {
      const started = performance.now();
      const result = await client.query(RAW_SQL);
      return { ms: performance.now() - started, rows: result.rows as Row[] };
    };
    // Warm-up of both (plans, caches), then rounds that alternate which goes first.
    const first = await runReport(admin);
    const raw = await runRaw();
    const same = JSON.stringify(normalise(first.rows)) === JSON.stringify(normalise(raw.rows));
    const reportMs: number[] = [];
    const rawMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        reportMs.push((await runReport(admin)).ms);
        rawMs.push((await runRaw()).ms);
      } else {
        rawMs.push((await runRaw()).ms);
        reportMs.push((await runReport(admin)).ms);
      }
    }
    const scopedMs: number[] = [];
    for (let round = 0; round < 3; round++) scopedMs.push((await runReport(reader)).ms);
    const tessera = median(reportMs);
    const floor = median(rawMs);
    const ratio = tessera / floor;
    const total = normalise(first.rows).reduce((n, r) => n + r.count, 0);
    return {
      row: {
        scenario: `report grouped by one field (${total.toLocaleString('en-US')} rows)`,
        tessera: fmt.ms(tessera),
        floor: `${fmt.ms(floor)} raw SQL`,
        ratio: fmt.ratio(ratio),
        target: '<= 1.30x raw SQL',
        pass: same ? ratio <= 1.3 : undefined,
        note: `median of ${ROUNDS} alternating runs; HTTP report vs pg query; scoped reader ${fmt.ms(median(scopedMs))}`,
      },
      data: { reportMs, rawMs, scopedMs, ratio, groups: first.rows.length, rows: total, sameAnswer: same },
      error: same ? undefined : `report: the report's answer differs from the raw SQL's (${JSON.stringify(first.rows).slice(0, 200)} vs ${JSON.stringify(raw.rows).slice(0, 200)})`,
    };
  } finally {
    await client.end();
  }
}
