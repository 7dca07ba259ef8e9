import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 17 item 1: objects a pack keeps out of the menu (its own storage) stay out of global search.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  for (const pack of ['crm', 'analytics']) expect((await t.admin.post(`/api/packs/${pack}/install`)).status).toBe(200);
});
afterAll(() => t?.close());

describe('global search and packs', () => {
  it("leaves out the analytics pack's run records, which share the words users search for", async () => {
    expect((await t.admin.post('/api/records/account', { name: 'Churn Watch Ltd' })).status).toBe(201);
    const run = await t.admin.post('/api/records/analysis_run', { analysis: 'churn watch' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const res = await t.admin.get('/api/search?q=churn');
    expect(res.status).toBe(200);
    expect(res.body.data.map((g: { object: string }) => g.object)).toEqual(['account']);
  });
});
