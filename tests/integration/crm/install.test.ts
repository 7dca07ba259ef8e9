import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// The crm pack installs on a fresh database with everything it ships.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('installing the crm pack', () => {
  it('installs objects, roles, workflows, reports and dashboards in one go, and again changes nothing', async () => {
    const res = await t.admin.post('/api/packs/crm/install');
    expect(res.status, JSON.stringify(res.body).slice(0, 3000)).toBe(200);
    const objects = (await t.admin.get('/api/meta/objects')).body.data.map((o: { name: string }) => o.name);
    expect(objects).toEqual(expect.arrayContaining(['account', 'contact', 'lead', 'opportunity', 'quote', 'contract', 'order', 'payment', 'product', 'activity', 'service_request', 'knowledge_article', 'campaign', 'campaign_member', 'sales_task', 'goal', 'expense_claim', 'business_trip']));
    const again = await t.admin.post('/api/packs/crm/install');
    expect(again.body.packs.every((p: { changed: boolean }) => !p.changed)).toBe(true);
  });
});
