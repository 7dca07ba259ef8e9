import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A definition names an action a plugin registered; it runs inside the step's transaction, so its
// failure rolls the whole step back.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.tessera.services.plugins!.registrations.addWorkflowAction('test.stamp', {
    check: (params) => (typeof params.text === 'string' ? [] : [{ path: '/text', message: 'text is required' }]),
    async run(params, { db, object, recordId, from, state }) {
      if (params.text === 'fail') throw new Error('stamp machine jammed');
      await db(object.table).where({ id: recordId }).update({ note: `${String(params.text)} (${from} -> ${state})` });
    },
  });
  expect((await t.admin.put('/api/meta/objects/parcel', { titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'note', type: 'text' }] })).status).toBe(201);
  const flow = (name: string, text: string) => ({
    name, object: 'parcel', initial: 'open',
    states: { open: { on: { ship: { target: 'shipped', actions: [{ run: 'test.stamp', params: { text } }] } } }, shipped: { type: 'final' } },
  });
  expect((await t.admin.put('/api/meta/workflows/stamping', flow('stamping', 'stamped'))).status).toBe(201);
  expect((await t.admin.put('/api/meta/workflows/jamming', flow('jamming', 'fail'))).status).toBe(201);
});
afterAll(() => t?.close());

describe('registered workflow actions', () => {
  it('runs the action in the step and refuses definitions whose parameters it rejects', async () => {
    const id = String((await t.admin.post('/api/records/parcel', { title: 'Books' })).body.id);
    await t.admin.post(`/api/records/parcel/${id}/submit`, { workflow: 'stamping' });
    expect((await t.admin.post(`/api/records/parcel/${id}/transition`, { event: 'ship' })).body.state).toBe('shipped');
    expect((await t.admin.get(`/api/records/parcel/${id}`)).body.note).toBe('stamped (open -> shipped)');

    const bad = await t.admin.put('/api/meta/workflows/bad', { name: 'bad', object: 'parcel', initial: 'open', states: { open: { on: { ship: { target: 'shipped', actions: [{ run: 'test.stamp' }] } } }, shipped: { type: 'final' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/states/open/on/ship/actions/0/params/text']);
  });

  it('rolls the whole step back when the action fails', async () => {
    const id = String((await t.admin.post('/api/records/parcel', { title: 'Glass' })).body.id);
    await t.admin.post(`/api/records/parcel/${id}/submit`, { workflow: 'jamming' });
    const res = await t.admin.post(`/api/records/parcel/${id}/transition`, { event: 'ship' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('jammed');
    expect((await t.admin.get(`/api/records/parcel/${id}`)).body).toMatchObject({ _state: 'open', note: null });
    expect((await t.admin.get(`/api/records/parcel/${id}/workflow`)).body.instance.state).toBe('open');
  });
});
