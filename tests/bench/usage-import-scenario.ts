import { performance } from 'node:perf_hooks';
import type { ReportRow } from './report.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import type { RunSql } from './search-scenario.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

/**
 * `usage-import`: the telecom pack's monthly usage from the billing system, 1,000,000 rows of CSV
 * (subscriber id, month, minutes, data, messages, bill) through the platform's bulk import
 * (`POST /api/records/usage_summary/import`), its progress followed as a user would
 * (`GET …/import/:jobId`). Subscribers (rows / 10 of them, ten months each) are written in SQL first.
 */

const MONTHS = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`);

function usageCsv(firstSubscriber: number, subscribers: number): string {
  const lines = ['subscriber,month,minutes,data_mb,sms,amount'];
  for (let s = 0; s < subscribers; s++) {
    const id = firstSubscriber + s;
    for (const [m, month] of MONTHS.entries()) lines.push(`${id},${month},${(id * 7 + m * 13) % 900},${(id * 11 + m * 17) % 20_000},${(id + m) % 60},${38 + ((id + m) % 200) / 2}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function usageImportScenario({ admin, seed, rows, log }: { admin: TesseraClient; seed: RunSql; rows: number; log: (message: string) => void }): Promise<ScenarioOutcome> {
  expectStatus(await admin.call('POST', '/api/packs/telecom/install?demo=false'), [200], 'install the telecom pack (and reporting, crm, analytics)');
  const plan = expectStatus(await admin.call('POST', '/api/records/tariff_plan', { name: 'Bench plan', code: 'BENCH', segment: 'individual' }), [201], 'create a tariff plan').body;
  const version = expectStatus(await admin.call('POST', '/api/records/tariff_version', { title: 'Bench v1', plan: plan.id, version: 1, status: 'published', monthly_fee: 38 }), [201], 'publish its version').body;
  const subscribers = Math.ceil(rows / MONTHS.length);
  await seed(`INSERT INTO records.subscriber (number, name, kind, region, status, tariff_plan, tariff_version, wap_service, data_service, complaint_count, churn_warning, _owner, _created_by)
     SELECT '139' || lpad(g::text, 8, '0'), 'Subscriber ' || g, 'individual', (ARRAY['Chongqing','Sichuan','Yunnan'])[1 + g % 3], 'active', ${Number(plan.id)}, ${Number(version.id)}, false, true, 0, false, 1, 1
       FROM generate_series(1, ${subscribers}) AS g`);
  const first = Number((expectStatus(await admin.call('GET', '/api/records/subscriber?sort=id&limit=1&fields=id'), [200], 'first subscriber').body.data[0].id));
  const csv = usageCsv(first, subscribers);
  log(`${subscribers.toLocaleString('en-US')} subscribers seeded; ${(csv.length / 1e6).toFixed(1)} MB of usage CSV`);

  const started = performance.now();
  const reply = expectStatus(await admin.call('POST', '/api/records/usage_summary/import', csv, 'text/csv'), [202], 'start the usage import');
  let job = reply.body;
  let lastLogged = 0;
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = expectStatus(await admin.call('GET', `/api/records/usage_summary/import/${reply.body.id}`), [200], 'import progress').body;
    if (performance.now() - lastLogged > 5000) {
      log(`usage import: ${Number(job.processed).toLocaleString('en-US')} of ${Number(job.total).toLocaleString('en-US')} rows after ${((performance.now() - started) / 1000).toFixed(1)} s`);
      lastLogged = performance.now();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const total = subscribers * MONTHS.length;
  const error = job.status !== 'done' || job.inserted !== total ? `usage import ended ${job.status} with ${job.inserted} of ${total} rows: ${JSON.stringify(job).slice(0, 300)}` : undefined;
  log(`usage import: ${total.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en-US')} rows/s)`);
  const row: ReportRow = {
    scenario: `usage import (telecom), ${total.toLocaleString('en-US')} rows`,
    tessera: `${seconds.toFixed(1)} s`,
    floor: '-',
    ratio: '-',
    target: `< 60 s`,
    pass: !error && seconds < 60,
    note: `${(csv.length / 1e6).toFixed(1)} MB of CSV, ${Math.round(total / seconds).toLocaleString('en-US')} rows/s, progress polled every 0.5 s`,
  };
  return { row, data: { seconds, rows: total, rowsPerSecond: total / seconds }, ...(error ? { error } : {}) };
}
