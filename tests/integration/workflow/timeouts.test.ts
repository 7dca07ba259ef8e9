import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// State timeouts run as pg-boss jobs written in the transition's transaction: escalation, reminders
// and timed events, each at most once per visit of the state and never after the record moved on.

const PASSWORD = 'Correct-horse-42';
let t: TestApp;
let clerk: { id: string; api: ApiClient };
let director: { id: string; api: ApiClient };

async function addUser(name: string, roles: string[]) {
  const res = await t.admin.post('/api/admin/users', { username: name, password: PASSWORD, name, roles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(name, PASSWORD) };
}

const view = async (id: string) => (await t.admin.get(`/api/records/claim/${id}/workflow`)).body;

async function submitted(workflow: string): Promise<string> {
  const id = String((await t.admin.post('/api/records/claim', { title: workflow })).body.id);
  const res = await t.admin.post(`/api/records/claim/${id}/submit`, { workflow });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ config: { jobPollingSeconds: 0.5 } });
  expect((await t.admin.put('/api/meta/objects/claim', { titleField: 'title', fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
  await t.admin.put('/api/admin/roles/claims', { name: 'claims', objects: { claim: { operations: ['read'] } } });
  await t.admin.put('/api/admin/roles/director', { name: 'director', objects: { claim: { operations: ['read'] } } });
  clerk = await addUser('to.clerk', ['claims']);
  director = await addUser('to.director', ['director']);
  const review = (name: string, timeout: Record<string, unknown>) => ({
    name, object: 'claim', initial: 'review',
    states: {
      review: { approval: { approvers: { user: clerk.id } }, on: { approve: 'paid', reject: 'refused', expire: 'refused' }, timeout: { after: 'PT1S', ...timeout } },
      paid: { type: 'final' },
      refused: { type: 'final' },
    },
  });
  for (const [name, timeout] of Object.entries({ escalating: { escalateTo: { role: 'director' } }, reminding: { remind: true }, expiring: { event: 'expire' } })) {
    const res = await t.admin.put(`/api/meta/workflows/${name}`, review(name, timeout));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => t?.close());

describe('state timeouts', () => {
  it('escalates to more approvers after the time is up, once, and the escalated approver can decide', async () => {
    const id = await submitted('escalating');
    const escalated = await eventually(() => view(id), (v) => v.history.some((h: { action: string }) => h.action === 'escalate'));
    expect(escalated.history.filter((h: { action: string }) => h.action === 'escalate')).toHaveLength(1);
    expect(escalated.tasks.map((k: { assignee: { id: string } }) => k.assignee.id).sort()).toEqual([clerk.id, director.id].sort());
    const task = (await director.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
    expect((await director.api.post(`/api/tasks/${task.id}/approve`, {})).body).toMatchObject({ decided: true, instance: { state: 'paid' } });
  });

  it('reminds the open tasks’ assignees', async () => {
    const id = await submitted('reminding');
    const notes = await eventually(() => clerk.api.get('/api/notifications?unread=true'), (r) => r.body.data.some((n: { recordId: string }) => n.recordId === id));
    expect(notes.body.data.find((n: { recordId: string }) => n.recordId === id).message.en).toContain('waiting for your decision');
    expect((await view(id)).history.some((h: { action: string }) => h.action === 'remind')).toBe(true);
  });

  it('sends the timeout event, moving the record on as the workflow', async () => {
    const id = await submitted('expiring');
    const done = await eventually(() => view(id), (v) => v.instance.state === 'refused');
    expect(done.instance).toMatchObject({ state: 'refused', status: 'done' });
    expect(done.history.at(-1)).toMatchObject({ action: 'transition', event: 'expire', actor: null });
    expect((await t.admin.get(`/api/records/claim/${id}`)).body._state).toBe('refused');
  });

  it('does nothing once the record has left the state before the timer fires', async () => {
    const id = await submitted('escalating');
    const task = (await clerk.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
    expect((await clerk.api.post(`/api/tasks/${task.id}/approve`, {})).body.decided).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await view(id);
    expect(after.instance.state).toBe('paid');
    expect(after.history.some((h: { action: string }) => h.action === 'escalate')).toBe(false);
    expect(after.tasks).toEqual([]);
  });
});
