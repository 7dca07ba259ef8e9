import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startSmtpSink, type SinkMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Issue 15 item 1: the organiser's trade journal. One dispatch per subscription and issue, by the
// database, however often and however concurrently an issue is dispatched; renewal offers N days
// before the end (the daily job, run here at a chosen date), the account owner's task and the
// contact's mail, then renewed (the next period) or lapsed (expired).

let t: TestApp;
let sink: SmtpSink;
let mails: SinkMail[];
let sales: ApiClient;
let director: ApiClient;
let account: string;
let journal: Record<string, any>;
let otherJournal: Record<string, any>;
const API = '/api/plugins/exhibition';
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}
const subscribe = (values: Record<string, unknown>) => create(director, 'journal_subscription', { account, journal: journal.id, copies: 2, ...values });
const record = async (object: string, id: string) => (await t.admin.get(`/api/records/${object}/${id}`)).body;
const dispatchesOf = async (issue: string) => (await t.admin.get(`/api/records/journal_dispatch?limit=500&filter=${q({ issue })}`)).body.data as Record<string, any>[];

let issueNo = 0;
const issue = (date: string) => create(director, 'journal_issue', { name: `No. ${++issueNo}`, journal: journal.id, number: issueNo, publication_date: date, status: 'printed' });

beforeAll(async () => {
  sink = await startSmtpSink();
  mails = sink.mails;
  t = await startTestApp({ config: { jobPollingSeconds: 0.5, smtpUrl: sink.url }, packs: [{ name: 'exhibition' }] });
  for (const [username, role] of [['journal.sales', 'exhibition_sales'], ['journal.director', 'exhibition_director']]) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, email: `${username}@example.test`, roles: [role] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  sales = await t.login('journal.sales', PASSWORD);
  director = await t.login('journal.director', PASSWORD);
  account = (await create(sales, 'account', { name: '川味食品' })).id;
  journal = await create(director, 'journal', { title: '华夏糖酒', issues_per_year: 12, price: 360, renewal_notice_days: 30 });
  otherJournal = await create(director, 'journal', { title: '食品周刊', issues_per_year: 52, price: 520 });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('dispatching an issue', () => {
  let running: string[];
  beforeAll(async () => {
    running = [
      (await subscribe({ starts_on: '2026-01-01', ends_on: '2026-12-31', address: '成都市武侯区' })).id,
      (await subscribe({ starts_on: '2026-06-01', ends_on: '2027-05-31' })).id,
      (await subscribe({ starts_on: '2026-06-15', ends_on: '2026-06-15', copies: 5 })).id,
    ];
    await subscribe({ starts_on: '2025-01-01', ends_on: '2025-12-31' });
    await subscribe({ starts_on: '2026-01-01', ends_on: '2026-12-31', status: 'cancelled' });
    await subscribe({ starts_on: '2026-06-16', ends_on: '2027-06-15' });
    await create(director, 'journal_subscription', { account, journal: otherJournal.id, starts_on: '2026-01-01', ends_on: '2026-12-31' });
  });

  it('creates one dispatch per subscription running on the publication date and marks the issue dispatched; again, nothing', async () => {
    const june = await issue('2026-06-15');
    const first = await director.post(`${API}/journal-issues/${june.id}/dispatch`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ subscriptions: 3, created: 3, existing: 0 });
    const made = await dispatchesOf(june.id);
    expect(made.map((d) => d.subscription).sort()).toEqual([...running].sort());
    expect(made.find((d) => d.subscription === running[0])).toMatchObject({ account, copies: 2, address: '成都市武侯区', status: 'dispatched' });
    expect(made.find((d) => d.subscription === running[2])?.copies).toBe(5);
    expect((await record('journal_issue', june.id)).status).toBe('dispatched');
    expect((await director.post(`${API}/journal-issues/${june.id}/dispatch`)).body).toEqual({ subscriptions: 3, created: 0, existing: 3 });
    expect(await dispatchesOf(june.id)).toHaveLength(3);
  });

  it('creates each dispatch once when several runs go at the same moment', async () => {
    const july = await issue('2026-06-15');
    const answers = await Promise.all(Array.from({ length: 4 }, () => director.post(`${API}/journal-issues/${july.id}/dispatch`)));
    expect(answers.map((a) => a.status), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.body.created, 0)).toBe(3);
    expect(await dispatchesOf(july.id)).toHaveLength(3);
  });

  it('refuses a second dispatch of a subscription for an issue in the database, whoever writes it', async () => {
    const august = await issue('2026-08-15');
    const values = { subscription: running[0], issue: august.id, account, copies: 1 };
    expect((await t.admin.post('/api/records/journal_dispatch', values)).status).toBe(201);
    const again = await t.admin.post('/api/records/journal_dispatch', values);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('UNIQUE_VIOLATION');
  });

  it('lets only those with dispatch on the issue do it, and answers 404 for an unknown issue', async () => {
    const september = await issue('2026-09-15');
    const refused = await sales.post(`${API}/journal-issues/${september.id}/dispatch`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('You are not permitted to dispatch journal issues.');
    expect(await dispatchesOf(september.id)).toHaveLength(0);
    expect((await director.post(`${API}/journal-issues/999999/dispatch`)).status).toBe(404);
  });
});

describe('renewing a subscription', () => {
  const tasksOf = async (who: ApiClient, id: string) => (await who.get('/api/tasks')).body.data.filter((k: { recordId: string }) => k.recordId === id);
  const renewals = (date: string) => director.post(`${API}/subscriptions/renewals`, { date });

  it('offers the renewal 30 days before the end, once: the owner is told and has the task, the contact gets a mail', async () => {
    const contact = (await create(sales, 'contact', { name: '王丽', account, email: 'wang.li@example.test' })).id;
    const sub = await subscribe({ contact, starts_on: '2026-04-01', ends_on: '2027-03-31', price: 720 });
    const early = await renewals('2027-02-27');
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect((await record('journal_subscription', sub.id)).status).toBe('active');

    const due = await renewals('2027-03-01');
    expect(due.body).toMatchObject({ date: '2027-03-01', offered: 1, mailed: 1 });
    expect(await record('journal_subscription', sub.id)).toMatchObject({ status: 'expiring', renewal_offered_on: '2027-03-01', _state: 'offered' });
    const notes = (await sales.get('/api/notifications')).body.data.filter((n: { recordId: string }) => n.recordId === sub.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].message.en).toContain('ends soon');
    expect(await tasksOf(sales, sub.id)).toHaveLength(1);
    const mail = await eventually(async () => mails.find((m) => m.to.includes('wang.li@example.test')), (m) => m !== undefined);
    expect(mail!.data).toContain('2027-03-31');

    expect((await renewals('2027-03-02')).body.offered).toBe(0);
    expect(await tasksOf(sales, sub.id)).toHaveLength(1);

    // Renewed: the next year follows, pointing back at this one.
    const [task] = await tasksOf(sales, sub.id);
    expect((await sales.post(`/api/tasks/${task.id}/approve`, { comment: 'renewed by phone' })).status).toBe(200);
    const next = (await t.admin.get(`/api/records/journal_subscription?filter=${q({ renewal_of: sub.id })}`)).body.data;
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ account, contact, journal: journal.id, copies: 2, price: 720, starts_on: '2027-04-01', ends_on: '2028-03-31', status: 'active' });
  });

  it('marks a lapsed subscription expired, and expires ended ones on the daily run', async () => {
    const lapsing = await subscribe({ starts_on: '2026-05-01', ends_on: '2027-04-30' });
    const ended = await subscribe({ starts_on: '2026-01-01', ends_on: '2026-12-31' });
    const run = await renewals('2027-04-10');
    expect(run.body.offered).toBeGreaterThanOrEqual(1);
    expect(run.body.expired).toBeGreaterThanOrEqual(1);
    expect((await record('journal_subscription', ended.id)).status).toBe('expired');
    const [task] = await tasksOf(sales, lapsing.id);
    expect((await sales.post(`/api/tasks/${task.id}/reject`, { comment: 'budget cut' })).status).toBe(200);
    expect(await record('journal_subscription', lapsing.id)).toMatchObject({ status: 'expired', _state: 'lapsed' });
    expect((await t.admin.get(`/api/records/journal_subscription?filter=${q({ renewal_of: lapsing.id })}`)).body.data).toHaveLength(0);
  });

  it('refuses a bad date and a caller who may not update subscriptions, changing nothing', async () => {
    expect((await renewals('2027-13-45')).body.error.details[0].path).toBe('/date');
    expect((await director.post(`${API}/subscriptions/renewals`, { when: 'now' })).status).toBe(400);
    const viewer = await t.admin.post('/api/admin/users', { username: 'journal.viewer', password: PASSWORD, name: 'viewer', roles: [] });
    expect(viewer.status).toBe(201);
    const refused = await (await t.login('journal.viewer', PASSWORD)).post(`${API}/subscriptions/renewals`, { date: '2027-03-01' });
    expect(refused.status).toBe(403);
  });
});
