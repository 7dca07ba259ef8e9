import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// The whole shipped CRM (objects that point at each other, roles, workflows, reports, dashboards,
// analyses) moves to an empty system through configuration transfer and comes out the same.

let source: TestApp;
let target: TestApp;

beforeAll(async () => {
  source = await startTestApp();
  for (const pack of ['crm', 'analytics']) expect((await source.admin.post(`/api/packs/${pack}/install`)).status).toBe(200);
  target = await startTestApp();
}, 300_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('moving the CRM configuration to an empty system', () => {
  it('imports every definition in dependency order and exports the same configuration again', async () => {
    const bundle = (await source.admin.get('/api/admin/config/export')).body;
    for (const folder of ['objects', 'roles', 'workflows', 'reports', 'dashboards', 'analyses']) expect(bundle.definitions[folder].length, folder).toBeGreaterThan(0);
    const t0 = Date.now();
    const preview = await target.admin.post('/api/admin/config/import?dryRun=true', bundle);
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([]);
    const t1 = Date.now();
    const applied = await target.admin.post(`/api/admin/config/import?basis=${preview.body.basis}`, bundle);
    if (process.env.TESSERA_MEASURE) console.log(`definitions ${Object.values(bundle.definitions).flat().length}, bytes ${JSON.stringify(bundle).length}, dry run ${t1 - t0} ms, apply ${Date.now() - t1} ms`);
    expect(applied.status, JSON.stringify(applied.body).slice(0, 2000)).toBe(200);
    const again = (await target.admin.get('/api/admin/config/export')).body;
    expect(again.definitions).toEqual(bundle.definitions);
  }, 300_000);
});
