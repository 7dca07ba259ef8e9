import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { discountApproval, opportunityObject } from '../../fixtures/spec-workflows.ts';

// SPEC §5.5 workflow definitions through HTTP: validation, versions, the machine as a graph, and
// the consistency between workflows, objects and roles.

let t: TestApp;

const opportunity = opportunityObject;

const paths = (body: { error: { details?: { path: string }[] } }) => (body.error.details ?? []).map((d) => d.path);

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/opportunity', opportunity)).status).toBe(201);
  for (const name of ['sales_director', 'finance']) {
    expect((await t.admin.put(`/api/admin/roles/${name}`, { name, objects: { opportunity: { operations: ['read', 'approve'] } } })).status).toBe(201);
  }
});
afterAll(() => t?.close());

describe('PUT /api/meta/workflows/:name', () => {
  it('stores the SPEC example as version 1 and answers it with its graph', async () => {
    const res = await t.admin.put('/api/meta/workflows/discount_approval', discountApproval);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ ...discountApproval, version: 1 });
    expect(res.body.graph.nodes).toEqual(expect.arrayContaining([
      { id: 'draft', label: null, initial: true, final: false, approval: false },
      { id: 'approved', label: null, initial: false, final: true, approval: false },
    ]));
    expect(res.body.graph.edges).toEqual(expect.arrayContaining([
      { from: 'manager_review', to: 'finance_review', event: 'approve', label: null, guarded: true },
      { from: 'manager_review', to: 'approved', event: 'approve', label: null, guarded: false },
      { from: 'finance_review', to: 'manager_review', event: 'reject', label: null, guarded: false },
    ]));
  });

  it('keeps every version: a change is version 2, version 1 stays readable, the list shows the latest', async () => {
    const changed = { ...discountApproval, label: { en: 'Discount approval', 'zh-CN': '折扣审批' } };
    const res = await t.admin.put('/api/meta/workflows/discount_approval', changed);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const v1 = await t.admin.get('/api/meta/workflows/discount_approval/versions/1');
    expect(v1.status).toBe(200);
    expect(v1.body.label).toBeUndefined();
    const versions = await t.admin.get('/api/meta/workflows/discount_approval/versions');
    expect(versions.body.data.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([[2, 'update'], [1, 'create']]);
    const list = await t.admin.get('/api/meta/workflows');
    expect(list.body.data).toEqual([expect.objectContaining({ name: 'discount_approval', object: 'opportunity', active: true, version: 2 })]);
    expect((await t.admin.get('/api/meta/workflows/discount_approval/versions/9')).status).toBe(404);
  });

  it('deactivates a workflow with a new version', async () => {
    const res = await t.admin.put('/api/meta/workflows/discount_approval', { ...discountApproval, active: false });
    expect(res.status).toBe(200);
    expect((await t.admin.get('/api/meta/workflows')).body.data[0]).toMatchObject({ active: false, version: 3 });
    expect((await t.admin.put('/api/meta/workflows/discount_approval', discountApproval)).body.version).toBe(4);
  });

  it('refuses an invalid definition with JSON pointers and stores nothing', async () => {
    const bad = {
      ...discountApproval,
      name: 'broken',
      states: {
        ...discountApproval.states,
        draft: { on: { submit: 'nowhere' } },
        manager_review: { ...discountApproval.states.manager_review, approval: { approvers: { role: 'nobody' } }, on: { approve: [{ target: 'approved', when: { margin: { $gt: 1 } } }], reject: 'draft' } },
        orphan: { on: { go: 'approved' } },
        approved: { type: 'final', entry: [{ set: { stage: 'lost_forever' } }] },
      },
    };
    const res = await t.admin.put('/api/meta/workflows/broken', bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toEqual(expect.arrayContaining([
      '/states/draft/on/submit',
      '/states/manager_review/approval/approvers/role',
      '/states/manager_review/on/approve/0/when/margin',
      '/states/orphan',
      '/states/approved/entry/0/set/stage',
    ]));
    expect((await t.admin.get('/api/meta/workflows/broken')).status).toBe(404);

    const schema = await t.admin.put('/api/meta/workflows/broken', { ...discountApproval, name: 'broken', states: { Draft: {} }, extra: 1 });
    expect(schema.status).toBe(422);
    expect(paths(schema.body)).toEqual(expect.arrayContaining(['/states/Draft', '/extra']));
  });

  it('names events by the labels the workflow gives them, on the graph of every version', async () => {
    const events = { submit: { label: { en: 'Ask for the discount', 'zh-CN': '申请折扣' } } };
    const res = await t.admin.put('/api/meta/workflows/labelled_events', { ...discountApproval, name: 'labelled_events', events });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.events).toEqual(events);
    const stored = await t.admin.get('/api/meta/workflows/labelled_events');
    expect(stored.body.graph.edges).toEqual(expect.arrayContaining([{ from: 'draft', to: 'manager_review', event: 'submit', label: events.submit.label, guarded: false }]));
    expect(stored.body.graph.edges.filter((e: { event: string }) => e.event !== 'submit').every((e: { label: unknown }) => e.label === null)).toBe(true);
  });

  it('refuses a label for an event no transition sends, in the caller\'s language, and stores nothing', async () => {
    const put = async (events: unknown, language: string) => {
      const res = await t.admin.raw('/api/meta/workflows/stray_event', { method: 'PUT', headers: { 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify({ ...discountApproval, name: 'stray_event', events }) });
      return { status: res.status, body: (await res.json()) as { error: { details?: { path: string; message: string }[] } } };
    };
    const empty = await put({ submit: { label: {} } }, 'en');
    expect(empty.status).toBe(422);
    expect(paths(empty.body)).toContain('/events/submit/label');

    const unused = { escalate: { label: { en: 'Escalate' } } };
    const en = await put(unused, 'en');
    expect(en.status).toBe(422);
    expect(en.body.error.details).toEqual([{ path: '/events/escalate', message: "the event 'escalate' is not sent by any transition" }]);
    const zh = await put(unused, 'zh-CN');
    expect(zh.body.error.details).toEqual([{ path: '/events/escalate', message: '没有任何流转使用事件“escalate”' }]);
    expect((await t.admin.get('/api/meta/workflows/stray_event')).status).toBe(404);
  });

  it('refuses an unknown user as approver, a changed object, and a name that differs from the address', async () => {
    const withUser = { ...discountApproval, name: 'by_user', states: { ...discountApproval.states, finance_review: { ...discountApproval.states.finance_review, approval: { approvers: [{ role: 'finance' }, { user: '999999' }] } } } };
    const res = await t.admin.put('/api/meta/workflows/by_user', withUser);
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['/states/finance_review/approval/approvers/1/user']);

    expect((await t.admin.put('/api/meta/objects/deal', opportunity)).status).toBe(201);
    const moved = await t.admin.put('/api/meta/workflows/discount_approval', { ...discountApproval, object: 'deal' });
    expect(moved.status).toBe(409);
    expect(paths(moved.body)).toEqual(['/object']);

    const renamed = await t.admin.put('/api/meta/workflows/discount_approval', { ...discountApproval, name: 'other' });
    expect(renamed.status).toBe(422);
  });

  it('is readable by every user and changeable only by administrators', async () => {
    await t.admin.post('/api/admin/users', { username: 'wf.reader', password: 'Correct-horse-42', name: 'Reader', roles: [] });
    const reader = await t.login('wf.reader', 'Correct-horse-42');
    expect((await reader.get('/api/meta/workflows/discount_approval')).status).toBe(200);
    const put = await reader.put('/api/meta/workflows/discount_approval', discountApproval);
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('FORBIDDEN');
  });
});

describe('workflows, objects and roles stay consistent', () => {
  it('refuses removing a field a condition or action uses, deleting the object, and deleting an approver role', async () => {
    const withoutDiscount = await t.admin.put('/api/meta/objects/opportunity', { ...opportunity, fields: opportunity.fields.filter((f) => f.name !== 'discount') });
    expect(withoutDiscount.status).toBe(409);
    expect(paths(withoutDiscount.body)).toContain('/workflows/discount_approval/states/manager_review/on/approve/0/when/discount');
    expect((await t.admin.delete('/api/meta/objects/opportunity')).status).toBe(409);
    const role = await t.admin.delete('/api/admin/roles/finance');
    expect(role.status).toBe(409);
    expect(role.body.error.message).toContain('discount_approval');
  });
});
