import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson } from '../helpers/people.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Issue 17 item 2: "a state owned by a workflow cannot be dragged past its approval". A value that a
// workflow's `set` actions write only after an approval (a ticket's `resolved`) cannot be given by a
// person's update, whatever the screen (a kanban drag, a form, the API); the workflow still sets it.

let t: TestApp;
let agent: { id: string; api: ApiClient };
let lead: { id: string; api: ApiClient };

const ticketObject = {
  label: { en: 'Ticket', 'zh-CN': '工单' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true },
    {
      name: 'status', type: 'enum', default: 'open', label: { en: 'Status', 'zh-CN': '状态' },
      options: [
        { value: 'open', label: { en: 'Open', 'zh-CN': '待处理' } },
        { value: 'in_progress', label: { en: 'In progress', 'zh-CN': '处理中' } },
        { value: 'resolved', label: { en: 'Resolved', 'zh-CN': '已解决' } },
        { value: 'closed', label: { en: 'Closed', 'zh-CN': '已关闭' } },
      ],
    },
  ],
};

const ticketHandling = {
  name: 'ticket_handling', object: 'ticket', initial: 'open', label: { en: 'Ticket handling', 'zh-CN': '工单处理' },
  states: {
    open: { entry: [{ set: { status: 'open' } }], on: { submit: 'handling' } },
    handling: {
      entry: [{ set: { status: 'in_progress' } }],
      approval: { approvers: { managerOf: '_owner' } },
      on: { approve: 'resolved', reject: 'open' },
    },
    resolved: { label: { en: 'Resolved', 'zh-CN': '已解决' }, type: 'final', entry: [{ set: { status: 'resolved' } }] },
  },
};

const newTicket = async () => String((await agent.api.post('/api/records/ticket', { title: 'Printer jam' })).body.id);
const read = async (id: string) => (await agent.api.get(`/api/records/ticket/${id}`)).body;

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/ticket', ticketObject)).status).toBe(201);
  await t.admin.put('/api/admin/roles/ticket_agent', { name: 'ticket_agent', objects: { ticket: { operations: ['read', 'create', 'update', 'submit'] } } });
  const put = await t.admin.put('/api/meta/workflows/ticket_handling', ticketHandling);
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  lead = await addPerson(t, 'wo.lead', ['ticket_agent']);
  agent = await addPerson(t, 'wo.agent', ['ticket_agent'], lead.id);
});
afterAll(() => t?.close());

describe('values a workflow owns (issue 17 item 2)', () => {
  it('refuses a direct update to a value only the workflow sets after approval, naming the workflow, and changes nothing', async () => {
    const id = await newTicket();
    const before = await read(id);
    const res = await agent.api.patch(`/api/records/ticket/${id}`, { status: 'resolved', _version: before._version });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: "Status becomes 'Resolved' only through the workflow 'Ticket handling' (its state 'Resolved', after approval); submit the record to the workflow instead of changing the field.",
      details: [{ path: '/status', message: "set only by the workflow 'Ticket handling' after approval (state 'Resolved')", workflow: 'ticket_handling', state: 'resolved' }],
    });
    expect(await read(id)).toMatchObject({ status: 'open', _version: before._version });
  });

  it('says so in Chinese', async () => {
    const id = await newTicket();
    const res = await agent.api.raw(`/api/records/ticket/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ status: 'resolved', _version: (await read(id))._version }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('状态只能经工作流“工单处理”审批后（状态“已解决”）变为“已解决”；请提交该工作流，而不是直接修改此字段。');
  });

  it('lets a person set values the workflow also sets before any approval, and values it never sets', async () => {
    const id = await newTicket();
    const moved = await agent.api.patch(`/api/records/ticket/${id}`, { status: 'in_progress', _version: (await read(id))._version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const closed = await agent.api.patch(`/api/records/ticket/${id}`, { status: 'closed', _version: moved.body._version });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await read(id)).status).toBe('closed');
  });

  it('still lets the workflow set it on approval, and a record already there keeps it on another change', async () => {
    const id = await newTicket();
    expect((await agent.api.post(`/api/records/ticket/${id}/submit`, {})).status).toBe(200);
    const task = (await lead.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
    const decided = await lead.api.post(`/api/tasks/${task.id}/approve`, {});
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const resolved = await read(id);
    expect(resolved.status).toBe('resolved');
    const renamed = await agent.api.patch(`/api/records/ticket/${id}`, { title: 'Printer jam (fixed)', status: 'resolved', _version: resolved._version });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
  });

  it('does not hold a superuser, as locked states do not', async () => {
    const id = await newTicket();
    const res = await t.admin.patch(`/api/records/ticket/${id}`, { status: 'resolved', _version: (await read(id))._version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('what a client is told about values a workflow owns', () => {
  it('lists them in the object access answer for a person held by them, not for a superuser', async () => {
    const mine = await agent.api.get('/api/permissions/mine/ticket');
    expect(mine.body.workflowOwned).toEqual([{
      field: 'status', value: 'resolved',
      workflow: { name: 'ticket_handling', label: { en: 'Ticket handling', 'zh-CN': '工单处理' } },
      state: { name: 'resolved', label: { en: 'Resolved', 'zh-CN': '已解决' } },
    }]);
    expect((await t.admin.get('/api/permissions/mine/ticket')).body.workflowOwned).toEqual([]);
  });
});
