import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ACCOUNT_DEFINITION, LIST_FILTERS, accountsCsv, listPath, newAccount } from './account-fixture.ts';
import type { ChildServer } from './child-server.ts';
import { failureRate, runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { fmt, type ReportRow } from './report.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

export interface BenchSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  importRows: number;
  databaseUrl: string;
}

export interface ScenarioOutcome {
  row: ReportRow;
  /** Raw measurements for latest.json. */
  data: Record<string, unknown>;
  /** Why the scenario could not be measured (too many failed requests, a wrong answer...). */
  error?: string;
}

/** Failed requests above this share make a scenario an error rather than a measurement. */
const MAX_FAILURE_RATE = 0.01;

const describeLoad = (r: LoadResult) =>
  `${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`;

function loadError(name: string, r: LoadResult): string | undefined {
  if (r.requests === 0) return `${name}: no request completed`;
  const rate = failureRate(r);
  return rate > MAX_FAILURE_RATE ? `${name}: ${(rate * 100).toFixed(1)}% of requests failed (${describeLoad(r)})` : undefined;
}

/** Warm-up (discarded), then the measured run. */
type LoadTarget = Omit<LoadOptions, 'seconds' | 'connections'>;

const ROUNDS = 3;

function combine(results: readonly LoadResult[], seconds: number): LoadResult {
  const sorted = (pick: (r: LoadResult) => number) => results.map(pick).sort((a, b) => a - b);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  return {
    requests,
    rps: requests / seconds,
    p50: sorted((r) => r.p50)[Math.floor(results.length / 2)],
    p99: sorted((r) => r.p99).at(-1)!,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  };
}

/**
 * Tessera and the floor take turns: after a warm-up of each, ROUNDS rounds alternate which one goes
 * first, so that drift in the machine's load (other processes, checkpoints) touches both alike.
 * Throughput is over all rounds, p50 the median round's, p99 the worst round's.
 */
async function compare(tessera: LoadTarget, floor: LoadTarget, settings: BenchSettings): Promise<{ tessera: LoadResult; floor: LoadResult }> {
  const run = (target: LoadTarget, seconds: number) => runLoad({ ...target, connections: settings.connections, seconds });
  await run(tessera, settings.warmupSeconds);
  await run(floor, settings.warmupSeconds);
  const roundSeconds = Math.max(1, Math.round(settings.seconds / ROUNDS));
  const results = { tessera: [] as LoadResult[], floor: [] as LoadResult[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['tessera', 'floor'] as const) : (['floor', 'tessera'] as const);
    for (const who of order) results[who].push(await run(who === 'tessera' ? tessera : floor, roundSeconds));
  }
  return { tessera: combine(results.tessera, roundSeconds * ROUNDS), floor: combine(results.floor, roundSeconds * ROUNDS) };
}

function rotation<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/**
 * SPEC §7 measures the list as a role with a `department_tree` scope and field restrictions. That
 * role kind does not exist yet, so the list runs as the admin (a superuser: no row filter, every
 * field). Once roles with scopes land, create such a role and a user holding it here, and return
 * that user's client; the scenario and the floor's SQL stay as they are.
 */
function listReader(admin: TesseraClient): { client: TesseraClient; actor: string } {
  return { client: admin, actor: 'admin (superuser; department_tree role not available yet)' };
}

/** (a) A 2-field filter, sort and limit 50 on the seeded table, rotating over several filter values. */
export async function listScenario(admin: TesseraClient, floor: ChildServer, settings: BenchSettings): Promise<ScenarioOutcome> {
  const reader = listReader(admin);
  const paths = LIST_FILTERS.map(listPath);
  const probe = expectStatus(await reader.client.call('GET', paths[0]), [200], 'list probe');
  if (probe.body.data?.length !== 50) throw new Error(`list probe returned ${probe.body.data?.length} rows instead of 50`);

  const nextTessera = rotation(paths);
  const nextFloor = rotation(paths);
  const tesseraOptions = { url: admin.baseUrl, method: 'GET' as const, headers: reader.client.authHeader, next: () => ({ path: nextTessera() }) };
  const floorOptions = { url: floor.baseUrl, method: 'GET' as const, next: () => ({ path: nextFloor() }) };
  const { tessera, floor: floorResult } = await compare(tesseraOptions, floorOptions, settings);
  const ratio = tessera.rps / floorResult.rps;
  const error = loadError('tessera list', tessera) ?? loadError('floor list', floorResult);
  return {
    row: {
      scenario: 'list: 2-field filter, sort, limit 50',
      tessera: `${fmt.rps(tessera.rps)}, p50 ${fmt.ms(tessera.p50)}, p99 ${fmt.ms(tessera.p99)}`,
      floor: `${fmt.rps(floorResult.rps)}, p50 ${fmt.ms(floorResult.p50)}, p99 ${fmt.ms(floorResult.p99)}`,
      ratio: fmt.ratio(ratio),
      target: '>= 0.70x, p99 < 50 ms',
      pass: error ? undefined : ratio >= 0.7 && tessera.p99 < 50,
      note: `as ${reader.actor}; tessera ${describeLoad(tessera)}; floor ${describeLoad(floorResult)}`,
    },
    data: { actor: reader.actor, filters: LIST_FILTERS, tessera, floor: floorResult, ratio },
    error,
  };
}

/** (b) Single-record create (validation, audit, history) against the floor's plain INSERT. */
export async function createScenario(admin: TesseraClient, floor: ChildServer, settings: BenchSettings): Promise<ScenarioOutcome> {
  let tesseraSeq = 0;
  let floorSeq = 0;
  const probe = expectStatus(await admin.call('POST', '/api/records/account', newAccount('Bench probe', 0)), [201], 'create probe');
  if (!probe.body.id) throw new Error('create probe answered without an id');

  const { tessera, floor: floorResult } = await compare(
    { url: admin.baseUrl, method: 'POST', headers: admin.authHeader, next: () => ({ path: '/api/records/account', body: newAccount('Bench T', ++tesseraSeq) }) },
    { url: floor.baseUrl, method: 'POST', next: () => ({ path: '/insert', body: newAccount('Bench F', ++floorSeq) }) },
    settings,
  );
  const ratio = tessera.rps / floorResult.rps;
  const error = loadError('tessera create', tessera) ?? loadError('floor create', floorResult);
  return {
    row: {
      scenario: 'create one record',
      tessera: `${fmt.rps(tessera.rps)}, p50 ${fmt.ms(tessera.p50)}, p99 ${fmt.ms(tessera.p99)}`,
      floor: `${fmt.rps(floorResult.rps)}, p50 ${fmt.ms(floorResult.p50)}, p99 ${fmt.ms(floorResult.p99)}`,
      ratio: fmt.ratio(ratio),
      target: '>= 0.60x',
      pass: error ? undefined : ratio >= 0.6,
      note: `tessera ${describeLoad(tessera)}; floor ${describeLoad(floorResult)}`,
    },
    data: { tessera, floor: floorResult, ratio },
    error,
  };
}

/** (c) One CSV import of `importRows` new accounts, waiting for the job to finish. */
export async function importScenario(admin: TesseraClient, settings: BenchSettings): Promise<ScenarioOutcome> {
  const csv = accountsCsv('Bench import', settings.importRows);
  const started = performance.now();
  const reply = await admin.call('POST', '/api/records/account/import?wait=true', csv, 'text/csv');
  const seconds = (performance.now() - started) / 1000;
  const job = reply.body ?? {};
  const rowsPerSecond = (job.inserted ?? 0) / seconds;
  let error: string | undefined;
  if (reply.status !== 200) error = `import: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
  else if (job.status !== 'done' || job.inserted !== settings.importRows) {
    error = `import: job ended ${job.status} with ${job.inserted} of ${settings.importRows} rows inserted: ${JSON.stringify(job).slice(0, 300)}`;
  }
  return {
    row: {
      scenario: `CSV import, ${settings.importRows.toLocaleString('en-US')} rows`,
      tessera: `${fmt.rows(rowsPerSecond)} (${seconds.toFixed(1)} s)`,
      floor: '-',
      ratio: '-',
      target: '>= 20,000 rows/s',
      pass: error ? undefined : rowsPerSecond >= 20_000,
      note: `${(csv.length / 1e6).toFixed(1)} MB of CSV; job status ${job.status}, inserted ${job.inserted}`,
    },
    data: { rows: settings.importRows, csvBytes: csv.length, seconds, rowsPerSecond, job },
    error,
  };
}

async function tableFacts(url: string): Promise<{ relfilenode: string; rows: number }> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.relfilenode::text AS relfilenode, (SELECT count(*) FROM records.account)::int AS rows
         FROM pg_class c WHERE c.oid = 'records.account'::regclass`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** (d) Adds one nullable text field to the seeded object; the table file must stay the same. */
export async function addFieldScenario(admin: TesseraClient, settings: BenchSettings): Promise<ScenarioOutcome> {
  const before = await tableFacts(settings.databaseUrl);
  const definition = { ...ACCOUNT_DEFINITION, fields: [...ACCOUNT_DEFINITION.fields, { name: 'bench_remark', type: 'text' }] };
  const started = performance.now();
  const reply = await admin.call('PUT', '/api/meta/objects/account', definition);
  const ms = performance.now() - started;
  const after = await tableFacts(settings.databaseUrl);
  const rewritten = before.relfilenode !== after.relfilenode;
  let error: string | undefined;
  if (reply.status !== 200) error = `add field: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
  return {
    row: {
      scenario: `add a field (${before.rows.toLocaleString('en-US')} rows)`,
      tessera: `${fmt.ms(ms)}, ${rewritten ? 'table REWRITTEN' : 'no rewrite'}`,
      floor: '-',
      ratio: '-',
      target: '< 1000 ms, no rewrite',
      pass: error ? undefined : ms < 1000 && !rewritten,
      note: `records.account relfilenode ${before.relfilenode} -> ${after.relfilenode}`,
    },
    data: { ms, rows: before.rows, relfilenodeBefore: before.relfilenode, relfilenodeAfter: after.relfilenode, rewritten },
    error,
  };
}
