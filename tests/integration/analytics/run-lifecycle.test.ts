import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser } from '../permissions/permission-helpers.ts';
import { created, putAnalysis, runAnalysis } from './analytics-world.ts';

// Issue 14: runs are kept and compared, a failed run changes nothing, classifiers get model
// versions and a track record, and a scheduled run acts as the user who saved the analysis.
// The records analysed are gadgets: 15 small and light ones (broken), 15 big and heavy ones.

let t: TestApp;
const gadgets: { id: string; small: boolean }[] = [];

beforeAll(async () => {
  t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'analytics' }] });
  const object = await t.admin.put('/api/meta/objects/gadget', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'size', type: 'number', label: { en: 'Size', 'zh-CN': '尺寸' } },
      { name: 'weight', type: 'number', label: { en: 'Weight', 'zh-CN': '重量' } },
      { name: 'broken', type: 'boolean', label: { en: 'Broken', 'zh-CN': '损坏' } },
      { name: 'grp', type: 'integer', min: 1, max: 2 },
      { name: 'quadrant', type: 'text' },
      { name: 'risk', type: 'percent' },
      { name: 'model', type: 'integer' },
      { name: 'why', type: 'textarea' },
    ],
    history: ['grp', 'quadrant', 'risk'],
  });
  expect(object.status, JSON.stringify(object.body)).toBe(201);
  for (let i = 0; i < 30; i++) {
    const small = i < 15;
    gadgets.push({ id: await created(t.admin, 'gadget', { name: `Gadget ${i}`, size: small ? 1 + i / 10 : 100 + i, weight: small ? 10 + i / 10 : 50 + i, broken: small }), small });
  }
});
afterAll(() => t?.close());

const values = async (field: string) => new Map<string, unknown>((await t.admin.get(`/api/records/gadget?limit=100&fields=${field}`)).body.data.map((g: Record<string, unknown>) => [String(g.id), g[field]]));
const update = async (id: string, change: Record<string, unknown>) => {
  const current = (await t.admin.get(`/api/records/gadget/${id}`)).body;
  expect((await t.admin.patch(`/api/records/gadget/${id}`, { ...change, _version: current._version })).status).toBe(200);
};

describe('a failed run', () => {
  it('leaves the previous result and the written-back values as they were', async () => {
    await putAnalysis(t.admin, { name: 'gadget_groups', kind: 'kmeans', source: { object: 'gadget' }, features: ['size', 'weight'], params: { k: 2 }, writeBack: { cluster: 'grp' } });
    const first = await runAnalysis(t.admin, 'gadget_groups');
    expect(first.run.status).toBe('succeeded');
    const groups = await values('grp');
    expect(new Set(groups.values())).toEqual(new Set([1, 2]));
    const historyOf = async () => (await t.admin.get(`/api/records/gadget/${gadgets[0].id}/history`)).body;
    const history = await historyOf();

    // Three clusters cannot be written to a field that holds 1 or 2: the write-back fails part way.
    await putAnalysis(t.admin, { name: 'gadget_groups', kind: 'kmeans', source: { object: 'gadget' }, features: ['size', 'weight'], params: { k: 3 }, writeBack: { cluster: 'grp' } });
    const second = await runAnalysis(t.admin, 'gadget_groups');
    expect(second.run.status).toBe('failed');
    expect(second.run.error).toEqual(expect.any(String));
    expect(second.run.result).toBeNull();
    expect(await values('grp')).toEqual(groups);
    expect(await historyOf()).toEqual(history);

    const kept = await t.admin.get(`/api/analyses/gadget_groups/runs/${first.runId}`);
    expect(kept.body.result.records).toHaveLength(30);
    expect((await t.admin.get('/api/analyses/gadget_groups/runs')).body.data.map((r: { status: string }) => r.status)).toEqual(['failed', 'succeeded']);
  });

  it('is marked failed when its process stopped showing signs of life', async () => {
    const stale = await t.admin.post('/api/records/analysis_run', { analysis: 'gadget_groups', status: 'running', heartbeat_at: new Date(Date.now() - 3_600_000).toISOString() });
    expect(stale.status, JSON.stringify(stale.body)).toBe(201);
    await t.tessera.services.jobs.send('analytics.scheduled_runs', {});
    const run = await eventually(() => t.admin.get(`/api/analyses/gadget_groups/runs/${stale.body.id}`), (r) => r.body.status === 'failed');
    expect(run.body.error).toContain('interrupted');
  });
});

describe('runs compared', () => {
  it('say which records moved since the previous run of the same user', async () => {
    await putAnalysis(t.admin, { name: 'gadget_value', kind: 'value_matrix', source: { object: 'gadget' }, params: { current: { field: 'size' }, potential: { field: 'weight' } }, writeBack: { quadrant: 'quadrant' } });
    const first = await runAnalysis(t.admin, 'gadget_value');
    expect(first.run.result.changes).toBeNull();
    expect(first.run.result.quadrants.map((q: { customers: number }) => q.customers)).toEqual([15, 0, 0, 15]);

    // A small and a big gadget swap sizes and weights: the split points stay, the two swap quadrants.
    const [small, big] = [gadgets[0], gadgets[29]];
    await update(small.id, { size: 129, weight: 79 });
    await update(big.id, { size: 1, weight: 10 });
    const second = await runAnalysis(t.admin, 'gadget_value');
    expect(second.run.result.changes).toMatchObject({ previousRun: first.runId, movedCount: 2, entered: 0, left: 0 });
    expect(second.run.result.changes.moved).toEqual(expect.arrayContaining([
      { id: small.id, title: 'Gadget 0', from: 'low_value', to: 'most_valuable' },
      { id: big.id, title: 'Gadget 29', from: 'most_valuable', to: 'low_value' },
    ]));
    expect(second.run.result.valueChanging).toHaveLength(2);
    const quadrants = await values('quadrant');
    expect([quadrants.get(small.id), quadrants.get(big.id)]).toEqual(['most_valuable', 'low_value']);
    await update(small.id, { size: 1, weight: 10 });
    await update(big.id, { size: 129, weight: 79 });
  });
});

describe('a classifier over time', () => {
  it('gives each scoring a model version and reports how the earlier predictions did', async () => {
    await putAnalysis(t.admin, {
      name: 'gadget_breakage', kind: 'classifier', source: { object: 'gadget' }, features: ['size', 'weight'], target: 'broken',
      params: { maxDepth: 2, minLeaf: 2, testShare: 0.2 }, writeBack: { probability: 'risk', modelVersion: 'model', rule: 'why' },
    });
    const first = await runAnalysis(t.admin, 'gadget_breakage');
    expect(first.run).toMatchObject({ status: 'succeeded', modelVersion: 1 });
    expect(first.run.result.rules.map((r: { text: { en: string } }) => r.text.en)).toEqual(['IF Size < 100 THEN Broken, p = 1.00', 'IF Size ≥ 100 THEN not Broken, p = 0.00']);
    expect((await values('risk')).get(gadgets[29].id)).toBe(0);

    // Two big gadgets the model gave no risk break after all.
    for (const g of gadgets.slice(15, 17)) await update(g.id, { broken: true });
    const second = await runAnalysis(t.admin, 'gadget_breakage');
    expect(second.run).toMatchObject({ status: 'succeeded', modelVersion: 2 });
    const [earlier] = second.run.result.trackRecord;
    expect(earlier).toMatchObject({ modelVersion: 1, predictions: 30, judged: 15, becameYes: 2 });
    expect(earlier.calibration).toEqual([{ from: 0, to: 0.1, rows: 15, meanPredicted: 0, observedRate: 0.1333 }]);
    expect(new Set((await values('model')).values())).toEqual(new Set([2]));
    expect((await t.admin.get('/api/records/analysis_prediction')).body.data.map((b: { model_version: number }) => b.model_version).sort()).toEqual([1, 2]);
  });
});

describe('a scheduled analysis', () => {
  it('runs as the user who saved it', async () => {
    const analyst = await addUser(t, { username: 'an.analyst', roles: ['admin'] });
    await putAnalysis(analyst.api, { name: 'gadget_nightly', kind: 'kmeans', source: { object: 'gadget' }, features: ['size'], params: { k: 2 }, schedule: '* * * * *' });
    // What the job queue's cron sends every minute.
    await t.tessera.services.jobs.send('analytics.scheduled_runs', {});
    const runs = await eventually(() => analyst.api.get('/api/analyses/gadget_nightly/runs'), (r) => r.body.data.some((run: { status: string }) => run.status === 'succeeded'));
    const run = runs.body.data.find((r: { status: string }) => r.status === 'succeeded');
    expect(run).toMatchObject({ scheduled: true, startedBy: analyst.id, rows: 30 });
    const full = await analyst.api.get(`/api/analyses/gadget_nightly/runs/${run.id}`);
    expect(full.body.result.k).toBe(2);
  });
});
