import os from 'node:os';
import autocannon from 'autocannon';
import { ACCOUNT_DEFINITION, LIST_FILTERS, listPath, newAccount, seedAccounts } from './account-fixture.ts';
import type { ChildServer } from './child-server.ts';
import { CpuMeter, type CpuUse } from './cpu-meter.ts';
import { failureRate, type LoadResult } from './load.ts';
import { READER_COLUMNS, analyzeOrganisation, createOrganisation } from './org-fixture.ts';
import { fmt } from './report.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import { TesseraClient, expectStatus } from './tessera-client.ts';

/**
 * Scale-out on one machine: 1, then 2, then 3 Tessera processes on one PostgreSQL database, with the
 * 16 clients spread round-robin over them (client i talks to process i mod n, as a load balancer
 * without stickiness would send them). For each count: a scoped rep listing a page of accounts, and
 * the admin creating accounts. The sessions are logged in once, on the first process: every other
 * process accepts them, since nothing about a session lives only in the process that made it.
 */
export interface ProcessesSetup {
  databaseUrl: string;
  /** Starts one more Tessera process on the database with this admin password (the first one bootstraps the admin). */
  startProcess(name: string, adminPassword: string): Promise<ChildServer>;
  adminPassword: string;
  rows: number;
  maxProcesses: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  log(message: string): void;
}

export interface Measurement {
  processes: number;
  workload: 'list' | 'create';
  load: LoadResult;
  cpu: CpuUse;
}

type Target = { baseUrl: string };
type NextRequest = () => { path: string; body?: unknown };

/** Splits `connections` over the processes round-robin: 16 over 3 is 6, 5, 5. */
export function spreadConnections(connections: number, processes: number): number[] {
  return Array.from({ length: processes }, (_, i) => Math.floor(connections / processes) + (i < connections % processes ? 1 : 0));
}

/** One autocannon instance per process, run together; latencies merged from their histograms. */
async function runSpread(targets: readonly Target[], method: 'GET' | 'POST', headers: Record<string, string>, next: NextRequest, connections: number, seconds: number): Promise<LoadResult> {
  const allHeaders = method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers;
  const options = (target: Target, share: number): autocannon.Options => ({
    url: target.baseUrl,
    connections: share,
    duration: seconds,
    headers: allHeaders,
    skipAggregateResult: true,
    requests: [{
      method,
      setupRequest: (request) => {
        const { path, body } = next();
        return { ...request, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
      },
    }],
  });
  const shares = spreadConnections(connections, targets.length);
  const results = await Promise.all(targets.map((target, i) => autocannon(options(target, shares[i]))));
  // aggregateResult is autocannon's own merge of instances run with skipAggregateResult (untyped in @types).
  const merge = (autocannon as unknown as { aggregateResult(results: unknown[], opts: { url: string; connections: number }): autocannon.Result }).aggregateResult;
  const merged = merge(results, { url: targets[0].baseUrl, connections });
  const raw = results as unknown as { totalCompletedRequests: number }[];
  const requests = raw.reduce((n, r) => n + r.totalCompletedRequests, 0);
  return {
    requests,
    rps: requests / seconds,
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    non2xx: merged.non2xx,
    errors: merged.errors,
    timeouts: merged.timeouts,
    statusCodes: Object.fromEntries(Object.entries(merged.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count])),
  };
}

const cores = (n: number) => n.toFixed(2);
/** CPU milliseconds one request cost: comparable across runs however busy the machine was. */
const perRequest = (usedCores: number, rps: number) => (rps > 0 ? ((usedCores * 1000) / rps).toFixed(2) : '-');

/** The table the scenario prints, ready to paste into docs/scaling.md. */
export function markdownTable(measurements: readonly Measurement[], machineCores: number): string {
  const lines = [
    `| processes | workload | req/s | p50 | p99 | failed | Tessera CPU | PostgreSQL CPU | load client CPU | other work's CPU | machine busy (of ${machineCores}) | commits/s | CPU ms per request (Tessera + PostgreSQL) |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of measurements) {
    const workload = m.workload === 'list' ? 'list 50 accounts as a scoped rep' : 'create one account';
    lines.push(`| ${m.processes} | ${workload} | ${Math.round(m.load.rps).toLocaleString('en-US')} | ${fmt.ms(m.load.p50)} | ${fmt.ms(m.load.p99)} | ` +
      `${m.load.non2xx + m.load.errors} | ${cores(m.cpu.tessera)} | ${cores(m.cpu.postgres)} | ${cores(m.cpu.client)} | ${cores(Math.max(0, m.cpu.machineBusy - m.cpu.tessera - m.cpu.postgres - m.cpu.client))} | ${cores(m.cpu.machineBusy)} | ${Math.round(m.cpu.commitsPerSecond).toLocaleString('en-US')} | ` +
      `${perRequest(m.cpu.tessera, m.load.rps)} + ${perRequest(m.cpu.postgres, m.load.rps)} |`);
  }
  return lines.join('\n');
}

/** The reader's first page must be the same from every process: they share the database, not a cache. */
async function checkSameAnswer(reader: TesseraClient, processes: readonly ChildServer[]): Promise<void> {
  const path = listPath(LIST_FILTERS[0]);
  let first: string | undefined;
  for (const server of processes) {
    const client = new TesseraClient(server.baseUrl, reader.session);
    const reply = expectStatus(await client.call('GET', path), [200], `list on ${server.name}`);
    const rows: Record<string, unknown>[] = reply.body?.data ?? [];
    if (rows.length !== 50) throw new Error(`${server.name} listed ${rows.length} rows instead of 50`);
    const keys = Object.keys(rows[0]).sort().join(',');
    if (keys !== [...READER_COLUMNS].sort().join(',')) throw new Error(`${server.name} showed the reader the fields ${keys}`);
    const ids = rows.map((r) => String(r.id)).join(',');
    if (first !== undefined && ids !== first) throw new Error(`${server.name} answers the reader's page differently from the first process`);
    first = ids;
  }
}

export async function processesScenario(setup: ProcessesSetup): Promise<ScenarioOutcome & { table: string }> {
  const { log } = setup;
  const processes: ChildServer[] = [];
  const meter = await CpuMeter.open(setup.databaseUrl, os.cpus().length);
  try {
    processes.push(await setup.startProcess('Tessera 1', setup.adminPassword));
    const admin = await TesseraClient.login(processes[0].baseUrl, 'admin', setup.adminPassword);
    expectStatus(await admin.call('PUT', '/api/meta/objects/account', ACCOUNT_DEFINITION), [200, 201], 'define account');
    const org = await createOrganisation(admin);
    await seedAccounts(setup.databaseUrl, setup.rows, org.owners);
    await analyzeOrganisation(setup.databaseUrl);
    const reader = await TesseraClient.login(processes[0].baseUrl, org.reader.username, org.reader.password);
    log(`processes: ${setup.rows.toLocaleString('en-US')} accounts seeded, 200 departments`);

    const paths = LIST_FILTERS.map(listPath);
    let listed = 0;
    let created = 0;
    const workloads = {
      list: { method: 'GET' as const, headers: reader.authHeader, next: () => ({ path: paths[listed++ % paths.length] }) },
      create: { method: 'POST' as const, headers: admin.authHeader, next: () => ({ path: '/api/records/account', body: newAccount('Scale', ++created) }) },
    };
    const measurements: Measurement[] = [];
    for (let n = 1; n <= setup.maxProcesses; n++) {
      while (processes.length < n) processes.push(await setup.startProcess(`Tessera ${processes.length + 1}`, setup.adminPassword));
      await checkSameAnswer(reader, processes);
      for (const workload of ['list', 'create'] as const) {
        const { method, headers, next } = workloads[workload];
        await runSpread(processes, method, headers, next, setup.connections, setup.warmupSeconds);
        const stop = await meter.start(processes.map((p) => p.process.pid!));
        const load = await runSpread(processes, method, headers, next, setup.connections, setup.seconds);
        const cpu = await stop();
        measurements.push({ processes: n, workload, load, cpu });
        log(`processes: ${n} × ${workload}: ${fmt.rps(load.rps)}, p50 ${fmt.ms(load.p50)}, p99 ${fmt.ms(load.p99)}; ` +
          `CPU Tessera ${cores(cpu.tessera)}, PostgreSQL ${cores(cpu.postgres)}, client ${cores(cpu.client)}, machine ${cores(cpu.machineBusy)} of ${cpu.cores}`);
      }
    }

    const failed = measurements.find((m) => m.load.requests === 0 || failureRate(m.load) > 0.01);
    const error = failed ? `processes: ${failed.processes} × ${failed.workload}: ${failed.load.requests} requests, non-2xx ${failed.load.non2xx}, errors ${failed.load.errors}` : undefined;
    const series = (workload: Measurement['workload']) =>
      measurements.filter((m) => m.workload === workload).map((m) => `${m.processes}: ${Math.round(m.load.rps)}`).join(', ');
    return {
      row: {
        scenario: `1-${setup.maxProcesses} processes, c${setup.connections}`,
        tessera: `list req/s ${series('list')}; create req/s ${series('create')}`,
        floor: '-',
        ratio: '-',
        target: 'report only',
        pass: error ? undefined : true,
        note: `${os.cpus().length} cores shared by Tessera, PostgreSQL and the load client; see the table below`,
      },
      data: { rows: setup.rows, connections: setup.connections, seconds: setup.seconds, measurements },
      error,
      table: markdownTable(measurements, os.cpus().length),
    };
  } catch (err) {
    if (processes.length) log(`${processes.at(-1)!.name}'s last output:\n${processes.at(-1)!.output()}`);
    throw err;
  } finally {
    await meter.close();
    for (const server of processes.reverse()) await server.stop();
  }
}
