import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { opportunityObject } from '../../fixtures/spec-workflows.ts';

// SPEC §5.5 end to end through HTTP with several logged-in users: submit, approval tasks in every
// mode, reject (also back to a named earlier state), recall, delegate, transitions, the queue, the
// record's workflow view, actions, versions, and exactly-once decisions.

const PASSWORD = 'Correct-horse-42';
let t: TestApp;

interface Person { id: string; api: ApiClient }
const people: Record<string, Person> = {};

const opportunity = opportunityObject;
const followUp = { titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'amount', type: 'number' }] };

const discountApproval = {
  name: 'discount_approval',
  object: 'opportunity',
  initial: 'draft',
  states: {
    draft: { on: { submit: 'manager_review' } },
    manager_review: {
      approval: { approvers: { managerOf: '_owner' }, mode: 'any', dueIn: 'P2D' },
      on: { approve: [{ target: 'finance_review', when: { discount: { $gt: 0.2 } } }, { target: 'approved' }], reject: 'draft' },
    },
    finance_review: { approval: { approvers: { role: 'finance' }, mode: 'all' }, on: { approve: 'approved', reject: 'manager_review' } },
    approved: {
      type: 'final',
      entry: [
        { set: { stage: 'won' } },
        { notify: { to: { field: '_owner' }, message: { en: 'Your discount was approved', 'zh-CN': '折扣已批准' } } },
        { createRecord: { object: 'follow_up', values: { title: 'Thank the customer', amount: { $field: 'amount' } } } },
      ],
    },
  },
};

async function addUser(name: string, roles: string[], manager?: string): Promise<Person> {
  const res = await t.admin.post('/api/admin/users', { username: name, password: PASSWORD, name, roles, ...(manager ? { manager } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(name, PASSWORD) };
}

async function newOpportunity(owner: Person, values: Record<string, unknown>): Promise<string> {
  const res = await owner.api.post('/api/records/opportunity', { stage: 'open', amount: 1000, ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

const openTasks = async (who: Person) => (await who.api.get('/api/tasks?status=open')).body;
const taskFor = async (who: Person, recordId: string) => (await openTasks(who)).data.find((k: { recordId: string }) => k.recordId === recordId);
const record = async (id: string) => (await t.admin.get(`/api/records/opportunity/${id}`)).body;
const view = async (who: Person, id: string) => (await who.api.get(`/api/records/opportunity/${id}/workflow`)).body;

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, def] of Object.entries({ opportunity, follow_up: followUp })) expect((await t.admin.put(`/api/meta/objects/${name}`, def)).status).toBe(201);
  const grant = { operations: ['read', 'create', 'update', 'submit', 'close'], states: { manager_review: { operations: ['read'] }, finance_review: { operations: ['read'] }, approved: { operations: ['read'] } } };
  await t.admin.put('/api/admin/roles/sales', { name: 'sales', objects: { opportunity: grant } });
  await t.admin.put('/api/admin/roles/finance', { name: 'finance', objects: { opportunity: { operations: ['read'] } } });
  await t.admin.put('/api/admin/roles/manager', { name: 'manager', objects: { opportunity: { operations: ['read'] } } });
  expect((await t.admin.put('/api/meta/workflows/discount_approval', discountApproval)).status).toBe(201);
  people.boss = await addUser('wf.boss', ['manager']);
  people.rep = await addUser('wf.rep', ['sales'], people.boss.id);
  people.rep2 = await addUser('wf.rep2', ['sales'], people.boss.id);
  people.fin1 = await addUser('wf.fin1', ['finance']);
  people.fin2 = await addUser('wf.fin2', ['finance']);
  people.outsider = await addUser('wf.outsider', ['manager']);
});
afterAll(() => t?.close());

describe('submit and approve', () => {
  it('moves a small discount from draft through the manager to approved, running the final state actions', async () => {
    const id = await newOpportunity(people.rep, { name: 'Small discount', discount: 0.1 });
    const submitted = await people.rep.api.post(`/api/records/opportunity/${id}/submit`, { comment: 'please' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ workflow: 'discount_approval', version: 1, state: 'manager_review', status: 'running' });
    expect((await record(id))._state).toBe('manager_review');

    // The status level: while in review the submitter can read but not change the record.
    const edit = await people.rep.api.patch(`/api/records/opportunity/${id}`, { _version: (await record(id))._version, amount: 5 });
    expect(edit.status).toBe(403);

    const task = await taskFor(people.boss, id);
    expect(task).toMatchObject({ workflow: 'discount_approval', object: 'opportunity', state: 'manager_review', title: 'Small discount', status: 'open' });
    expect(task.dueAt).not.toBeNull();
    const approved = await people.boss.api.post(`/api/tasks/${task.id}/approve`, { comment: 'fine' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ decided: true, instance: { state: 'approved', status: 'done' } });

    expect(await record(id)).toMatchObject({ _state: 'approved', stage: 'won' });
    const notes = (await people.rep.api.get('/api/notifications')).body;
    expect(notes.unread).toBeGreaterThanOrEqual(1);
    expect(notes.data[0]).toMatchObject({ message: { en: 'Your discount was approved' }, object: 'opportunity', recordId: id });
    expect((await people.rep.api.post('/api/notifications/read', { all: true })).body).toEqual({ unread: 0 });
    const followUps = (await t.admin.get(`/api/records/follow_up?filter=${encodeURIComponent(JSON.stringify({ title: { $eq: 'Thank the customer' } }))}`)).body.data;
    expect(followUps.some((f: { amount: number; _owner: string }) => f.amount === 1000 && f._owner === people.rep.id)).toBe(true);

    const v = await view(people.rep, id);
    expect(v.instance).toMatchObject({ workflow: 'discount_approval', version: 1, state: 'approved', status: 'done', submittedBy: people.rep.id });
    expect(v.history.map((h: { action: string; from: string | null; to: string | null }) => [h.action, h.from, h.to])).toEqual([
      ['submit', null, 'draft'],
      ['submit', 'draft', 'manager_review'],
      ['approve', 'manager_review', 'manager_review'],
      ['transition', 'manager_review', 'approved'],
    ]);
    expect(v.history[2]).toMatchObject({ actor: { id: people.boss.id }, comment: 'fine' });
    expect(v.graph.current).toBe('approved');
    expect(v.tasks).toEqual([]);
  });

  it('sends a large discount on to finance, where both must countersign', async () => {
    const id = await newOpportunity(people.rep, { name: 'Large discount', discount: 0.3 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, id)).id}/approve`, {});
    expect((await record(id))._state).toBe('finance_review');

    const first = await people.fin1.api.post(`/api/tasks/${(await taskFor(people.fin1, id)).id}/approve`, {});
    expect(first.body).toMatchObject({ decided: false, instance: { state: 'finance_review' } });
    expect((await record(id))._state).toBe('finance_review');
    const second = await people.fin2.api.post(`/api/tasks/${(await taskFor(people.fin2, id)).id}/approve`, {});
    expect(second.body).toMatchObject({ decided: true, instance: { state: 'approved' } });
  });

  it('lets one countersigner reject for all, back to the state the definition names', async () => {
    const id = await newOpportunity(people.rep, { name: 'Rejected by finance', discount: 0.5 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, id)).id}/approve`, {});
    const fin2Task = await taskFor(people.fin2, id);
    const rejected = await people.fin1.api.post(`/api/tasks/${(await taskFor(people.fin1, id)).id}/reject`, { comment: 'too much' });
    expect(rejected.body).toMatchObject({ decided: true, instance: { state: 'manager_review' } });
    const late = await people.fin2.api.post(`/api/tasks/${fin2Task.id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONFLICT');
    // Back in the manager's queue; rejecting to a named earlier state skips the definition's target.
    const back = await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, id)).id}/reject`, { to: 'draft' });
    expect(back.body).toMatchObject({ decided: true, instance: { state: 'draft', status: 'running' } });
    const notVisited = await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    expect(notVisited.status).toBe(409);
  });

  it('refuses to reject back to a state the record never passed through', async () => {
    const id = await newOpportunity(people.rep, { name: 'Bad reject target', discount: 0.1 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    const task = await taskFor(people.boss, id);
    const res = await people.boss.api.post(`/api/tasks/${task.id}/reject`, { to: 'finance_review' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('/to');
    expect((await taskFor(people.boss, id)).id).toBe(task.id);
  });
});

describe('who may act', () => {
  it('needs the submit operation, one running instance per record, and an active workflow', async () => {
    const id = await newOpportunity(people.rep, { name: 'Submit rules', discount: 0.1 });
    expect((await people.fin1.api.post(`/api/records/opportunity/${id}/submit`, {})).status).toBe(403);
    expect((await people.rep.api.post(`/api/records/opportunity/${id}/submit`, { workflow: 'nope' })).status).toBe(422);
    expect((await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {})).status).toBe(200);
    // In review the sales role may only read (status level); an administrator meets the running instance.
    expect((await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {})).status).toBe(403);
    const twice = await t.admin.post(`/api/records/opportunity/${id}/submit`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('already in the workflow');
  });

  it('hides tasks from everyone but their assignee', async () => {
    const id = await newOpportunity(people.rep, { name: 'Not yours', discount: 0.1 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    const task = await taskFor(people.boss, id);
    const res = await people.outsider.api.post(`/api/tasks/${task.id}/approve`, {});
    expect(res.status).toBe(404);
    expect((await people.outsider.api.post('/api/tasks/99999999/approve', {})).status).toBe(404);
    expect((await people.outsider.api.post('/api/tasks/abc/approve', {})).status).toBe(404);
  });

  it('refuses to submit when the approvers resolve to nobody, changing nothing', async () => {
    const orphan = await addUser('wf.orphan', ['sales']);
    const id = await newOpportunity(orphan, { name: 'No manager', discount: 0.1 });
    const res = await orphan.api.post(`/api/records/opportunity/${id}/submit`, {});
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('Nobody can approve');
    expect((await record(id))._state).toBeNull();
    expect((await view(orphan, id)).instance).toBeNull();
  });
});

describe('recall, delegate and transitions', () => {
  it('lets the submitter recall until someone decides, and nobody else', async () => {
    const id = await newOpportunity(people.rep, { name: 'Recall me', discount: 0.1 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    expect((await people.rep2.api.post(`/api/records/opportunity/${id}/recall`, {})).status).toBe(403);
    const recalled = await people.rep.api.post(`/api/records/opportunity/${id}/recall`, { comment: 'wrong numbers' });
    expect(recalled.body).toMatchObject({ status: 'recalled' });
    expect((await record(id))._state).toBeNull();
    expect(await taskFor(people.boss, id)).toBeUndefined();

    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, id)).id}/reject`, {});
    expect((await record(id))._state).toBe('draft');
    const late = await people.rep.api.post(`/api/records/opportunity/${id}/recall`, {});
    expect(late.status).toBe(409);
  });

  it('passes a task to a delegate, records it, and leaves the delegator nothing to decide', async () => {
    const id = await newOpportunity(people.rep, { name: 'Delegated', discount: 0.1 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    const task = await taskFor(people.boss, id);
    expect((await people.boss.api.post(`/api/tasks/${task.id}/delegate`, { to: people.boss.id })).status).toBe(422);
    const delegated = await people.boss.api.post(`/api/tasks/${task.id}/delegate`, { to: people.outsider.id, comment: 'on holiday' });
    expect(delegated.status, JSON.stringify(delegated.body)).toBe(200);
    expect((await people.boss.api.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(409);
    const theirs = await taskFor(people.outsider, id);
    expect(theirs).toMatchObject({ delegatedFrom: people.boss.id });
    expect((await people.outsider.api.post(`/api/tasks/${theirs.id}/approve`, {})).body).toMatchObject({ decided: true });
    const done = (await people.boss.api.get('/api/tasks?status=done')).body;
    expect(done.data.some((k: { id: string; status: string }) => k.id === task.id && k.status === 'delegated')).toBe(true);
    expect((await view(people.rep, id)).history.some((h: { action: string; comment: string }) => h.action === 'delegate' && h.comment === 'on holiday')).toBe(true);
  });

  it('takes a non-approval event with the operation of its name, and refuses decisions and unknown events', async () => {
    const closing = {
      name: 'closing', object: 'follow_up', initial: 'open',
      states: { open: { on: { close: 'closed' } }, closed: { type: 'final' } },
    };
    expect((await t.admin.put('/api/meta/workflows/closing', closing)).status).toBe(201);
    await t.admin.put('/api/admin/roles/closer', { name: 'closer', objects: { follow_up: { operations: ['read', 'create', 'submit', 'close'] } } });
    await t.admin.put('/api/admin/roles/opener', { name: 'opener', objects: { follow_up: { operations: ['read', 'create', 'submit'] } } });
    const closer = await addUser('wf.closer', ['closer']);
    const opener = await addUser('wf.opener', ['opener']);
    const id = String((await opener.api.post('/api/records/follow_up', { title: 'Call back' })).body.id);
    expect((await opener.api.post(`/api/records/follow_up/${id}/submit`, {})).body).toMatchObject({ state: 'open' });
    expect((await opener.api.post(`/api/records/follow_up/${id}/transition`, { event: 'close' })).status).toBe(403);
    expect((await closer.api.post(`/api/records/follow_up/${id}/transition`, { event: 'approve' })).status).toBe(409);
    expect((await closer.api.post(`/api/records/follow_up/${id}/transition`, { event: 'close' })).body).toMatchObject({ state: 'closed', status: 'done' });
    expect((await closer.api.post(`/api/records/follow_up/${id}/transition`, { event: 'close' })).status).toBe(409);
  });
});

describe('modes and concurrency', () => {
  it('decides a percent vote once enough approve, and rejects once it can no longer pass', async () => {
    const vote = {
      name: 'board_vote', object: 'follow_up', initial: 'voting',
      states: {
        voting: { approval: { approvers: { role: 'finance' }, mode: { percent: 60 } }, on: { approve: 'passed', reject: 'failed' } },
        passed: { type: 'final' },
        failed: { type: 'final' },
      },
    };
    expect((await t.admin.put('/api/meta/workflows/board_vote', vote)).status).toBe(201);
    const fin3 = await addUser('wf.fin3', ['finance']);
    const submit = async () => {
      const id = String((await t.admin.post('/api/records/follow_up', { title: 'Budget' })).body.id);
      expect((await t.admin.post(`/api/records/follow_up/${id}/submit`, { workflow: 'board_vote' })).status).toBe(200);
      return id;
    };
    const yes = await submit();
    expect((await people.fin1.api.post(`/api/tasks/${(await taskFor(people.fin1, yes)).id}/approve`, {})).body.decided).toBe(false);
    expect((await people.fin2.api.post(`/api/tasks/${(await taskFor(people.fin2, yes)).id}/approve`, {})).body).toMatchObject({ decided: true, instance: { state: 'passed' } });
    expect(await taskFor(fin3, yes)).toBeUndefined();

    const no = await submit();
    expect((await people.fin1.api.post(`/api/tasks/${(await taskFor(people.fin1, no)).id}/reject`, {})).body.decided).toBe(false);
    expect((await fin3.api.post(`/api/tasks/${(await taskFor(fin3, no)).id}/reject`, {})).body).toMatchObject({ decided: true, instance: { state: 'failed' } });
  });

  it('lets exactly one of two approvers deciding at the same moment win; the other gets 409', async () => {
    const race = {
      name: 'race', object: 'follow_up', initial: 'review',
      states: { review: { approval: { approvers: { role: 'finance' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } }, done: { type: 'final' } },
    };
    expect((await t.admin.put('/api/meta/workflows/race', race)).status).toBe(201);
    for (let round = 0; round < 5; round++) {
      const id = String((await t.admin.post('/api/records/follow_up', { title: `Race ${round}` })).body.id);
      expect((await t.admin.post(`/api/records/follow_up/${id}/submit`, { workflow: 'race' })).status).toBe(200);
      const [a, b] = await Promise.all([taskFor(people.fin1, id), taskFor(people.fin2, id)]);
      const answers = await Promise.all([people.fin1.api.post(`/api/tasks/${a.id}/approve`, {}), people.fin2.api.post(`/api/tasks/${b.id}/reject`, {})]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const history = (await t.admin.get(`/api/records/follow_up/${id}/workflow`)).body.history;
      expect(history.filter((h: { action: string }) => h.action === 'transition')).toHaveLength(1);
    }
  });
});

describe('versions', () => {
  it('keeps a running instance on the version it started with', async () => {
    const id = await newOpportunity(people.rep, { name: 'Old version', discount: 0.5 });
    await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {});
    // Version 2 sends only discounts above 60 % to finance.
    const v2 = {
      ...discountApproval,
      states: {
        ...discountApproval.states,
        manager_review: { ...discountApproval.states.manager_review, on: { approve: [{ target: 'finance_review', when: { discount: { $gt: 0.6 } } }, { target: 'approved' }], reject: 'draft' } },
      },
    };
    expect((await t.admin.put('/api/meta/workflows/discount_approval', v2)).body.version).toBe(2);
    await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, id)).id}/approve`, {});
    expect((await record(id))._state).toBe('finance_review');
    const fresh = await newOpportunity(people.rep, { name: 'New version', discount: 0.5 });
    expect((await people.rep.api.post(`/api/records/opportunity/${fresh}/submit`, {})).body.version).toBe(2);
    await people.boss.api.post(`/api/tasks/${(await taskFor(people.boss, fresh)).id}/approve`, {});
    expect((await record(fresh))._state).toBe('approved');

    expect((await t.admin.put('/api/meta/workflows/discount_approval', { ...v2, active: false })).status).toBe(200);
    const inactive = await newOpportunity(people.rep, { name: 'Inactive', discount: 0.1 });
    expect((await people.rep.api.post(`/api/records/opportunity/${inactive}/submit`, {})).status).toBe(409);
  });
});

describe('metrics', () => {
  it('reports the workflow compile cache to administrators only', async () => {
    const res = await t.admin.get('/api/admin/metrics');
    expect(res.status).toBe(200);
    expect(res.body.workflowCompileCache.hits).toBeGreaterThan(0);
    expect(res.body.workflowCompileCache.hitRate).toBeGreaterThan(0.5);
    expect((await people.rep.api.get('/api/admin/metrics')).status).toBe(403);
  });
});
