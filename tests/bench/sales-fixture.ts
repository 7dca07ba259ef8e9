import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expectStatus, TesseraClient } from './tessera-client.ts';

/**
 * The analytics scenarios' world: the crm and analytics packs installed through the API, then
 * `customers` crm accounts and `orders` orders written in SQL (generate_series: seconds, not the
 * minutes the API would take), owned by the admin. The analyses run as an `executive` (reads every
 * account and order, not a superuser), so every read goes through the permission engine.
 */
export interface SalesWorld {
  /** Defines the analyses. */
  admin: TesseraClient;
  analyst: TesseraClient;
  /** Users who load the list while the analyses run. */
  readers: TesseraClient[];
  customers: number;
  orders: number;
}

const INDUSTRIES = ['manufacturing', 'retail', 'food_beverage', 'telecom', 'finance', 'logistics', 'energy', 'education', 'healthcare', 'government'];
const REGIONS = ['Chongqing', 'Sichuan', 'Yunnan', 'Beijing', 'Shanghai', 'Guangdong', 'Zhejiang', 'Jiangsu'];
const LEVELS = ['A', 'B', 'C', 'D'];
const RATINGS = ['hot', 'warm', 'cold'];
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * Accounts: a value level drives revenue, employees and credit; lost accounts are more often cold
 * and small (a classifier has something to learn). Orders: each drawn for a random account, more
 * for higher levels, over the two years before 2026-12-01, 3 % cancelled.
 */
async function seedSales(databaseUrl: string, ownerId: string, department: string | null, customers: number, orders: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'tessera-bench' });
  await client.connect();
  try {
    await client.query('SELECT setseed(0.17)');
    await client.query(
      `INSERT INTO records.account
         (name, lifecycle, industry, region, value_level, rating, annual_revenue, employees, credit_limit, _owner, _department, _created_by, _created_at, _updated_at)
       SELECT 'Bench customer ' || lpad(g::text, 6, '0'),
              CASE WHEN r1 < 0.15 + 0.1 * lvl THEN 'lost' WHEN r1 < 0.9 THEN 'customer' ELSE 'service_customer' END,
              (${sqlArray(INDUSTRIES)})[1 + floor(r2 * ${INDUSTRIES.length})::int],
              (${sqlArray(REGIONS)})[1 + floor(power(r3, 1.4) * ${REGIONS.length})::int],
              (${sqlArray(LEVELS)})[1 + lvl],
              (${sqlArray(RATINGS)})[1 + floor(least(0.999, r4 * 0.7 + (CASE WHEN r1 < 0.15 + 0.1 * lvl THEN 0.3 ELSE 0 END)) * 3)::int],
              round((power(10, 9 - lvl) * (0.5 + r2))::numeric, 2),
              (2000 / (1 + lvl * lvl) * (0.5 + r3))::int,
              round((power(10, 7 - lvl) * (0.5 + r4))::numeric, 2),
              $1, $2, $1, timestamptz '2024-06-01' + r3 * interval '180 days', now()
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, floor(random() * 4)::int AS lvl
                 FROM generate_series(1, $3::int) AS g) AS s`,
      [ownerId, department, customers],
    );
    const { rows } = await client.query('SELECT min(id)::bigint AS first, max(id)::bigint AS last FROM records.account');
    await client.query(
      `INSERT INTO records."order" (number, account, amount, quantity, order_date, status, _owner, _department, _created_by, _created_at, _updated_at)
       SELECT 'BO-' || lpad(g::text, 7, '0'),
              $3::bigint + floor(power(random(), 1.3) * ($4::bigint - $3::bigint + 1))::bigint,
              round((200 + random() * 20000)::numeric, 2),
              1 + floor(random() * 20)::int,
              date '2026-11-30' - floor(power(random(), 1.2) * 730)::int,
              CASE WHEN random() < 0.03 THEN 'cancelled' ELSE 'completed' END,
              $1, $2, $1, now(), now()
         FROM generate_series(1, $5::int) AS g`,
      [ownerId, department, rows[0].first, rows[0].last, orders],
    );
    await client.query('VACUUM ANALYZE records.account');
    await client.query('VACUUM ANALYZE records."order"');
    await client.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await client.end();
  }
}

/** Installs the packs, creates the analyst and the readers, and seeds the accounts and orders. */
export async function buildSalesWorld(admin: TesseraClient, databaseUrl: string, customers: number, orders: number, readers: number): Promise<SalesWorld> {
  expectStatus(await admin.call('POST', '/api/packs/analytics/install'), [200], 'install the analytics pack (and crm)');
  const password = `Bench-${randomBytes(9).toString('base64url')}7a`;
  const users: TesseraClient[] = [];
  for (let i = 0; i <= readers; i++) {
    const username = i === 0 ? 'bench_analyst' : `bench_viewer_${i}`;
    expectStatus(await admin.call('POST', '/api/admin/users', { username, password, name: username.replace(/_/g, ' '), roles: ['executive'] }), [201], `create user ${username}`);
    users.push(await TesseraClient.login(admin.baseUrl, username, password));
  }
  await seedSales(databaseUrl, admin.session.user.id, admin.session.user.department, customers, orders);
  return { admin, analyst: users[0], readers: users.slice(1), customers, orders };
}

/**
 * Waits for the run to end, polling the list of runs (no result in it: a run's own answer carries
 * its whole per-record list, megabytes for 50,000 records), and answers its view (no result).
 */
export async function waitForRunEnd(who: TesseraClient, analysis: string, runId: string, timeoutMs = 600_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = expectStatus(await who.call('GET', `/api/analyses/${analysis}/runs`), [200], `runs of ${analysis}`);
    const run = reply.body.data.find((r: { id: string }) => r.id === runId);
    if (run?.status === 'succeeded' || run?.status === 'failed') return run;
    if (Date.now() > deadline) throw new Error(`run ${analysis} ${runId} still ${run?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a run as `who`: its id. */
export async function startRun(who: TesseraClient, analysis: string): Promise<string> {
  return String(expectStatus(await who.call('POST', `/api/analyses/${analysis}/run`), [202], `start ${analysis}`).body.runId);
}
