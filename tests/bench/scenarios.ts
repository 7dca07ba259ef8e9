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

export const describeLoad = (r: LoadResult) =>
  `${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`;

export function loadError(name: string, r: LoadResult): string | undefined {
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
 * Two targets take turns: after a warm-up of each, ROUNDS rounds alternate which one goes first, so
 * that drift in the machine's load (other processes, checkpoints) touches both alike. Throughput is
 * over all rounds, p50 the median round's, p99 the worst round's.
 */
async function interleave(first: LoadTarget, second: LoadTarget, settings: BenchSettings): Promise<[LoadResult, LoadResult]> {
  const run = (target: LoadTarget, seconds: number) => runLoad({ ...target, connections: settings.connections, seconds });
  await run(first, settings.warmupSeconds);
  await run(second, settings.warmupSeconds);
  const roundSeconds = Math.max(1, Math.round(settings.seconds / ROUNDS));
  const results: [LoadResult[], LoadResult[]] = [[], []];
  const targets = [first, second] as const;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] as const : [1, 0] as const;
    for (const who of order) results[who].push(await run(targets[who], roundSeconds));
  }
  return [combine(results[0], roundSeconds * ROUNDS), combine(results[1], roundSeconds * ROUNDS)];
}

/** Tessera and the floor, interleaved. */
async function compare(tessera: LoadTarget, floor: LoadTarget, settings: BenchSettings): Promise<{ tessera: LoadResult; floor: LoadResult }> {
  const [t, f] = await interleave(tessera, floor, settings);
  return { tessera: t, floor: f };
}

const figures = (r: LoadResult) => `${fmt.rps(r.rps)}, p50 ${fmt.ms(r.p50)}, p99 ${fmt.ms(r.p99)}`;

function rotation<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/** The user SPEC §7 measures the list as: the bench organisation's `bench_regional` reader. */
export interface ScopedReader {
  client: TesseraClient;
  /** For the report. */
  actor: string;
  /** The reader's department and everything below it. */
  subtree: ReadonlySet<string>;
  /** Accounts outside the subtree shared with the reader or their department; null without shares. */
  shared: ReadonlySet<string> | null;
  hiddenFields: readonly string[];
  /** The keys every listed record must have, no more, no less. */
  columns: readonly string[];
}

/**
 * What the scoped reader must get: `minRows` rows or more, exactly the visible fields, every row
 * inside the subtree or shared. Returns the ids in order, or throws saying what is wrong.
 */
function checkScopedPage(reader: ScopedReader, body: any, what: string, minRows: number): string[] {
  const rows: Record<string, unknown>[] | undefined = body?.data;
  if (!Array.isArray(rows)) throw new Error(`${what}: no data array in ${JSON.stringify(body).slice(0, 300)}`);
  if (rows.length < minRows) throw new Error(`${what}: ${rows.length} rows instead of ${minRows}`);
  const expected = [...reader.columns].sort().join(',');
  for (const row of rows) {
    const leaked = reader.hiddenFields.filter((f) => f in row);
    if (leaked.length) throw new Error(`${what}: record ${String(row.id)} carries the hidden field(s) ${leaked.join(', ')}`);
    const keys = Object.keys(row).sort().join(',');
    if (keys !== expected) throw new Error(`${what}: record ${String(row.id)} has the fields ${keys} instead of ${expected}`);
    const inTree = reader.subtree.has(String(row._department));
    if (!inTree && !reader.shared?.has(String(row.id))) {
      throw new Error(`${what}: record ${String(row.id)} of department ${String(row._department)} is outside the reader's subtree and not shared with them`);
    }
  }
  return rows.map((r) => String(r.id));
}

/** How many rows of a page came through shares rather than the department tree. */
const sharedRows = (reader: ScopedReader, body: any) =>
  (body?.data ?? []).filter((r: Record<string, unknown>) => !reader.subtree.has(String(r._department))).length;

/**
 * (a) A 2-field filter, sort and limit 50 on the seeded table, rotating over several filter values,
 * as the scoped reader (department_tree scope, a hidden field) against the floor running the same
 * scope in hand-written SQL. Before the load, every filter's page must be identical in both.
 */
export async function listScenario(reader: ScopedReader, floor: ChildServer, settings: BenchSettings): Promise<ScenarioOutcome> {
  const paths = LIST_FILTERS.map(listPath);
  let sharedSeen = 0;
  for (const [i, path] of paths.entries()) {
    const mine = expectStatus(await reader.client.call('GET', path), [200], `list probe ${i}`);
    const ids = checkScopedPage(reader, mine.body, `list probe ${i} (${path})`, i === 0 ? 50 : 1);
    sharedSeen += sharedRows(reader, mine.body);
    const res = await fetch(floor.baseUrl + path);
    const floorBody = (await res.json()) as { data?: { id: string }[] };
    if (res.status !== 200 || !floorBody.data) throw new Error(`floor probe ${i}: HTTP ${res.status} ${JSON.stringify(floorBody).slice(0, 300)}`);
    const floorIds = floorBody.data.map((r) => String(r.id));
    if (ids.join(',') !== floorIds.join(',')) {
      throw new Error(`list probe ${i}: Tessera and the floor answer different pages (${ids.length} vs ${floorIds.length} rows; first difference at ${ids.findIndex((id, k) => id !== floorIds[k])})`);
    }
  }
  const floorInfo = (await (await fetch(floor.baseUrl + '/floor/info')).json()) as { shares: boolean; sql: string };

  const nextTessera = rotation(paths);
  const nextFloor = rotation(paths);
  const tesseraOptions = { url: reader.client.baseUrl, method: 'GET' as const, headers: reader.client.authHeader, next: () => ({ path: nextTessera() }) };
  const floorOptions = { url: floor.baseUrl, method: 'GET' as const, next: () => ({ path: nextFloor() }) };
  const { tessera, floor: floorResult } = await compare(tesseraOptions, floorOptions, settings);
  const ratio = tessera.rps / floorResult.rps;
  const error = loadError('tessera list', tessera) ?? loadError('floor list', floorResult);
  return {
    row: {
      scenario: 'list: 2-field filter, sort, limit 50 (scoped)',
      tessera: figures(tessera),
      floor: figures(floorResult),
      ratio: fmt.ratio(ratio),
      target: '>= 0.70x, p99 < 50 ms',
      pass: error ? undefined : ratio >= 0.7 && tessera.p99 < 50,
      note: `as ${reader.actor}; floor SQL ${floorInfo.shares ? 'with' : 'without'} the share predicate; ${sharedSeen} shared rows in the probe pages; ` +
        `tessera ${describeLoad(tessera)}; floor ${describeLoad(floorResult)}`,
    },
    data: { actor: reader.actor, filters: LIST_FILTERS, floorSql: floorInfo.sql, floorShares: floorInfo.shares, sharedRowsInProbes: sharedSeen, tessera, floor: floorResult, ratio },
    error,
  };
}

/**
 * (a') The same rotating list as the scoped reader and as the superuser admin, interleaved: what the
 * permission engine's row predicate and field map cost. Target: scoped >= 0.85x the superuser.
 */
export async function scopedScenario(reader: ScopedReader, admin: TesseraClient, settings: BenchSettings): Promise<ScenarioOutcome> {
  const paths = LIST_FILTERS.map(listPath);
  const mine = expectStatus(await reader.client.call('GET', paths[0]), [200], 'scoped probe');
  checkScopedPage(reader, mine.body, 'scoped probe', 50);
  const all = expectStatus(await admin.call('GET', paths[0]), [200], 'superuser probe');
  if (all.body?.data?.length !== 50) throw new Error(`superuser probe returned ${all.body?.data?.length} rows instead of 50`);
  if (!reader.hiddenFields.every((f) => f in all.body.data[0])) throw new Error(`superuser probe lacks ${reader.hiddenFields.join(', ')}`);
  const outside = all.body.data.filter((r: Record<string, unknown>) => !reader.subtree.has(String(r._department))).length;

  const nextScoped = rotation(paths);
  const nextSuper = rotation(paths);
  const [scoped, superuser] = await interleave(
    { url: reader.client.baseUrl, method: 'GET', headers: reader.client.authHeader, next: () => ({ path: nextScoped() }) },
    { url: admin.baseUrl, method: 'GET', headers: admin.authHeader, next: () => ({ path: nextSuper() }) },
    settings,
  );
  const ratio = scoped.rps / superuser.rps;
  const error = loadError('scoped list', scoped) ?? loadError('superuser list', superuser);
  return {
    row: {
      scenario: 'list as scoped reader vs as superuser',
      tessera: `scoped ${figures(scoped)}`,
      floor: `superuser ${figures(superuser)}`,
      ratio: fmt.ratio(ratio),
      target: '>= 0.85x of superuser',
      pass: error ? undefined : ratio >= 0.85,
      note: `as ${reader.actor} vs admin; ${outside} of the superuser's 50 probe rows are outside the subtree; ` +
        `scoped ${describeLoad(scoped)}; superuser ${describeLoad(superuser)}`,
    },
    data: { actor: reader.actor, filters: LIST_FILTERS, scoped, superuser, ratio },
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
      tessera: figures(tessera),
      floor: figures(floorResult),
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
