import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { opportunityObject } from '../../fixtures/spec-workflows.ts';

// Issue 17, item 4: a rejection tells the submitter who rejected, where and why (at every step, and
// back to an earlier step); a countersign tells the approvers still pending who decided and whom it
// waits for, and their task cards list the round's approvers; every notification names its object
// and record, with the record's title read through the reader's scope.

const PASSWORD = 'Correct-horse-42';
let t: TestApp;

interface Person { id: string; api: ApiClient }
const people: Record<string, Person> = {};

const workflow = {
  name: 'discount_approval',
  object: 'opportunity',
  initial: 'draft',
  states: {
    draft: { label: { en: 'Draft', 'zh-CN': '草稿' }, on: { submit: 'manager_review' } },
    manager_review: {
      label: { en: 'Manager review', 'zh-CN': '经理审批' },
      approval: { approvers: { managerOf: '_owner' } },
      on: { approve: [{ target: 'finance_review', when: { discount: { $gt: 0.2 } } }, { target: 'approved' }], reject: 'draft' },
    },
    finance_review: {
      label: { en: 'Finance review', 'zh-CN': '财务审批' },
      approval: { approvers: { role: 'finance' }, mode: 'all' },
      on: { approve: 'board_vote', reject: 'manager_review' },
    },
    board_vote: { approval: { approvers: { role: 'board' }, mode: { percent: 60 } }, on: { approve: 'approved', reject: 'rejected' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
  },
};

interface Note { text: string; message: { en: string; 'zh-CN': string }; object: string; objectLabel: string; recordId: string; title: string | null; readable: boolean; readAt: string | null }
interface Person2 { id: string; name: string }
interface Task { id: string; recordId: string; round: { mode: string; percent: number | null; approved: Person2[]; rejected: Person2[]; pending: Person2[] } | null }

async function addUser(name: string, display: string, roles: string[], manager?: string): Promise<Person> {
  const res = await t.admin.post('/api/admin/users', { username: name, password: PASSWORD, name: display, roles, ...(manager ? { manager } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(name, PASSWORD) };
}

const taskFor = async (who: Person, recordId: string): Promise<Task> => (await who.api.get('/api/tasks?status=open')).body.data.find((k: Task) => k.recordId === recordId);
const decide = async (who: Person, recordId: string, decision: 'approve' | 'reject', body: Record<string, unknown> = {}) => {
  const res = await who.api.post(`/api/tasks/${(await taskFor(who, recordId)).id}/${decision}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const notesAbout = async (who: Person, recordId: string, lang = 'en'): Promise<Note[]> => {
  const res = await who.api.raw('/api/notifications', { headers: { 'accept-language': lang } });
  const body = (await res.json()) as { data: Note[] };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.data.filter((n: Note) => n.recordId === recordId);
};

async function submitted(name: string, discount: number): Promise<string> {
  const res = await people.rep.api.post('/api/records/opportunity', { name, discount, stage: 'open', amount: 1000 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = String(res.body.id);
  expect((await people.rep.api.post(`/api/records/opportunity/${id}/submit`, {})).status).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/opportunity', { ...opportunityObject, label: { en: 'Opportunity', 'zh-CN': '商机' } })).status).toBe(201);
  const review = { operations: ['read'] };
  await t.admin.put('/api/admin/roles/sales', { name: 'sales', objects: { opportunity: { operations: ['read', 'create', 'update', 'submit'], scope: { read: 'own', update: 'own' } } } });
  await t.admin.put('/api/admin/roles/finance', { name: 'finance', objects: { opportunity: review } });
  await t.admin.put('/api/admin/roles/board', { name: 'board', objects: {} });
  await t.admin.put('/api/admin/roles/manager', { name: 'manager', objects: { opportunity: review } });
  expect((await t.admin.put('/api/meta/workflows/discount_approval', workflow)).status).toBe(201);
  people.boss = await addUser('dn.boss', 'Bea Boss', ['manager']);
  people.rep = await addUser('dn.rep', 'Rita Rep', ['sales'], people.boss.id);
  people.fin1 = await addUser('dn.fin1', 'Fay Finance', ['finance']);
  people.fin2 = await addUser('dn.fin2', 'Fred Finance', ['finance']);
  people.fin3 = await addUser('dn.fin3', 'Flo Finance', ['finance']);
  people.board1 = await addUser('dn.board1', 'Bo Board', ['board']);
  people.board2 = await addUser('dn.board2', 'Bill Board', ['board']);
  people.board3 = await addUser('dn.board3', 'Ben Board', ['board']);
});
afterAll(() => t?.close());

describe('a rejection notifies the submitter', () => {
  it('at the first step: who rejected, where and the comment, naming the record by object label and title', async () => {
    const id = await submitted('Small discount', 0.1);
    await decide(people.boss, id, 'reject', { comment: 'Price too low' });
    const [note] = await notesAbout(people.rep, id);
    expect(note).toMatchObject({
      text: 'Bea Boss rejected it at "Manager review" and sent it back to "Draft": Price too low',
      object: 'opportunity', objectLabel: 'Opportunity', recordId: id, title: 'Small discount', readable: true, readAt: null,
    });
    const [zh] = await notesAbout(people.rep, id, 'zh-CN');
    expect(zh).toMatchObject({ text: 'Bea Boss在“经理审批”驳回了它，退回到“草稿”：Price too low', objectLabel: '商机' });
  });

  it('at a countersign step, by one of its approvers, back to the step the definition names', async () => {
    const id = await submitted('Large discount', 0.3);
    await decide(people.boss, id, 'approve');
    await decide(people.fin2, id, 'reject', { comment: 'Margin' });
    const [note] = await notesAbout(people.rep, id);
    expect(note.text).toBe('Fred Finance rejected it at "Finance review" and sent it back to "Manager review": Margin');
  });

  it('back to an earlier step named by the approver, and at a step that ends the workflow', async () => {
    const back = await submitted('Sent back to draft', 0.3);
    await decide(people.boss, back, 'approve');
    await decide(people.fin1, back, 'reject', { to: 'draft' });
    expect((await notesAbout(people.rep, back))[0].text).toBe('Fay Finance rejected it at "Finance review" and sent it back to "Draft".');

    const voted = await submitted('Voted down', 0.3);
    await decide(people.boss, voted, 'approve');
    for (const fin of [people.fin1, people.fin2, people.fin3]) await decide(fin, voted, 'approve');
    await decide(people.board1, voted, 'reject', { comment: 'No' });
    await decide(people.board2, voted, 'reject', { comment: 'Too risky' });
    const [last] = await notesAbout(people.rep, voted);
    expect(last.text).toBe('Bill Board rejected it at "Board vote": Too risky');
    // A state without a label reads as its name made readable in Chinese too, never as `board_vote`.
    const [zhLast] = await notesAbout(people.rep, voted, 'zh-CN');
    expect(zhLast.text).toBe('Bill Board在“Board vote”驳回了它：Too risky');
  });
});

describe('a countersign tells the approvers still pending', () => {
  it('notifies the others after each decision and lists approved and pending approvers on their cards', async () => {
    const id = await submitted('Countersigned', 0.4);
    await decide(people.boss, id, 'approve');
    const before = await taskFor(people.fin3, id);
    expect(before.round).toEqual({ mode: 'all', percent: null, approved: [], rejected: [], pending: [
      { id: people.fin1.id, name: 'Fay Finance' }, { id: people.fin2.id, name: 'Fred Finance' }, { id: people.fin3.id, name: 'Flo Finance' },
    ] });

    expect((await decide(people.fin1, id, 'approve')).decided).toBe(false);
    for (const fin of [people.fin2, people.fin3]) {
      const [note] = await notesAbout(fin, id);
      expect(note).toMatchObject({ text: 'Fay Finance approved at "Finance review"; still waiting for Fred Finance, Flo Finance.', objectLabel: 'Opportunity', title: 'Countersigned', readable: true });
    }
    expect(await notesAbout(people.fin1, id)).toEqual([]);
    const [zh] = await notesAbout(people.fin3, id, 'zh-CN');
    expect(zh.text).toBe('Fay Finance已在“财务审批”同意，仍在等待Fred Finance、Flo Finance。');

    const card = await taskFor(people.fin3, id);
    expect(card.round).toMatchObject({ approved: [{ name: 'Fay Finance' }], pending: [{ name: 'Fred Finance' }, { name: 'Flo Finance' }] });
    await decide(people.fin2, id, 'approve');
    expect((await notesAbout(people.fin3, id))[0].text).toBe('Fred Finance approved at "Finance review"; still waiting for Flo Finance.');
    expect((await taskFor(people.fin3, id)).round).toMatchObject({ approved: [{ name: 'Fay Finance' }, { name: 'Fred Finance' }], pending: [{ name: 'Flo Finance' }] });

    // A vote: a rejection that does not decide tells the others too; the card gives the share.
    await decide(people.fin3, id, 'approve');
    await decide(people.board1, id, 'reject', { comment: 'hmm' });
    expect((await notesAbout(people.board2, id))[0].text).toBe('Bo Board rejected at "Board vote"; still waiting for Bill Board, Ben Board.');
    expect((await taskFor(people.board3, id)).round).toMatchObject({ mode: 'percent', percent: 60, rejected: [{ name: 'Bo Board' }], pending: [{ name: 'Bill Board' }, { name: 'Ben Board' }] });
  });

  it('a round decided by its first decision lists no approvers on the card', async () => {
    const id = await submitted('Single approver', 0.1);
    expect((await taskFor(people.boss, id)).round).toBeNull();
  });
});

describe('titles read at read time, scoped', () => {
  it('a record the reader can no longer read keeps its message but shows no title and no link', async () => {
    const id = await submitted('Moves away', 0.1);
    await decide(people.boss, id, 'reject', { comment: 'Not now' });
    expect((await notesAbout(people.rep, id))[0]).toMatchObject({ title: 'Moves away', readable: true });
    const other = await addUser('dn.rep2', 'Ray Rep', ['sales'], people.boss.id);
    const transferred = await t.admin.post(`/api/records/opportunity/${id}/transfer`, { owner: other.id });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
    const [note] = await notesAbout(people.rep, id);
    expect(note).toMatchObject({ text: 'Bea Boss rejected it at "Manager review" and sent it back to "Draft": Not now', objectLabel: 'Opportunity', recordId: id, title: null, readable: false });
  });

  it('gives the latest few on ?limit= and refuses a bad limit', async () => {
    const two = await people.rep.api.get('/api/notifications?limit=2');
    expect(two.body.data).toHaveLength(2);
    expect(two.body.unread).toBeGreaterThan(2);
    const bad = await people.rep.api.get('/api/notifications?limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: '/limit', message: 'must be 1 to 200' }]);
  });
});
