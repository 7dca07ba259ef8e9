import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { fmt, type ReportRow } from './report.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import { expectStatus, TesseraClient } from './tessera-client.ts';

/**
 * `search`: GET /api/search on an account object with 1,000,000 rows (Chinese and English company
 * names, phones, e-mails, web sites), as the admin and as a sales rep who reads only their own
 * accounts and may not read the e-mail. Sequential requests: the figure is one query's latency.
 */

const CITIES = ['重庆', '成都', '昆明', '贵阳', '广州', '杭州', '南京', '北京', '上海', '武汉'];
const CORES = ['渝通', '华信', '金鼎', '恒达', '鑫源', '宏远', '天宇', '盛世', '永安', '汇丰', '长城', '中联', '东方', '新纪', '蓝海', '瑞祥', '嘉禾', '富强', '德胜', '海天'];
const TRADES = ['机械', '物流', '科技', '贸易', '食品', '能源', '电子', '建材', '医药', '纺织'];
const ENGLISH = ['Golden', 'Harbor', 'Summit', 'Pioneer', 'Evergreen', 'Silverline', 'Northstar', 'Bluewave', 'Redwood', 'Crescent'];
const ENGLISH_TRADES = ['Logistics', 'Machinery', 'Trading', 'Foods', 'Energy', 'Electronics', 'Materials', 'Pharma'];
const DOMAINS = ['yutong', 'huaxin', 'jinding', 'hengda', 'xinyuan', 'hongyuan', 'tianyu', 'shengshi', 'yongan', 'huifeng', 'changcheng', 'zhonglian', 'dongfang', 'xinji', 'lanhai', 'ruixiang', 'jiahe', 'fuqiang', 'desheng', 'haitian'];

export const SEARCH_ACCOUNT_DEFINITION = {
  label: { en: 'Account', 'zh-CN': '客户' },
  titleField: 'name',
  searchFields: ['phone', 'email'],
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 200 },
    { name: 'phone', type: 'phone' },
    { name: 'email', type: 'email' },
    { name: 'website', type: 'url' },
    { name: 'region', type: 'enum', options: ['west', 'east', 'north', 'south'] },
  ],
};

const REP_ROLE = {
  name: 'search_rep',
  label: { en: 'Search bench rep', 'zh-CN': '搜索基准销售' },
  objects: { account: { operations: ['read'], scope: { read: 'own' }, fields: { '*': 'read', email: 'none' } } },
};

/** The queries measured: [label, q]. The rare term is in about ten rows, the common one in a tenth of them. */
const QUERIES: readonly [string, string][] = [
  ['Chinese, 2 characters', '渝通'],
  ['Chinese, 4 characters', '渝通机械'],
  ['English word', 'harbor'],
  ['e-mail fragment', '@yutong'],
  ['phone fragment', '1380013'],
  ['formatted phone fragment', '138-0013'],
  ['rare term', '璟琰'],
  ['common term', '机械'],
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const pick = (values: readonly string[], r: string) => `(${sqlArray(values)})[1 + floor(${r} * ${values.length})::int]`;

/**
 * One INSERT writing `count` accounts owned round-robin by `owners` (ids, written as literals so the
 * statement runs as it is on PostgreSQL and PGlite); 12 in a million carry the rare term.
 */
function seedSql(count: number, owners: readonly string[]): string {
  const ownerArray = `ARRAY[${owners.map((o) => String(BigInt(o))).join(', ')}]::bigint[]`;
  return `INSERT INTO records.account (name, phone, email, website, region, _owner, _created_by)
       SELECT CASE WHEN r1 < 0.7 THEN ${pick(CITIES, 'r2')} || CASE WHEN g % 83333 = 0 THEN '璟琰' ELSE ${pick(CORES, 'r3')} END || ${pick(TRADES, 'r4')} || '有限公司'
                   ELSE ${pick(ENGLISH, 'r2')} || ' ' || ${pick(ENGLISH_TRADES, 'r4')} || ' ' || g END,
              '+86 13' || floor(r5 * 10)::int || '-' || lpad(floor(r7 * 10000)::text, 4, '0') || '-' || lpad(floor(r8 * 10000)::text, 4, '0'),
              'contact' || g || '@' || ${pick(DOMAINS, 'r3')} || '.cn',
              'www.' || ${pick(DOMAINS, 'r3')} || g || '.com',
              (ARRAY['west', 'east', 'north', 'south'])[1 + g % 4],
              (${ownerArray})[1 + g % ${owners.length}], (${ownerArray})[1]
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r7, random() AS r8
                 FROM generate_series(1, ${Math.floor(count)}) AS g) AS s`;
}

/** Runs SQL on the bench's database: a pg client for PostgreSQL, the in-process knex for PGlite. */
export type RunSql = (sql: string) => Promise<unknown>;

/** Seeds on PostgreSQL through its own connection, then vacuums and checkpoints. */
export function postgresSeeder(url: string, table = 'records.account'): RunSql {
  return async (sql) => {
    const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
    await client.connect();
    try {
      await client.query('SELECT setseed(0.17)');
      await client.query(sql);
      await client.query(`VACUUM ANALYZE ${table}`);
      await client.query('CHECKPOINT').catch(() => undefined);
    } finally {
      await client.end();
    }
  };
}

interface Latency {
  query: string;
  who: string;
  p50: number;
  p99: number;
  /** Records found in the first answer (at most the limit). */
  found: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function measure(client: TesseraClient, q: string, rounds: number): Promise<{ p50: number; p99: number; found: number }> {
  const path = `/api/search?q=${encodeURIComponent(q)}&limit=5`;
  const first = expectStatus(await client.call('GET', path), [200], `search '${q}'`);
  const found = (first.body.data as { records: unknown[] }[]).reduce((n, g) => n + g.records.length, 0);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    expectStatus(await client.call('GET', path), [200], `search '${q}'`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), found };
}

export interface SearchBenchSetup {
  admin: TesseraClient;
  baseUrl: string;
  /** 'PostgreSQL' or 'PGlite', for the report. */
  database: string;
  seed: RunSql;
  rows: number;
  rounds: number;
  log: (message: string) => void;
}

export async function searchScenario({ admin, baseUrl, database, seed, rows, rounds, log }: SearchBenchSetup): Promise<ScenarioOutcome> {
  expectStatus(await admin.call('PUT', '/api/meta/objects/account', SEARCH_ACCOUNT_DEFINITION), [200, 201], 'define account');
  expectStatus(await admin.call('PUT', `/api/admin/roles/${REP_ROLE.name}`, REP_ROLE), [200, 201], 'rep role');
  const password = 'Bench-search-42!';
  const owners: string[] = [];
  for (let i = 0; i < 50; i++) {
    const body = { username: `search.rep${i}`, password, name: `Search rep ${i}`, roles: [REP_ROLE.name] };
    owners.push(String(expectStatus(await admin.call('POST', '/api/admin/users', body), [201], 'create rep').body.id));
  }
  let started = performance.now();
  await seed(seedSql(rows, owners));
  const seedSeconds = (performance.now() - started) / 1000;
  log(`${database}: seeded ${rows.toLocaleString('en-US')} accounts with the search index kept on insert: ${seedSeconds.toFixed(1)} s`);
  // A new search field gets its index through the schema layer, built over every row.
  started = performance.now();
  expectStatus(await admin.call('PUT', '/api/meta/objects/account', { ...SEARCH_ACCOUNT_DEFINITION, searchFields: ['phone', 'email', 'website'] }), [200], 'add a search field');
  const rebuildSeconds = (performance.now() - started) / 1000;
  log(`search index of a field added to the search fields: ${rebuildSeconds.toFixed(1)} s`);
  const rep = await TesseraClient.login(baseUrl, 'search.rep0', password);

  const results: Latency[] = [];
  for (const [who, client] of [['admin', admin], ['rep (own accounts, e-mail hidden)', rep]] as const) {
    for (const [label, q] of QUERIES) {
      const m = await measure(client, q, rounds);
      results.push({ query: `${label} '${q}'`, who, ...m });
      log(`${who}: ${label} '${q}': p50 ${fmt.ms(m.p50)}, p99 ${fmt.ms(m.p99)}, ${m.found} found`);
    }
  }
  const worst = Math.max(...results.map((r) => r.p99));
  const worstP50 = Math.max(...results.map((r) => r.p50));
  const row: ReportRow = {
    scenario: `search on ${database} (${rows.toLocaleString('en-US')} accounts, ${QUERIES.length} queries x 2 callers, ${rounds} rounds each)`,
    tessera: `worst p50 ${fmt.ms(worstP50)}, worst p99 ${fmt.ms(worst)}`,
    floor: '-',
    ratio: '-',
    target: 'p99 < 100 ms',
    pass: worst < 100,
    note: `seed with 3 search indexes ${seedSeconds.toFixed(0)} s, index of an added search field ${rebuildSeconds.toFixed(0)} s`,
  };
  return { row, data: { results, seedSeconds, rebuildSeconds } };
}
