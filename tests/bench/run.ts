/**
 * `npm run bench`: the performance bars of SPEC §7 on real PostgreSQL, each measured against a
 * floor in the same run. Tessera, the floor server and PostgreSQL run as separate processes from
 * this one, which generates the load. It reports; it does not assert: the exit code is non-zero
 * only when a scenario could not be measured (failed requests, wrong answers, a crash).
 *
 * Env: BENCH_DATABASE_URL or TEST_DATABASE_URL (required), BENCH_KEEP=1 keeps the tessera_bench
 * database, BENCH_CPU_PROF=1 writes a CPU profile of the Tessera process to bench-results/profiles,
 * BENCH_ONLY=list,scoped,create,import,field,approvals runs a subset, BENCH_SECONDS / BENCH_ROWS shorten a run,
 * BENCH_APPROVAL_RECORDS sets how many expenses the approvals scenario submits (enough for the run).
 * The writeback scenario (BENCH_WRITEBACK_ACCOUNTS, default 100,000) runs Tessera in this process on
 * its own database, after the server scenarios. The search scenario (BENCH_SEARCH_ACCOUNTS, default
 * 1,000,000; BENCH_SEARCH_ROUNDS, default 50) gets a Tessera of its own on tessera_bench_search;
 * search-pglite runs the same in this process on an in-memory PGlite (BENCH_SEARCH_PGLITE_ACCOUNTS,
 * default 200,000).
 * The processes scenario (BENCH_PROCESSES, default 3; BENCH_PROCESSES_ROWS, default 200,000) starts 1, 2,
 * then 3 Tessera processes on tessera_bench_processes and prints a markdown table of their throughput
 * and of the CPU that Tessera, PostgreSQL and the load client used.
 * The phone-lookup scenario (BENCH_PHONE_CONTACTS, default 1,000,000;
 * BENCH_PHONE_LOOKUPS, default 400) gets a Tessera with the crm and exhibition packs on tessera_bench_phone.
 * The usage-import scenario (BENCH_USAGE_ROWS, default 1,000,000) gets a Tessera with the telecom pack on
 * tessera_bench_usage and imports that many monthly usage rows from CSV, following the job's progress.
 * The analytics runs (BENCH_ONLY=rfm,training-load) get a Tessera of their own on a fresh
 * tessera_bench, with the crm and analytics packs (BENCH_CUSTOMERS, BENCH_ORDERS size it;
 * BENCH_RFM_WRITE_BACK=0 skips the run with write-back). The analytics engines
 * (BENCH_ONLY=tree,forest,kmeans,fpgrowth) run in this process after the others, with no server:
 * they alone need no database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { reportScenario } from './report-scenario.ts';
import { approvalsScenario } from './approvals.ts';
import { forestScenario, fpgrowthScenario, kmeansScenario, treeScenario } from './analytics-engines.ts';
import { rfmScenario, trainingLoadScenario } from './analytics-scenarios.ts';
import { ACCOUNT_DEFINITION, LIST_FILTERS, seedAccounts } from './account-fixture.ts';
import { benchServerUrl, dropBenchDatabase, recreateBenchDatabase } from './bench-database.ts';
import { freePort, startChildServer, type ChildServer } from './child-server.ts';
import { formatTable } from './report.ts';
import { DIVISIONS, READER_COLUMNS, READER_DIVISION, READER_HIDDEN_FIELDS, SCOPED_ROLE, analyzeOrganisation, createOrganisation, shareAccounts } from './org-fixture.ts';
import { writebackScenario } from './writeback.ts';
import { postgresSeeder, searchScenario } from './search-scenario.ts';
import { processesScenario } from './processes-scenario.ts';
import { searchPgliteScenario } from './search-pglite.ts';
import { phoneLookupScenario } from './phone-lookup-scenario.ts';
import { usageImportScenario } from './usage-import-scenario.ts';
import { addFieldScenario, createScenario, importScenario, listScenario, scopedScenario, type BenchSettings, type ScenarioOutcome, type ScopedReader } from './scenarios.ts';
import { buildSalesWorld } from './sales-fixture.ts';
import { TesseraClient, expectStatus } from './tessera-client.ts';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(root, 'bench-results');
const SERVER_SCENARIOS = ['list', 'scoped', 'create', 'import', 'report', 'field', 'approvals'] as const;
const DATABASE_SCENARIOS = ['writeback', 'search', 'processes', 'phone-lookup', 'usage-import'] as const;
const ANALYTICS_SCENARIOS = ['rfm', 'training-load'] as const;
const ENGINE_SCENARIOS = ['tree', 'forest', 'kmeans', 'fpgrowth'] as const;
/** Runs Tessera in this process on an in-memory PGlite: no server needed. */
const PGLITE_SCENARIOS = ['search-pglite'] as const;
const SCENARIOS = [...SERVER_SCENARIOS, ...DATABASE_SCENARIOS, ...ANALYTICS_SCENARIOS, ...ENGINE_SCENARIOS, ...PGLITE_SCENARIOS] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const env = process.env;
const seedRows = Number(env.BENCH_ROWS ?? 1_000_000);
const only = new Set((env.BENCH_ONLY ?? SCENARIOS.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
for (const name of only) {
  if (!SCENARIOS.includes(name as ScenarioName)) {
    console.error(`BENCH_ONLY: unknown scenario '${name}' (known: ${SCENARIOS.join(', ')})`);
    process.exit(2);
  }
}
const needsServer = SERVER_SCENARIOS.some((name) => only.has(name));
const needsAnalyticsServer = ANALYTICS_SCENARIOS.some((name) => only.has(name));
const needsDatabase = needsServer || needsAnalyticsServer || DATABASE_SCENARIOS.some((name) => only.has(name));

const serverUrl = benchServerUrl();
if (needsDatabase && !serverUrl) {
  console.error('npm run bench needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g.\n' +
    '  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(2);
}

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Tessera runs exactly as `npm start` runs it: the node arguments of package.json's start script. */
function startCommandArgs(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== 'node') throw new Error(`the start script must run node, not '${command}'`);
  return args.map((arg) => (arg.endsWith('.ts') ? path.join(root, arg) : arg));
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs a scenario, recording its outcome, or its error when it could not be measured. */
async function record(name: ScenarioName, run: () => Promise<ScenarioOutcome>, outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  try {
    const outcome = await timed(`scenario ${name}`, run);
    outcomes.push(outcome);
    if (outcome.error) failures.push(outcome.error);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    failures.push(`${name}: ${message}`);
    outcomes.push({ row: { scenario: name, tessera: '-', floor: '-', ratio: '-', target: '-', pass: undefined, note: message.slice(0, 300) }, data: {}, error: message });
  }
}

/** One Tessera server process on `databaseUrl` with no pack installed; the first one on a database bootstraps the admin. */
async function startTesseraProcess(databaseUrl: string, adminPassword: string, name = 'Tessera'): Promise<ChildServer> {
  const profileArgs = env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'profiles')}`] : [];
  return timed(`${name} started`, async () =>
    startChildServer({
      name,
      nodeArgs: [...profileArgs, ...startCommandArgs()],
      env: { DATABASE_URL: databaseUrl, ADMIN_PASSWORD: adminPassword, LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn', PACKS: '' },
      port: await freePort(),
      readyPath: '/api/auth/me',
    }),
  );
}

/** Tessera on `databaseUrl` with no pack installed, and its admin logged in. */
async function startTessera(databaseUrl: string): Promise<{ tessera: ChildServer; admin: TesseraClient }> {
  const adminPassword = randomBytes(18).toString('base64url');
  const tessera = await startTesseraProcess(databaseUrl, adminPassword);
  try {
    return { tessera, admin: await TesseraClient.login(tessera.baseUrl, 'admin', adminPassword) };
  } catch (err) {
    await tessera.stop();
    throw err;
  }
}

/**
 * The analytics runs: a Tessera of their own (the crm account differs from the bench's), the crm
 * and analytics packs, 100,000 customers and 1,000,000 orders written in SQL.
 */
async function runAnalyticsScenarios(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const databaseUrl = await recreateBenchDatabase(serverUrl!);
  log(`fresh database tessera_bench on ${new URL(serverUrl!).host} for the analytics runs`);
  let tessera: ChildServer | undefined;
  try {
    const started = await startTessera(databaseUrl);
    tessera = started.tessera;
    const customers = Number(env.BENCH_CUSTOMERS ?? 100_000);
    const orders = Number(env.BENCH_ORDERS ?? 1_000_000);
    const world = await timed(`crm and analytics installed, ${customers.toLocaleString('en-US')} customers and ${orders.toLocaleString('en-US')} orders seeded`, () =>
      buildSalesWorld(started.admin, databaseUrl, customers, orders, 4));
    const plan: [ScenarioName, () => Promise<ScenarioOutcome>][] = [
      ['training-load', () => trainingLoadScenario(world, { seconds: Number(env.BENCH_SECONDS ?? 15), perReader: 2 })],
      ['rfm', () => rfmScenario(world, env.BENCH_RFM_WRITE_BACK !== '0')],
    ];
    for (const [name, run] of plan) {
      if (!only.has(name)) continue;
      const failed = failures.length;
      await record(name, run, outcomes, failures);
      if (tessera.process.exitCode !== null) throw new Error(`Tessera exited during '${name}':\n${tessera.output()}`);
      // A failed run says only that the server log has the details.
      if (failures.length > failed) log(`Tessera's last output:\n${tessera.output()}`);
    }
  } catch (err) {
    if (tessera) log(`Tessera's last output:\n${tessera.output()}`);
    throw err;
  } finally {
    await tessera?.stop();
    if (env.BENCH_KEEP === '1') log(`kept database tessera_bench (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!);
  }
}

async function runServerScenarios(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const servers: ChildServer[] = [];
  const databaseUrl = await recreateBenchDatabase(serverUrl!);
  log(`fresh database tessera_bench on ${new URL(serverUrl!).host}`);
  try {
    const { tessera, admin } = await startTessera(databaseUrl);
    servers.push(tessera);
    expectStatus(await admin.call('PUT', '/api/meta/objects/account', ACCOUNT_DEFINITION), [200, 201], 'define account');
    const org = await timed('organisation: 200 departments, 5-level manager chain', () => createOrganisation(admin));
    log(`${org.departments.length} departments, ${org.owners.length} record owners, chain of ${org.chainLevels} levels; reader subtree ${org.readerSubtree.size} departments`);
    await timed(`seeded ${seedRows.toLocaleString('en-US')} accounts`, () => seedAccounts(databaseUrl, seedRows, org.owners));
    const shared = await shareAccounts(admin, databaseUrl, org, 3, LIST_FILTERS);
    log(shared ? `shared ${shared.size} accounts outside the subtree with the reader` : 'no shares API yet: nothing shared');
    await analyzeOrganisation(databaseUrl);
    const reader: ScopedReader = {
      client: await TesseraClient.login(tessera.baseUrl, org.reader.username, org.reader.password),
      actor: `${org.reader.username} (role ${SCOPED_ROLE}: department_tree from the ${DIVISIONS[READER_DIVISION]} division, ` +
        `${org.readerSubtree.size} of ${org.departments.length} departments; ${READER_HIDDEN_FIELDS.join(', ')} hidden)`,
      subtree: org.readerSubtree,
      shared,
      hiddenFields: READER_HIDDEN_FIELDS,
      columns: READER_COLUMNS,
    };

    const floor = await startChildServer({
      name: 'floor',
      nodeArgs: ['--import', 'tsx', path.join(import.meta.dirname, 'floor-server.ts')],
      env: {
        DATABASE_URL: databaseUrl,
        FLOOR_OWNER: admin.session.user.id,
        FLOOR_DEPARTMENT: admin.session.user.department ?? '',
        FLOOR_READER: org.reader.id,
        FLOOR_READER_DEPARTMENT: org.reader.department,
      },
      port: await freePort(),
      readyPath: '/',
    });
    servers.push(floor);

    const settings: BenchSettings = {
      connections: 16,
      warmupSeconds: 3,
      seconds: Number(env.BENCH_SECONDS ?? 15),
      importRows: 100_000,
      databaseUrl,
    };
    const plan: [ScenarioName, () => Promise<ScenarioOutcome>][] = [
      ['list', () => listScenario(reader, floor, settings)],
      ['scoped', () => scopedScenario(reader, admin, settings)],
      ['create', () => createScenario(admin, floor, settings)],
      ['import', () => importScenario(admin, settings)],
      ['report', () => reportScenario(admin, reader.client, settings)],
      // Its own object: independent of the account scenarios. Enough tasks for ~1,000 decisions/s.
      ['approvals', () => approvalsScenario(admin, settings, Number(env.BENCH_APPROVAL_RECORDS ?? Math.max(10_000, (settings.warmupSeconds + settings.seconds) * 1000)))],
      // Last: it changes the object the other scenarios use.
      ['field', () => addFieldScenario(admin, settings)],
    ];
    for (const [name, run] of plan) {
      if (!only.has(name)) continue;
      await record(name, run, outcomes, failures);
      if (tessera.process.exitCode !== null) throw new Error(`Tessera exited during '${name}':\n${tessera.output()}`);
    }
  } catch (err) {
    // A server's 500 says only its request id: its log says why.
    if (servers[0]) log(`${servers[0].name}'s last output:\n${servers[0].output()}`);
    throw err;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    if (env.BENCH_KEEP === '1') log(`kept database tessera_bench (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!);
  }
}

const SEARCH_DATABASE = 'tessera_bench_search';

/** Global search: a Tessera of its own on a database of its own (its account object has search fields). */
async function runSearchScenario(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const databaseUrl = await recreateBenchDatabase(serverUrl!, SEARCH_DATABASE);
  log(`fresh database ${SEARCH_DATABASE} on ${new URL(serverUrl!).host} for the search run`);
  let tessera: ChildServer | undefined;
  try {
    const started = await startTessera(databaseUrl);
    tessera = started.tessera;
    const setup = { admin: started.admin, baseUrl: tessera.baseUrl, database: 'PostgreSQL', seed: postgresSeeder(databaseUrl), rows: Number(env.BENCH_SEARCH_ACCOUNTS ?? 1_000_000), rounds: Number(env.BENCH_SEARCH_ROUNDS ?? 50), log };
    await record('search', () => searchScenario(setup), outcomes, failures);
  } finally {
    await tessera?.stop();
    if (env.BENCH_KEEP === '1') log(`kept database ${SEARCH_DATABASE} (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!, SEARCH_DATABASE);
  }
}

const PROCESSES_DATABASE = 'tessera_bench_processes';

/** 1, 2 and 3 Tessera processes on one database of its own; prints a markdown table for docs/scaling.md. */
async function runProcessesScenario(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const databaseUrl = await recreateBenchDatabase(serverUrl!, PROCESSES_DATABASE);
  log(`fresh database ${PROCESSES_DATABASE} on ${new URL(serverUrl!).host} for the processes run`);
  let table: string | undefined;
  try {
    await record('processes', async () => {
      const outcome = await processesScenario({
        databaseUrl,
        startProcess: (name, adminPassword) => startTesseraProcess(databaseUrl, adminPassword, name),
        adminPassword: randomBytes(18).toString('base64url'),
        rows: Number(env.BENCH_PROCESSES_ROWS ?? 200_000),
        maxProcesses: Number(env.BENCH_PROCESSES ?? 3),
        connections: 16,
        // Long enough for a new process's hot paths to be optimised before they are measured.
        warmupSeconds: 5,
        seconds: Number(env.BENCH_SECONDS ?? 15),
        log,
      });
      table = outcome.table;
      return outcome;
    }, outcomes, failures);
  } finally {
    if (env.BENCH_KEEP === '1') log(`kept database ${PROCESSES_DATABASE} (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!, PROCESSES_DATABASE);
  }
  if (table) console.log(`\nScale-out on ${os.cpus().length} cores (paste into docs/scaling.md):\n\n${table}\n`);
}

const PHONE_DATABASE = 'tessera_bench_phone';

/** The service centre's phone lookup: a Tessera of its own with the crm and exhibition packs. */
async function runPhoneLookupScenario(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const databaseUrl = await recreateBenchDatabase(serverUrl!, PHONE_DATABASE);
  log(`fresh database ${PHONE_DATABASE} on ${new URL(serverUrl!).host} for the phone lookup run`);
  let tessera: ChildServer | undefined;
  try {
    const started = await startTessera(databaseUrl);
    tessera = started.tessera;
    const seed = postgresSeeder(databaseUrl, 'records.contact');
    const setup = { admin: started.admin, seed, rows: Number(env.BENCH_PHONE_CONTACTS ?? 1_000_000), count: Number(env.BENCH_PHONE_LOOKUPS ?? 400), log };
    await record('phone-lookup', () => phoneLookupScenario(setup), outcomes, failures);
  } finally {
    await tessera?.stop();
    if (env.BENCH_KEEP === '1') log(`kept database ${PHONE_DATABASE} (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!, PHONE_DATABASE);
  }
}

const USAGE_DATABASE = 'tessera_bench_usage';

/** The telecom pack's bulk usage import: a Tessera of its own with the telecom pack. */
async function runUsageImportScenario(outcomes: ScenarioOutcome[], failures: string[]): Promise<void> {
  const databaseUrl = await recreateBenchDatabase(serverUrl!, USAGE_DATABASE);
  log(`fresh database ${USAGE_DATABASE} on ${new URL(serverUrl!).host} for the usage import`);
  let tessera: ChildServer | undefined;
  try {
    const started = await startTessera(databaseUrl);
    tessera = started.tessera;
    const setup = { admin: started.admin, seed: postgresSeeder(databaseUrl, 'records.subscriber'), rows: Number(env.BENCH_USAGE_ROWS ?? 1_000_000), log };
    await record('usage-import', () => usageImportScenario(setup), outcomes, failures);
  } finally {
    await tessera?.stop();
    if (env.BENCH_KEEP === '1') log(`kept database ${USAGE_DATABASE} (BENCH_KEEP=1)`);
    else await dropBenchDatabase(serverUrl!, USAGE_DATABASE);
  }
}

async function main(): Promise<number> {
  const outcomes: ScenarioOutcome[] = [];
  const failures: string[] = [];
  if (needsServer) await runServerScenarios(outcomes, failures);
  if (only.has('writeback')) await record('writeback', () => writebackScenario(serverUrl!, Number(env.BENCH_WRITEBACK_ACCOUNTS ?? 100_000), log), outcomes, failures);
  if (only.has('search')) await runSearchScenario(outcomes, failures);
  if (only.has('processes')) await runProcessesScenario(outcomes, failures);
  if (only.has('phone-lookup')) await runPhoneLookupScenario(outcomes, failures);
  if (only.has('usage-import')) await runUsageImportScenario(outcomes, failures);
  if (needsAnalyticsServer) await runAnalyticsScenarios(outcomes, failures);
  const engines: [ScenarioName, () => ScenarioOutcome][] = [
    ['tree', treeScenario],
    ['forest', forestScenario],
    ['kmeans', kmeansScenario],
    ['fpgrowth', fpgrowthScenario],
  ];
  for (const [name, run] of engines) if (only.has(name)) await record(name, async () => run(), outcomes, failures);
  if (only.has('search-pglite')) {
    const settings = { rows: Number(env.BENCH_SEARCH_PGLITE_ACCOUNTS ?? 200_000), rounds: Number(env.BENCH_SEARCH_ROUNDS ?? 50), log };
    await record('search-pglite', () => searchPgliteScenario(settings), outcomes, failures);
  }

  const accounts = needsServer ? `${seedRows.toLocaleString('en-US')} accounts, ` : '';
  console.log(`\nTessera bench: ${accounts}${os.cpus().length} CPUs, node ${process.version}\n`);
  console.log(formatTable(outcomes.map((o) => o.row)));
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    seedRows,
    scenarios: outcomes.map((o) => ({ ...o.row, ...o.data, error: o.error })),
    failures,
  };
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwritten to bench-results/latest.json`);
  if (failures.length) {
    console.error(`\n${failures.length} scenario(s) could not be measured:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
