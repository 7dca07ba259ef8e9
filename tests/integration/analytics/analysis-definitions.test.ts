import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser } from '../permissions/permission-helpers.ts';

// Issue 14: the analysis kind of the analytics pack: installed with the pack's analyses, stored and
// versioned under /api/meta/analyses, refused with every problem at its JSON pointer in the
// caller's language.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const install = await t.admin.post('/api/packs/analytics/install');
  expect(install.status, JSON.stringify(install.body).slice(0, 2000)).toBe(200);
});
afterAll(() => t?.close());

const zh = async (method: string, path: string, body?: unknown) => {
  const res = await t.admin.raw(path, { method, headers: { 'accept-language': 'zh-CN', 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as any };
};
const pointers = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path).sort();

const rfm = { kind: 'rfm', source: { object: 'order', customer: 'account', date: 'order_date', amount: 'amount' }, params: { bins: 5 } };

describe('the analyses the pack ships', () => {
  it('are installed with the pack, one of each kind, and installing again changes nothing', async () => {
    const stored = (await t.admin.get('/api/meta/analyses')).body.data;
    expect(stored.map((a: { kind: string }) => a.kind).sort()).toEqual(['association', 'churn_warning', 'classifier', 'kmeans', 'rfm', 'seasonality', 'value_matrix']);
    const again = await t.admin.post('/api/packs/analytics/install');
    expect(again.body.packs.every((p: { changed: boolean }) => !p.changed)).toBe(true);
  });
});

describe('an analysis definition', () => {
  it('is stored, versioned and deleted by administrators', async () => {
    const created = await t.admin.put('/api/meta/analyses/order_rfm', rfm);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'order_rfm', version: 1 });
    const changed = await t.admin.put('/api/meta/analyses/order_rfm', { ...rfm, params: { bins: 5, asOf: '2026-06-30' }, version: 1 });
    expect(changed.status).toBe(200);
    expect((await t.admin.get('/api/meta/analyses/order_rfm')).body).toMatchObject({ params: { asOf: '2026-06-30' }, version: 2 });
    expect((await t.admin.get('/api/meta/analyses/order_rfm/versions')).body.data).toHaveLength(2);
    const stale = await t.admin.put('/api/meta/analyses/order_rfm', { ...rfm, version: 1 });
    expect(stale.status).toBe(409);

    const rep = await addUser(t, { username: 'def.rep', roles: ['sales_rep'] });
    expect((await rep.api.get('/api/meta/analyses/order_rfm')).status).toBe(200);
    expect((await rep.api.put('/api/meta/analyses/order_rfm', rfm)).status).toBe(403);
    expect((await rep.api.delete('/api/meta/analyses/order_rfm')).status).toBe(403);

    expect((await t.admin.delete('/api/meta/analyses/order_rfm')).status).toBe(204);
    const gone = await zh('GET', '/api/meta/analyses/order_rfm');
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe('没有名为“order_rfm”的分析。');
    expect((await t.admin.get('/api/meta/analyses/order_rfm')).body.error.message).toBe("There is no analysis named 'order_rfm'.");
    expect((await t.admin.post('/api/analyses/order_rfm/run')).status).toBe(404);
  });
});

describe('the live check of a draft analysis', () => {
  it('answers the problems a PUT would answer, stores nothing, and is for administrators only', async () => {
    expect((await t.admin.post('/api/ui/check/analysis', { ...rfm, name: 'draft_rfm' })).body).toEqual({ valid: true });
    expect((await t.admin.get('/api/meta/analyses/draft_rfm')).status).toBe(404);
    const bad = { ...rfm, name: 'draft_rfm', source: { ...rfm.source, amount: 'no_such_field' }, params: { bins: 5, k: 3 } };
    const checked = await t.admin.post('/api/ui/check/analysis', bad);
    expect(checked.status).toBe(422);
    const put = await t.admin.put('/api/meta/analyses/draft_rfm', bad);
    expect(put.status).toBe(422);
    expect(checked.body.error.details).toEqual(put.body.error.details);
    expect(pointers(checked.body).length).toBeGreaterThan(0);
    const rep = await addUser(t, { username: 'check.rep', roles: ['sales_rep'] });
    expect((await rep.api.post('/api/ui/check/analysis', bad)).status).toBe(403);
  });
});

describe('refusals', () => {
  it("refuses what the schema refuses, at each problem's pointer", async () => {
    const res = await t.admin.put('/api/meta/analyses/bad', { ...rfm, kind: 'magic', colour: 'red', params: { bins: 20 } });
    expect(res.status).toBe(422);
    expect(pointers(res.body)).toEqual(['/colour', '/kind', '/params/bins']);
  });

  it('refuses source fields that do not exist or do not fit, and properties the kind does not take', async () => {
    const res = await t.admin.put('/api/meta/analyses/bad', {
      kind: 'rfm', source: { object: 'order', customer: 'product', date: 'amount', amount: 'status', item: 'product' },
      params: { bins: 5, k: 3 }, writeBack: { segment: 'rating', cluster: 'cluster' }, features: ['amount'],
    });
    expect(res.status).toBe(422);
    expect(pointers(res.body)).toEqual(['/features', '/params/k', '/source/amount', '/source/date', '/source/item', '/writeBack/cluster', '/writeBack/segment']);
    const chinese = await zh('PUT', '/api/meta/analyses/bad', { kind: 'rfm', source: { object: 'order', customer: 'account', date: 'order_date', amount: 'status' } });
    expect(chinese.body.error.details).toEqual([{ path: '/source/amount', message: '必须是数值字段；“status”是 enum 字段' }]);
    const english = await t.admin.put('/api/meta/analyses/bad', { kind: 'rfm', source: { object: 'nowhere', customer: 'account', date: 'order_date', amount: 'amount' } });
    expect(english.body.error.details).toEqual([{ path: '/source/object', message: "there is no object named 'nowhere'" }]);
  });

  it('refuses a classifier whose features or target a model cannot use', async () => {
    const res = await t.admin.put('/api/meta/analyses/bad', {
      kind: 'classifier', source: { object: 'account' }, features: ['annual_revenue', 'no_such', 'address', 'lifecycle'], target: 'lifecycle', positive: 'gone',
      writeBack: { probability: 'name', rule: 'churn_rule' },
    });
    expect(res.status).toBe(422);
    expect(pointers(res.body)).toEqual(['/features/1', '/features/2', '/features/3', '/positive', '/writeBack/probability']);
    const noTarget = await zh('PUT', '/api/meta/analyses/bad', { kind: 'classifier', source: { object: 'account' }, features: ['employees'] });
    expect(noTarget.body.error.details).toEqual([{ path: '/target', message: '分类器必须填写' }]);
  });

  it('refuses parameters that do not fit together, gaps in the segments, bad measures, tasks and schedules', async () => {
    const kmeans = await t.admin.put('/api/meta/analyses/bad', { kind: 'kmeans', source: { object: 'account' }, features: ['employees', 'industry'], params: { kRange: [5, 3] }, schedule: 'every day at 7' });
    expect(pointers(kmeans.body)).toEqual(['/features/1', '/params/kRange', '/schedule']);

    const gaps = await t.admin.put('/api/meta/analyses/bad', { ...rfm, params: { segments: { scale: 5, segments: [{ key: 'best', label: { en: 'Best', 'zh-CN': '最好' }, r: { min: 5, max: 5 } }] } } });
    expect(pointers(gaps.body)).toEqual(['/params/segments']);
    expect(gaps.body.error.details[0].message).toMatch(/^100 combinations of R, F and M scores fall in no segment/);
    const fourBins = await t.admin.put('/api/meta/analyses/bad', { ...rfm, params: { bins: 4 } });
    expect(pointers(fourBins.body)).toEqual(['/params/bins']);

    const value = await t.admin.put('/api/meta/analyses/bad', {
      kind: 'value_matrix', source: { object: 'account' },
      params: { current: { object: 'order', customer: 'product', fn: 'sum', field: 'status', months: 12 }, potential: { field: 'industry' } },
      writeBack: { quadrant: 'value_level' },
    });
    expect(pointers(value.body)).toEqual(['/params/current/customer', '/params/current/date', '/params/current/field', '/params/potential/field', '/writeBack/quadrant']);

    const warning = await t.admin.put('/api/meta/analyses/bad', {
      kind: 'churn_warning', source: { object: 'order', customer: 'account', date: 'order_date', amount: 'amount' },
      params: { task: { object: 'sales_task', assignee: 'account', about: 'opportunity', subject: 'due_date' } }, writeBack: { flag: 'rating' },
    });
    expect(pointers(warning.body)).toEqual(['/params/task/about', '/params/task/assignee', '/params/task/subject', '/writeBack/flag']);
    expect((await t.admin.get('/api/meta/analyses/bad')).status).toBe(404);
  });
});

describe('the runs API', () => {
  it('answers an unknown analysis or run with 404 in the caller language', async () => {
    const res = await zh('GET', '/api/analyses/nope/runs');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('没有名为“nope”的分析。');
    expect((await t.admin.get('/api/analyses/customer_rfm/runs/12345')).status).toBe(404);
    expect((await t.admin.get('/api/analyses/customer_rfm/runs/x')).status).toBe(404);
  });
});
