import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_PROBABILITY } from '../../../plugins/crm/src/stage-probability.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { countRecords, demoFile, everyRecord, expectShippedDemo } from '../helpers/pack-demo.ts';

// The crm pack's demo data (issue 7, items 7 and 8): installed on a fresh database, its demo users of
// every role log in and see what their roles allow, every dashboard has data, and report figures agree
// with counts made independently through the records API and from the demo files themselves.

const crmDir = path.resolve(import.meta.dirname, '../../../plugins/crm');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(crmDir, file), 'utf8'));
const demo = (name: string) => demoFile(crmDir, name);
/** The one password of every demo user (README, "Demo"). */
const DEMO_PASSWORD = 'Demo-pass-2026';
const WON = ['sign', 'satisfaction'];

let t: TestApp;
let installMs = 0;
const sessions = new Map<string, ApiClient>();
const as = async (username: string) => {
  if (!sessions.has(username)) sessions.set(username, await t.login(username, DEMO_PASSWORD));
  return sessions.get(username)!;
};

beforeAll(async () => {
  t = await startTestApp();
  const started = Date.now();
  const res = await t.admin.post('/api/packs/crm/install?demo=true');
  installMs = Date.now() - started;
  expect(res.status, JSON.stringify(res.body).slice(0, 3000)).toBe(200);
  expect(res.body).toMatchObject({ name: 'crm', demoLoaded: true });
  console.log(`crm installed with its demo data in ${(installMs / 1000).toFixed(1)} s (${process.env.TESSERA_TEST_DB ?? 'pglite'})`);
  // The whole demo is thousands of writes: beside other suites' demo installs it can take minutes.
}, 300_000);
afterAll(() => t?.close());

const count = (object: string, api: ApiClient = t.admin, filter?: unknown) => countRecords(api, object, filter);
const all = (object: string, api: ApiClient = t.admin, filter?: unknown, fields?: string[]) => everyRecord(api, object, filter, fields);
const sum = (values: number[]) => Math.round(values.reduce((n, v) => n + v, 0) * 100) / 100;

// What the demo files say, to compare the running system with.
const accountsFile = demo('account');
const regionOfKey = new Map(accountsFile.map((a) => [a.$key, a.region]));
const opportunitiesFile = demo('opportunity');
const usersFile = demo('users');

describe('loading the demo', () => {
  it('ships exactly the files its seeded generator writes', () => {
    expectShippedDemo(crmDir);
  });

  it('creates every record of every demo file, in a few thousand records', async () => {
    const order: string[] = readJson('demo/load-order.json');
    let total = 0;
    for (const file of order.filter((f) => f !== 'departments.json' && f !== 'users.json')) {
      const object = file.replace(/\.json$/, '');
      const expected = demo(object).length;
      expect(await count(object), object).toBe(expected);
      total += expected;
    }
    expect(total).toBeGreaterThanOrEqual(3000);
    // About 2,000 of them repeat orders for the analyses (docs/demo-data.md).
    expect(total).toBeLessThanOrEqual(6000);
    const departments = (await t.admin.get('/api/admin/departments')).body.data.map((d: { name: string }) => d.name);
    expect(departments).toEqual(expect.arrayContaining(demo('departments').map((d) => d.name)));
  });

  it('has opportunities in all 9 stages, leads in every status and service requests of every kind and status', async () => {
    for (const stage of ['find_prospect', 'visit', 'build_trust', 'uncover_needs', 'research_solution', 'propose', 'sign', 'satisfaction', 'lost']) {
      expect(await count('opportunity', t.admin, { stage: { $eq: stage } }), stage).toBeGreaterThan(0);
    }
    for (const status of ['new', 'working', 'qualified', 'converted', 'disqualified']) expect(await count('lead', t.admin, { status: { $eq: status } }), status).toBeGreaterThan(0);
    for (const kind of ['complaint', 'enquiry', 'request']) expect(await count('service_request', t.admin, { kind: { $eq: kind } }), kind).toBeGreaterThan(0);
    for (const status of ['open', 'in_progress', 'resolved', 'closed']) expect(await count('service_request', t.admin, { status: { $eq: status } }), status).toBeGreaterThan(0);
    // Every opportunity has its stage's probability and weighted amount; won and lost ones their close date.
    for (const o of await all('opportunity', t.admin, undefined, ['id', 'stage', 'probability', 'amount', 'weighted_amount', 'closed_on', 'expected_close'])) {
      expect(Number(o.probability), o.stage).toBe(STAGE_PROBABILITY[o.stage]);
      expect(Number(o.weighted_amount)).toBeCloseTo(Number(o.amount) * STAGE_PROBABILITY[o.stage], 2);
      expect(o.closed_on === null, o.stage).toBe(!WON.includes(o.stage) && o.stage !== 'lost');
      expect(o.expected_close).not.toBeNull();
    }
  });

  it('builds account hierarchies: groups with subsidiaries and branch offices', async () => {
    const groups = await all('account', t.admin, { account_type: { $eq: 'group' } }, ['id', 'name']);
    expect(groups.length).toBeGreaterThan(5);
    const children = await all('account', t.admin, { parent: { $in: groups.map((g) => g.id) } }, ['id', 'account_type', 'parent']);
    expect(new Set(children.map((c) => c.account_type))).toEqual(new Set(['subsidiary', 'branch']));
    const tree = await t.admin.get(`/api/plugins/crm/accounts/${groups[0].id}/tree`);
    expect(tree.status, JSON.stringify(tree.body)).toBe(200);
    expect(JSON.stringify(tree.body)).toContain(String(children.find((c) => c.parent === groups[0].id)!.id));
  });
});

describe('demo users', () => {
  it('lets every demo user log in with the shared password, and covers every crm role', async () => {
    const roles = new Set<string>();
    for (const user of usersFile) {
      expect(user.password).toBe(DEMO_PASSWORD);
      const api = await as(user.username);
      expect((await api.get('/api/packs')).status).toBe(200);
      user.roles.forEach((r: string) => roles.add(r));
    }
    const crmRoles = fs.readdirSync(path.join(crmDir, 'metadata/roles')).map((f) => f.replace(/\.json$/, ''));
    expect([...roles].sort()).toEqual(expect.arrayContaining(crmRoles.sort()));
  });

  it('shows a sales rep only their own accounts and opportunities', async () => {
    const rep = usersFile.find((u) => u.roles.includes('sales_rep'))!.username;
    const api = await as(rep);
    const accounts = await all('account', api, undefined, ['id', 'name', '_owner']);
    const own = accountsFile.filter((a) => a.$owner === rep).map((a) => a.name);
    expect(own.length).toBeGreaterThan(5);
    expect(accounts.map((a) => a.name).sort()).toEqual(own.sort());
    expect(new Set(accounts.map((a) => a._owner)).size).toBe(1);
    expect(await count('opportunity', api)).toBe(opportunitiesFile.filter((o) => o.$owner === rep).length);
    // Company goals are there for everyone to see, and the rep's own personal goal.
    expect(await count('goal', api)).toBe(demo('goal').filter((g) => g.level === 'company' || g.user?.$user === rep).length);
    expect(await count('sales_task', api)).toBe(demo('sales_task').filter((k) => k.assignee?.$user === rep).length);
  });

  it("shows a sales manager their team's accounts, and the sales director and the executive everything", async () => {
    const manager = usersFile.find((u) => u.roles.includes('sales_manager'))!;
    const team = new Set(usersFile.filter((u) => u.department === manager.department).map((u) => u.username));
    const teamAccounts = accountsFile.filter((a) => team.has(a.$owner)).length;
    expect(teamAccounts).toBeLessThan(accountsFile.length);
    expect(await count('account', await as(manager.username))).toBe(teamAccounts);
    for (const role of ['sales_director', 'executive']) {
      const api = await as(usersFile.find((u) => u.roles.includes(role))!.username);
      expect(await count('account', api), role).toBe(accountsFile.length);
      expect(await count('opportunity', api), role).toBe(opportunitiesFile.length);
    }
  });

  it("shows a regional user only their region's accounts, opportunities and service requests", async () => {
    for (const [role, region] of [['region_chongqing', 'Chongqing'], ['region_sichuan', 'Sichuan'], ['region_yunnan', 'Yunnan']]) {
      const api = await as(usersFile.find((u) => u.roles.includes(role))!.username);
      const accounts = await all('account', api, undefined, ['id', 'region']);
      expect(accounts.length, role).toBe(accountsFile.filter((a) => a.region === region).length);
      expect(new Set(accounts.map((a) => a.region))).toEqual(new Set([region]));
      expect(await count('opportunity', api), role).toBe(opportunitiesFile.filter((o) => regionOfKey.get(o.account.$key) === region).length);
      expect(await count('service_request', api), role).toBe(demo('service_request').filter((s) => regionOfKey.get(s.account.$key) === region).length);
    }
  });

  it('hides what the roles keep from marketing and service, and lets each see their own work', async () => {
    const marketing = await as(usersFile.find((u) => u.roles.includes('marketing'))!.username);
    const accounts = (await marketing.get('/api/records/account?limit=5')).body.data;
    expect(accounts).toHaveLength(5);
    for (const a of accounts) expect(a).not.toHaveProperty('credit_limit');
    expect(await count('lead', marketing)).toBe(demo('lead').length);
    const agent = await as(usersFile.find((u) => u.roles.includes('service_agent'))!.username);
    expect(await count('service_request', agent)).toBe(demo('service_request').length);
    expect((await agent.get('/api/records/opportunity?limit=1')).status).toBe(403);
    const finance = await as(usersFile.find((u) => u.roles.includes('finance'))!.username);
    expect(await count('payment', finance)).toBe(demo('payment').length);
  });
});

/** A dashboard's widgets, run by the executive unless another caller is given. */
const run = async (dashboard: string, api?: ApiClient) => {
  const res = await (api ?? (await as(usersFile.find((u) => u.roles.includes('executive'))!.username))).get(`/api/dashboards/${dashboard}/run`);
  expect(res.status, JSON.stringify(res.body).slice(0, 2000)).toBe(200);
  return res.body.widgets as { report: string; result: { rows: Record<string, any>[] } | null; error: unknown }[];
};
const widget = async (dashboard: string, report: string) => (await run(dashboard)).find((w) => w.report === report)!.result!.rows;

describe('dashboards and reports', () => {
  const dashboards = fs.readdirSync(path.join(crmDir, 'metadata/dashboards')).map((f) => f.replace(/\.json$/, ''));

  it('gives the executive data in every widget of every crm dashboard', async () => {
    expect(dashboards.sort()).toEqual(['management_overview', 'marketing_overview', 'sales_overview', 'service_overview']);
    for (const name of dashboards) {
      for (const w of await run(name)) {
        expect(w.error, `${name}/${w.report}`).toBeNull();
        expect(w.result!.rows.length, `${name}/${w.report}`).toBeGreaterThan(0);
      }
    }
  });

  it('sums the same won amounts in sales by region as the records API lists, region by region', async () => {
    const rows = await widget('sales_overview', 'sales_by_region');
    const won = await all('opportunity', t.admin, { stage: { $in: WON } }, ['id', 'amount', 'account']);
    const regionOf = new Map((await all('account', t.admin, undefined, ['id', 'region'])).map((a) => [a.id, a.region]));
    expect(sum(rows.map((r) => Number(r.sum_amount)))).toBe(sum(won.map((o) => Number(o.amount))));
    expect(sum(rows.map((r) => Number(r.count)))).toBe(won.length);
    for (const row of rows) {
      expect(Number(row.sum_amount), row['account.region']).toBe(sum(won.filter((o) => regionOf.get(o.account) === row['account.region']).map((o) => Number(o.amount))));
    }
    // And the demo files say the same.
    expect(sum(rows.map((r) => Number(r.sum_amount)))).toBe(sum(opportunitiesFile.filter((o) => WON.includes(o.stage)).map((o) => o.amount)));
  });

  it('counts the funnel stages, customers by region and the SLA as the records API does', async () => {
    for (const row of await widget('sales_overview', 'opportunity_funnel')) {
      expect(Number(row.count), row.stage).toBe(await count('opportunity', t.admin, { stage: { $eq: row.stage } }));
    }
    const byRegion = await widget('management_overview', 'customers_by_region');
    for (const row of byRegion) expect(Number(row.count), row.region).toBe(accountsFile.filter((a) => a.region === row.region).length);
    expect(sum(byRegion.map((r) => Number(r.count)))).toBe(accountsFile.length);
    const sla = await widget('service_overview', 'service_sla');
    expect(sum(sla.map((r) => Number(r.count)))).toBe(demo('service_request').length);
    for (const row of sla) expect(Number(row.count)).toBe(await count('service_request', t.admin, { sla_breached: { $eq: row.sla_breached } }));
  });

  it('shows goal progress and campaign revenue that match the won opportunities behind them', async () => {
    const goals = await all('goal', t.admin);
    expect(goals.length).toBeGreaterThan(0);
    expect(new Set(goals.map((g) => g.level))).toEqual(new Set(['personal', 'department', 'company']));
    for (const goal of goals) {
      const whose = goal.level === 'personal' ? { _owner: { $eq: goal.user } } : goal.level === 'department' ? { _department: { $eq: goal.department } } : {};
      const won = await all('opportunity', t.admin, { stage: { $in: WON }, closed_on: { $gte: goal.period_start, $lte: goal.period_end }, ...whose }, ['id', 'amount']);
      expect(Number(goal.achieved_amount), goal.name).toBe(sum(won.map((o) => Number(o.amount))));
    }
    const campaigns = await all('campaign', t.admin);
    expect(campaigns.some((c) => Number(c.revenue) > 0)).toBe(true);
    for (const campaign of campaigns) {
      const won = await all('opportunity', t.admin, { stage: { $in: WON }, campaign: { $eq: campaign.id } }, ['id', 'amount']);
      expect(Number(campaign.revenue), campaign.name).toBe(sum(won.map((o) => Number(o.amount))));
      expect(campaign.members, campaign.name).toBe(await count('campaign_member', t.admin, { campaign: { $eq: campaign.id } }));
    }
  });

  it("shows a sales rep's dashboard only their own sales", async () => {
    const rep = usersFile.find((u) => u.roles.includes('sales_rep'))!.username;
    const rows = (await run('sales_overview', await as(rep))).find((w) => w.report === 'sales_by_salesperson')!.result!.rows;
    const own = opportunitiesFile.filter((o) => o.$owner === rep && WON.includes(o.stage));
    expect(rows.length).toBe(own.length ? 1 : 0);
    if (own.length) expect(Number(rows[0].sum_amount)).toBe(sum(own.map((o) => o.amount)));
  });
});

describe('customer care', () => {
  it("reminds the owner of a key contact whose birthday is today (every day of the year has one)", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const [, month, day] = today.split('-').map(Number);
    const keyContacts = demo('contact').filter((c) => c.key_contact && c.birthday);
    const monthDays = new Set(keyContacts.map((c) => c.birthday.slice(5)));
    expect(monthDays.size).toBe(366);
    const birthdays = await all('contact', t.admin, { key_contact: { $eq: true }, birthday_md: { $eq: month * 100 + day } }, ['id', 'name', '_owner']);
    expect(birthdays.length).toBeGreaterThan(0);
    const sent = await t.admin.post('/api/plugins/crm/care/run', { day: today });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.birthdays).toBe(birthdays.length);
    const owner = keyContacts.find((c) => c.birthday.slice(5) === today.slice(5))!;
    const notes = (await (await as(owner.$owner)).get('/api/notifications')).body.data.map((n: { message: { en: string } }) => n.message.en);
    expect(notes).toContain(`Today is the birthday of ${owner.name}: send your wishes.`);
  });
});

describe('service level', () => {
  it('shows the SLAs the demo history kept and broke, as the records API counts them', async () => {
    // Due times count from when a request was raised ($createdAt in the demo) plus its SLA hours.
    const now = Date.now();
    const breached = demo('service_request').filter((s) => (s.resolved_at ? Date.parse(s.resolved_at) : now) > Date.parse(s.$createdAt) + s.sla_hours * 3_600_000).length;
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(demo('service_request').length / 2);
    expect(await count('service_request', t.admin, { sla_breached: { $eq: true } })).toBe(breached);
    const rows = await widget('service_overview', 'service_sla');
    expect(Number(rows.find((r) => r.sla_breached === true)?.count)).toBe(breached);
    expect(Number(rows.find((r) => r.sla_breached === false)?.count)).toBe(demo('service_request').length - breached);
  });

  it('has customers coming in over the sales history', async () => {
    const growth = (await widget('management_overview', 'customer_growth')).filter((r) => Number(r.count) > 0);
    expect(growth.length).toBeGreaterThan(12);
    expect(sum(growth.map((r) => Number(r.count)))).toBe(accountsFile.length);
  });
});
