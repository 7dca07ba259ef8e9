import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { countRecords, demoFile, expectShippedDemo } from '../helpers/pack-demo.ts';

// The telecom pack's demo data (issue 16, item 7): installed with the packs it builds on, as
// `npm start` does; its regional users log in and see their region only; the usage warning finds the
// subscribers whose usage was planted to fall.

const packDir = path.resolve(import.meta.dirname, '../../../plugins/telecom');
const demo = (name: string) => demoFile(packDir, name);
const DEMO_PASSWORD = 'Demo-pass-2026';
const INSTALL_TIMEOUT = 600_000;

let t: TestApp;
const as = (username: string) => t.login(username, DEMO_PASSWORD);
const count = (object: string, filter?: unknown, api: ApiClient = t.admin) => countRecords(api, object, filter);

beforeAll(async () => {
  t = await startTestApp();
  const started = Date.now();
  const res = await t.admin.post('/api/packs/telecom/install?demo=true');
  const seconds = (Date.now() - started) / 1000;
  expect(res.status, JSON.stringify(res.body).slice(0, 3000)).toBe(200);
  console.log(`telecom installed with its demo data and the crm's in ${seconds.toFixed(1)} s (${process.env.TESSERA_TEST_DB ?? 'pglite'})`);
}, INSTALL_TIMEOUT);
afterAll(() => t?.close());

describe('loading the telecom demo', () => {
  it('ships exactly the files its seeded generator writes', () => {
    expectShippedDemo(packDir);
  });

  it('creates every record of every demo file', async () => {
    for (const object of ['region', 'tariff_plan', 'tariff_version', 'subscriber', 'service_subscription', 'usage_summary', 'complaint', 'enterprise_project']) {
      expect(await count(object), object).toBe(demo(object).length);
    }
  });

  it('keeps subscribers who joined before version 2 on version 1 unless migrated', async () => {
    const early = await count('subscriber', { joined_on: { $lt: '2026-06-01' }, 'tariff_version.version': { $eq: 1 } });
    const late = await count('subscriber', { joined_on: { $gte: '2026-06-01' }, 'tariff_version.version': { $eq: 1 } });
    expect(early).toBe(demo('subscriber').filter((s) => s.joined_on < '2026-06-01' && String(s.tariff_version.$key).endsWith('_v1')).length);
    expect(early).toBeGreaterThan(1000);
    expect(late).toBe(0);
  });

  it("lets each regional user see only their region's subscribers, complaints and projects", async () => {
    for (const [username, region] of [['ran.jie', 'Chongqing'], ['xiang.bo', 'Sichuan'], ['duan.mei', 'Yunnan']] as const) {
      const api = await as(username);
      expect(await count('subscriber', undefined, api), username).toBe(demo('subscriber').filter((s) => s.region === region).length);
      expect(await count('complaint', undefined, api)).toBe(demo('complaint').filter((c) => c.region === region).length);
      expect(await count('enterprise_project', undefined, api)).toBe(demo('enterprise_project').filter((p) => p.region === region).length);
    }
    const executive = await as('he.zhiyuan');
    expect(await count('enterprise_project', undefined, executive)).toBe(demo('enterprise_project').length);
    const dashboard = await executive.get('/api/dashboards/telecom_projects/run');
    expect(dashboard.status, JSON.stringify(dashboard.body).slice(0, 500)).toBe(200);
  });

  it('flags the subscribers whose minutes were planted to fall, and few others', async () => {
    const executive = await as('he.zhiyuan');
    const started = await executive.post('/api/analyses/usage_minutes_drop/run');
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run: any;
    for (let i = 0; i < 120; i++) {
      run = (await executive.get(`/api/analyses/usage_minutes_drop/runs/${started.body.runId}`)).body;
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const flagged = new Set(run.result.records.filter((r: { group: string }) => r.group === 'flagged').map((r: { title: string }) => r.title));
    const subscribers = demo('subscriber');
    const plantedFalls = subscribers.filter((s) => s.status === 'active' && s.usage_trend !== undefined && s.usage_trend <= -0.5).map((s) => s.number);
    expect(plantedFalls.length).toBeGreaterThan(100);
    for (const number of plantedFalls) expect(flagged.has(number), number).toBe(true);
    expect(flagged.size).toBeLessThan(plantedFalls.length * 1.1);
  });
});
