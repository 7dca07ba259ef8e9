import { performance } from 'node:perf_hooks';
import { fmt, type ReportRow } from './report.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import type { RunSql } from './search-scenario.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

/**
 * `phone-lookup`: the service centre's GET /api/plugins/exhibition/lookup?phone= with the crm and
 * exhibition packs and 1,000,000 contacts, each with a mobile (+86 138-xxxx-xxxx) and a Chongqing
 * landline (023-xxxxxxxx). Random lookups, sequential, half of them numbers that exist written
 * another way (0086, spaces, an extension), half numbers nobody has.
 */

/** Contact n's mobile is 138 followed by n on eight digits; its landline 023 and 6 + n on seven. */
function seedSql(count: number): string {
  return `INSERT INTO records.contact (name, mobile, phone, _owner, _created_by)
       SELECT 'Contact ' || g, '+86 138-' || substr(lpad(g::text, 8, '0'), 1, 4) || '-' || substr(lpad(g::text, 8, '0'), 5, 4),
              '023-6' || lpad((g % 10000000)::text, 7, '0'), 1, 1
         FROM generate_series(1, ${Math.floor(count)}) AS g`;
}

const eight = (n: number) => String(n).padStart(8, '0');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A number to look up and how many matches it must find. */
function lookups(rows: number, count: number): { phone: string; expected: number }[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: { phone: string; expected: number }[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(random() * rows);
    const digits = eight(n);
    switch (i % 4) {
      case 0: out.push({ phone: `0086 138 ${digits.slice(0, 4)} ${digits.slice(4)}`, expected: 1 }); break;
      case 1: out.push({ phone: `+86 23 6${String(n % 10_000_000).padStart(7, '0')} 转 ${i}`, expected: 1 }); break;
      // 139 numbers and landlines under 024 belong to nobody.
      case 2: out.push({ phone: `139-${digits.slice(0, 4)}-${digits.slice(4)}`, expected: 0 }); break;
      default: out.push({ phone: `(024) 6${String(n % 10_000_000).padStart(7, '0')}`, expected: 0 });
    }
  }
  return out;
}

export async function phoneLookupScenario({ admin, seed, rows, count, log }: { admin: TesseraClient; seed: RunSql; rows: number; count: number; log: (message: string) => void }): Promise<ScenarioOutcome> {
  expectStatus(await admin.call('POST', '/api/packs/exhibition/install?demo=false'), [200], 'install the exhibition pack (and crm)');
  let started = performance.now();
  await seed(seedSql(rows));
  const seedSeconds = (performance.now() - started) / 1000;
  log(`seeded ${rows.toLocaleString('en-US')} contacts with their phone-key indexes kept on insert: ${seedSeconds.toFixed(1)} s`);
  const plan = lookups(rows, count);
  const times: number[] = [];
  for (const { phone, expected } of plan) {
    started = performance.now();
    const res = expectStatus(await admin.call('GET', `/api/plugins/exhibition/lookup?phone=${encodeURIComponent(phone)}`), [200], `lookup ${phone}`);
    times.push(performance.now() - started);
    const found = (res.body.matches as unknown[]).length;
    if (found !== expected) throw new Error(`lookup ${phone}: ${found} matches, expected ${expected}`);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  const p99 = percentile(times, 0.99);
  log(`phone lookup: p50 ${fmt.ms(p50)}, p99 ${fmt.ms(p99)} over ${count} lookups`);
  const row: ReportRow = {
    scenario: `phone lookup (${rows.toLocaleString('en-US')} contacts, ${count} lookups, half unknown)`,
    tessera: `p50 ${fmt.ms(p50)}, p99 ${fmt.ms(p99)}`,
    floor: '-',
    ratio: '-',
    target: 'p99 < 50 ms',
    pass: p99 < 50,
    note: `seed with 2 phone-key indexes ${seedSeconds.toFixed(0)} s`,
  };
  return { row, data: { p50, p99, seedSeconds } };
}
