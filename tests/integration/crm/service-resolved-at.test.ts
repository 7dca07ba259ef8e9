import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';
import { recordTable } from '../../../platform/src/metadata/naming.ts';

// A service request's resolved_at follows its status, so the SLA formula stops counting once it is resolved.

let t: TestApp;
let agent: ApiClient;

const read = async (id: string) => (await t.admin.get(`/api/records/service_request/${id}`)).body;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'crm' }] });
  const office = await t.admin.post('/api/admin/departments', { name: 'Service desk' });
  const user = await t.admin.post('/api/admin/users', { username: 'sr.agent', password: PASSWORD, name: 'Agent', roles: ['service_agent'], department: String(office.body.id) });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  agent = await t.login('sr.agent', PASSWORD);
});
afterAll(() => t?.close());

async function overdueRequest(subject: string): Promise<Record<string, any>> {
  const res = await agent.post('/api/records/service_request', { subject, kind: 'complaint', sla_hours: 1 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // Created two hours ago, so its one-hour SLA has passed unless it was resolved in time.
  await t.tessera.db(recordTable('service_request')).where({ id: res.body.id }).update({ _created_at: t.tessera.db.raw("now() - interval '2 hours'") });
  return res.body;
}

describe('service request resolved_at (issue 12 item 13)', () => {
  it('is set when the handling workflow resolves the request, and the SLA formula stops counting', async () => {
    const request = await overdueRequest('Late delivery');
    expect((await agent.post(`/api/records/service_request/${request.id}/submit`, {})).status).toBe(200);
    const task = (await agent.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === request.id);
    const before = Date.now();
    expect((await agent.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(200);
    const resolved = await read(request.id);
    expect(resolved).toMatchObject({ _state: 'resolved', status: 'resolved' });
    expect(Date.parse(resolved.resolved_at)).toBeGreaterThanOrEqual(before - 5000);
    // Resolved after its due time: breached, and it stays breached however long ago that was (not "now > due").
    expect(resolved.sla_breached).toBe(true);
  });

  it('is set when the status is changed to closed, kept while closed, and cleared on reopening', async () => {
    const request = await overdueRequest('Invoice question');
    await t.tessera.db(recordTable('service_request')).where({ id: request.id }).update({ _created_at: t.tessera.db.raw('now()') });
    let current = await read(request.id);
    expect(current.resolved_at).toBeNull();
    // 'resolved' is the handling workflow's to set after approval (docs/workflows.md, "Values a workflow owns").
    const refused = await agent.patch(`/api/records/service_request/${request.id}`, { status: 'resolved', _version: current._version });
    expect(refused.status).toBe(403);
    let res = await agent.patch(`/api/records/service_request/${request.id}`, { status: 'closed', _version: current._version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const firstResolved = res.body.resolved_at;
    expect(firstResolved).toEqual(expect.any(String));
    expect(res.body.sla_breached).toBe(false);

    res = await agent.patch(`/api/records/service_request/${request.id}`, { subject: 'Invoice question (answered)', _version: res.body._version });
    expect(res.status).toBe(200);
    expect(res.body.resolved_at).toBe(firstResolved);

    res = await agent.patch(`/api/records/service_request/${request.id}`, { status: 'in_progress', _version: res.body._version });
    expect(res.status).toBe(200);
    expect(res.body.resolved_at).toBeNull();

    current = await read(request.id);
    res = await agent.patch(`/api/records/service_request/${request.id}`, { status: 'closed', _version: current._version });
    expect(res.body.resolved_at).toEqual(expect.any(String));
  });

  it('keeps a resolved_at the writer gives, and stamps a request created already resolved', async () => {
    const given = '2026-01-02T03:04:05.000Z';
    const res = await agent.post('/api/records/service_request', { subject: 'Logged after the call', kind: 'enquiry', status: 'resolved', resolved_at: given });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.resolved_at).toBe(given);
    const stamped = await agent.post('/api/records/service_request', { subject: 'Solved on the phone', kind: 'enquiry', status: 'closed' });
    expect(stamped.body.resolved_at).toEqual(expect.any(String));
  });
});
