import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fmt } from './report.ts';
import { startRun, waitForRunEnd, type SalesWorld } from './sales-fixture.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** RFM without write-back: what reading, scoring and storing the result cost. */
const BENCH_RFM = {
  name: 'bench_rfm',
  kind: 'rfm',
  source: { object: 'order', filter: { status: { $ne: 'cancelled' } }, customer: 'account', date: 'order_date', amount: 'amount' },
  params: { bins: 5, asOf: '2026-12-01' },
};

/** Where a run's time went, seen from outside: queued, reading and computing (progress < 92), storing. */
interface RunTiming {
  status: string;
  totalMs: number;
  queuedMs: number;
  computeMs: number;
  storeMs: number;
  run: Record<string, any>;
}

/**
 * Starts a run and polls the list of runs every 50 ms (light: no result in it), noting when the run
 * started and reached the storing step; the result is read once it has ended, outside the timing.
 */
async function timedRun(who: TesseraClient, analysis: string): Promise<RunTiming> {
  const requested = performance.now();
  const runId = await startRun(who, analysis);
  let running: number | undefined;
  let storing: number | undefined;
  for (;;) {
    const reply = expectStatus(await who.call('GET', `/api/analyses/${analysis}/runs`), [200], `runs of ${analysis}`);
    const now = performance.now();
    const view = reply.body.data.find((r: { id: string }) => r.id === runId);
    if (!view) throw new Error(`${analysis}: run ${runId} is not listed`);
    if (running === undefined && view.status !== 'queued') running = now;
    if (storing === undefined && (view.progress >= 92 || view.status === 'succeeded')) storing = now;
    if (view.status === 'succeeded' || view.status === 'failed') {
      const run = expectStatus(await who.call('GET', `/api/analyses/${analysis}/runs/${runId}`), [200], `run ${analysis}`).body;
      return {
        status: run.status,
        totalMs: now - requested,
        queuedMs: (running ?? now) - requested,
        computeMs: (storing ?? now) - (running ?? now),
        storeMs: now - (storing ?? now),
        run,
      };
    }
    if (now - requested > 900_000) throw new Error(`${analysis}: still ${view.status} after 15 minutes`);
    await sleep(50);
  }
}

const describeTiming = (t: RunTiming) => `queued ${seconds(t.queuedMs)}, read and score ${seconds(t.computeMs)}, store ${seconds(t.storeMs)}`;

/**
 * `rfm`: the RFM analysis of every customer's orders through the HTTP API as a user (an executive:
 * every read through the permission engine), polled until done. First without write-back (reading,
 * scoring, storing the per-customer list), then the shipped `customer_rfm`, which also writes the
 * segment and scores onto every account. Target: < 10 s for the run.
 */
export async function rfmScenario(world: SalesWorld, withWriteBack: boolean): Promise<ScenarioOutcome> {
  expectStatus(await world.admin.call('PUT', `/api/meta/analyses/${BENCH_RFM.name}`, BENCH_RFM), [200, 201], 'define bench_rfm');
  const plain = await timedRun(world.analyst, BENCH_RFM.name);
  if (plain.status !== 'succeeded') return failed('rfm', plain);
  const customers = plain.run.result.customers as number;
  const written = withWriteBack ? await timedRun(world.analyst, 'customer_rfm') : undefined;
  const writeBackFailed = written && written.status !== 'succeeded';
  const notes = [
    `${customers.toLocaleString('en-US')} customers, ${Number(plain.run.rows).toLocaleString('en-US')} orders; ${describeTiming(plain)}`,
    !written ? 'write-back not measured (BENCH_RFM_WRITE_BACK=0)'
      : writeBackFailed ? `customer_rfm with write-back ${written.status} after ${seconds(written.totalMs)}: ${JSON.stringify(written.run.error)}`
        : `customer_rfm with write-back: ${seconds(written.totalMs)} (${describeTiming(written)}; ${written.run.result.recordsWritten} accounts written)`,
  ];
  return {
    row: {
      scenario: `rfm run (${world.customers.toLocaleString('en-US')} customers, ${world.orders.toLocaleString('en-US')} orders)`,
      tessera: seconds(plain.totalMs),
      floor: '-',
      ratio: '-',
      target: '< 10 s',
      pass: plain.totalMs < 10_000,
      note: notes.join('; '),
    },
    data: { customers, rows: plain.run.rows, plain: { ...plain, run: undefined }, writeBack: written ? { ...written, run: undefined, recordsWritten: written.run.result?.recordsWritten } : null },
    ...(writeBackFailed ? { error: `rfm: customer_rfm ${written.status}: ${JSON.stringify(written.run.error)}` } : {}),
  };
}

function failed(name: string, timing: RunTiming): ScenarioOutcome {
  const error = `${name}: the run ${timing.status}: ${JSON.stringify(timing.run.error)}`;
  return { row: { scenario: name, tessera: '-', floor: '-', ratio: '-', target: '-', pass: undefined, note: error }, data: {}, error };
}

/** 50,000 of the accounts (levels A and B): what the classifier and k-means learn from. */
const TRAINING_SCOPE = { value_level: { $in: ['A', 'B'] } };
const BENCH_FOREST = {
  name: 'bench_forest',
  kind: 'classifier',
  source: { object: 'account', filter: TRAINING_SCOPE },
  features: ['industry', 'region', 'value_level', 'rating', 'annual_revenue', 'employees', 'credit_limit'],
  target: 'lifecycle',
  positive: 'lost',
  params: { algorithm: 'forest', trees: 50, maxDepth: 8, minLeaf: 5, seed: 1 },
};
const BENCH_KMEANS = {
  name: 'bench_kmeans',
  kind: 'kmeans',
  source: { object: 'account', filter: TRAINING_SCOPE },
  features: ['annual_revenue', 'employees', 'credit_limit'],
  params: { kRange: [2, 6], seed: 1 },
};

interface Latencies {
  requests: number;
  failed: number;
  p50: number;
  p99: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/**
 * A closed loop of `perReader` requests in flight per reader, each waiting for its answer before
 * the next, until `done()` says stop: every request's latency, exact.
 */
async function listLoad(readers: readonly TesseraClient[], perReader: number, path: string, done: () => boolean): Promise<Latencies> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const loop = async (reader: TesseraClient) => {
    while (!done()) {
      const at = performance.now();
      const res = await fetch(reader.baseUrl + path, { headers: reader.authHeader });
      await res.arrayBuffer();
      latencies.push(performance.now() - at);
      if (res.status !== 200) failed++;
    }
  };
  await Promise.all(readers.flatMap((reader) => Array.from({ length: perReader }, () => loop(reader))));
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: sorted.length, failed, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), seconds: (performance.now() - started) / 1000 };
}

const forSeconds = (s: number) => {
  const end = performance.now() + s * 1000;
  return () => performance.now() >= end;
};

const describeLatencies = (l: Latencies) => `${l.requests} requests in ${l.seconds.toFixed(1)} s, p50 ${fmt.ms(l.p50)}, p99 ${fmt.ms(l.p99)}${l.failed ? `, ${l.failed} failed` : ''}`;

/**
 * `training-load`: the p99 latency of a list page (GET /api/records/account?limit=50) for several
 * users at once, first with nothing else running, then for exactly as long as a random forest and a
 * k-means on 50,000 accounts are running (reading, training, storing). Target: loaded p99 ≤ 2x unloaded.
 */
export async function trainingLoadScenario(world: SalesWorld, settings: { seconds: number; perReader: number }): Promise<ScenarioOutcome> {
  for (const definition of [BENCH_FOREST, BENCH_KMEANS]) {
    expectStatus(await world.admin.call('PUT', `/api/meta/analyses/${definition.name}`, definition), [200, 201], `define ${definition.name}`);
  }
  const path = '/api/records/account?limit=50';
  await listLoad(world.readers, settings.perReader, path, forSeconds(3));
  const unloaded = await listLoad(world.readers, settings.perReader, path, forSeconds(settings.seconds));

  const started = performance.now();
  const runs = await Promise.all([startRun(world.analyst, BENCH_FOREST.name), startRun(world.analyst, BENCH_KMEANS.name)]);
  let finished = false;
  const ended = Promise.all([waitForRunEnd(world.analyst, BENCH_FOREST.name, runs[0]), waitForRunEnd(world.analyst, BENCH_KMEANS.name, runs[1])]).finally(() => (finished = true));
  const loaded = await listLoad(world.readers, settings.perReader, path, () => finished);
  await ended;
  const trainingSeconds = (performance.now() - started) / 1000;
  // The results, after the measured window.
  const [forest, kmeans] = await Promise.all([
    world.analyst.call('GET', `/api/analyses/${BENCH_FOREST.name}/runs/${runs[0]}`),
    world.analyst.call('GET', `/api/analyses/${BENCH_KMEANS.name}/runs/${runs[1]}`),
  ]).then((replies) => replies.map((reply) => expectStatus(reply, [200], 'training run').body));

  const ratio = loaded.p99 / unloaded.p99;
  const failedRun = [forest, kmeans].find((run) => run.status !== 'succeeded');
  const failedRequests = unloaded.failed + loaded.failed;
  const error = failedRun
    ? `training-load: ${failedRun.analysis} ${failedRun.status}: ${JSON.stringify(failedRun.error)}`
    : failedRequests ? `training-load: ${failedRequests} list requests failed` : undefined;
  const concurrency = world.readers.length * settings.perReader;
  return {
    row: {
      scenario: `list p99 while a forest and a k-means train (${concurrency} requests in flight)`,
      tessera: `p99 ${fmt.ms(loaded.p99)} vs ${fmt.ms(unloaded.p99)} unloaded`,
      floor: '-',
      ratio: fmt.ratio(ratio),
      target: '<= 2.00x unloaded',
      pass: error ? undefined : ratio <= 2,
      note: `unloaded: ${describeLatencies(unloaded)}; during training (${trainingSeconds.toFixed(1)} s, forest of ${forest.rows} rows, k-means k = ${kmeans.result?.k}): ${describeLatencies(loaded)}`,
    },
    data: { unloaded, loaded, ratio, trainingSeconds, forestRows: forest.rows, kmeansRows: kmeans.rows, concurrency },
    error,
  };
}
