import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Issue 15 items 1 and 4 (R25, R27): business requests routed by type to a department's queue (the
// `request_route` records), handled to closure by `business_request_handling` with escalation past
// the SLA, each move written to the department's log; exhibitors send enquiries and complaints from
// the portal and see only their own requests, subscriptions and placements.

let t: TestApp;
const people: Record<string, { id: string; api: ApiClient }> = {};
const departments: Record<string, string> = {};
const accounts: Record<string, string> = {};
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}
async function addUser(username: string, values: Record<string, unknown>) {
  const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const login = await t.client().post('/api/auth/login', { username, password: PASSWORD, ...(values.kind === 'portal' ? { app: 'portal' } : {}) });
  people[username] = { id: String(res.body.id), api: t.client(login.body.token) };
  return people[username];
}
const record = async (id: string) => (await t.admin.get(`/api/records/business_request/${id}`)).body;
const taskFor = async (who: string, id: string) => (await people[who].api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
const logOf = async (id: string) => (await t.admin.get(`/api/records/department_activity?sort=id&filter=${q({ request: id })}`)).body.data as Record<string, any>[];
const ids = async (who: string, object: string) => ((await people[who].api.get(`/api/records/${object}?limit=500`)).body.data as { id: string }[]).map((r) => r.id).sort();

beforeAll(async () => {
  t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'exhibition' }] });
  for (const key of ['office', 'news', 'marketing']) departments[key] = String((await t.admin.post('/api/admin/departments', { name: key })).body.id);
  await addUser('office.head', { roles: ['exhibition_sales'], department: departments.office });
  await addUser('office.clerk', { roles: ['exhibition_sales'], department: departments.office });
  await addUser('news.head', { roles: ['exhibition_sales'], department: departments.news });
  await addUser('fair.director', { roles: ['exhibition_director'], department: departments.office });
  await t.admin.patch(`/api/admin/departments/${departments.office}`, { head: people['office.head'].id });
  await t.admin.patch(`/api/admin/departments/${departments.news}`, { head: people['news.head'].id });
  for (const [type, department] of [['complaint', 'office'], ['enquiry', 'office'], ['advertising', 'news'], ['partnership', 'marketing']]) {
    await create(t.admin, 'request_route', { request_type: type, department: departments[department] });
  }
  for (const name of ['Maotai', 'Sugar Co']) accounts[name] = (await create(t.admin, 'account', { name })).id;
  // The portal pack's role gives exhibitors their own account; this stands in for it here.
  await t.admin.put('/api/admin/roles/own_account', { name: 'own_account', objects: { account: { operations: ['read'], scope: { read: { filter: { id: { $eq: '$user.account' } } } } } } });
  for (const [username, account] of [['maotai.portal', 'Maotai'], ['sugar.portal', 'Sugar Co']]) {
    await addUser(username, { kind: 'portal', roles: ['exhibitor_portal', 'own_account'], account: { object: 'account', id: accounts[account] } });
  }
});
afterAll(() => t?.close());

describe('routing and handling', () => {
  it('routes a request by its type to the department’s queue, starts the SLA clock and logs it', async () => {
    const before = Date.now();
    const request = await create(people['office.clerk'].api, 'business_request', { subject: '展位被调换', request_type: 'complaint', account: accounts.Maotai });
    const stored = await record(request.id);
    expect(stored).toMatchObject({ department: departments.office, status: 'in_progress', _state: 'handling', escalated: false });
    const hours = (Date.parse(stored.sla_due) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThan(48.1);
    expect(await taskFor('office.head', request.id)).toMatchObject({ state: 'handling', status: 'open' });
    expect(await taskFor('news.head', request.id)).toBeUndefined();
    expect(await logOf(request.id)).toMatchObject([{ department: departments.office, kind: 'request_received', subject: '展位被调换', account: accounts.Maotai, by: people['office.clerk'].id }]);

    const advertising = await create(people['office.clerk'].api, 'business_request', { subject: 'Banner in March', request_type: 'advertising' });
    expect(await record(advertising.id)).toMatchObject({ department: departments.news, _state: 'handling' });
    expect(await taskFor('news.head', advertising.id)).toBeDefined();
  });

  it('keeps a request without a route, or routed to a department without a head, as new', async () => {
    const other = await create(people['office.clerk'].api, 'business_request', { subject: 'Lost umbrella', request_type: 'other' });
    expect(await record(other.id)).toMatchObject({ department: null, status: 'new', _state: null });
    const partnership = await create(people['office.clerk'].api, 'business_request', { subject: 'Media partner', request_type: 'partnership' });
    expect(await record(partnership.id)).toMatchObject({ department: departments.marketing, status: 'new', _state: null });
  });

  it('logs a request handed to another department by hand in the new department’s log', async () => {
    const other = await create(people['office.clerk'].api, 'business_request', { subject: 'Press badge', request_type: 'other' });
    const moved = await people['fair.director'].api.patch(`/api/records/business_request/${other.id}`, { _version: (await record(other.id))._version, department: departments.news });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await logOf(other.id)).toMatchObject([{ department: departments.news, kind: 'request_received', by: people['fair.director'].id }]);
  });

  it('closes a request when the department decides it, tells its owner and logs it', async () => {
    const request = await create(people['office.clerk'].api, 'business_request', { subject: '发票抬头错误', request_type: 'enquiry' });
    const task = await taskFor('office.head', request.id);
    expect((await people['office.head'].api.post(`/api/tasks/${task.id}/approve`, { comment: '已重开发票' })).status).toBe(200);
    expect(await record(request.id)).toMatchObject({ status: 'closed', _state: 'closed' });
    expect((await logOf(request.id)).map((a) => [a.kind, a.by])).toEqual([['request_received', people['office.clerk'].id], ['request_closed', null]]);
    const notes = (await people['office.clerk'].api.get('/api/notifications')).body.data;
    expect(notes.some((n: { recordId: string; message: { en: string } }) => n.recordId === request.id && n.message.en.includes('closed'))).toBe(true);
  });

  it('escalates a request past its SLA to the director, who can close it; the log says so', async () => {
    const request = await create(people['office.clerk'].api, 'business_request', { subject: 'No electricity at booth A12', request_type: 'complaint' });
    // The SLA timer is a job due in 48 hours: bring it forward instead of waiting.
    const moved = await t.tessera.db('pgboss.job').where({ name: 'workflow.timeout', state: 'created' }).update({ start_after: t.tessera.db.raw("now() - interval '1 second'") });
    expect(moved).toBeGreaterThan(0);
    const escalated = await eventually(() => record(request.id), (r) => r._state === 'escalated');
    expect(escalated).toMatchObject({ status: 'escalated', escalated: true });
    expect((await logOf(request.id)).map((a) => a.kind)).toEqual(['request_received', 'request_escalated']);
    const task = await eventually(() => taskFor('fair.director', request.id), (k) => k !== undefined);
    expect(task).toMatchObject({ state: 'escalated', status: 'open' });
    expect(await taskFor('office.head', request.id)).toMatchObject({ state: 'escalated', status: 'open' });
    expect((await people['fair.director'].api.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(200);
    expect(await record(request.id)).toMatchObject({ status: 'closed', escalated: true });
  });

  it('shows each department its own log; entries by hand too', async () => {
    await create(people['news.head'].api, 'department_activity', { department: departments.news, date: '2026-12-01', kind: 'call', subject: '回访广告客户', account: accounts['Sugar Co'] });
    const newsLog = (await people['news.head'].api.get('/api/records/department_activity?limit=500')).body.data as { department: string }[];
    expect(newsLog.length).toBeGreaterThan(1);
    expect(new Set(newsLog.map((a) => a.department))).toEqual(new Set([departments.news]));
    const officeLog = (await people['office.clerk'].api.get('/api/records/department_activity?limit=500')).body.data as { department: string }[];
    expect(officeLog.length).toBeGreaterThan(1);
    expect(new Set(officeLog.map((a) => a.department))).toEqual(new Set([departments.office]));
    const everything = (await t.admin.get('/api/records/department_activity?limit=500')).body.data.length;
    expect((await people['fair.director'].api.get('/api/records/department_activity?limit=500')).body.data.length).toBe(everything);
    expect(everything).toBeGreaterThan(newsLog.length + officeLog.length);
  });
});

describe('the portal', () => {
  it('lets an exhibitor send an enquiry or a complaint for their own company, routed like staff’s', async () => {
    const maotai = people['maotai.portal'].api;
    const enquiry = await maotai.post('/api/records/business_request', { subject: 'Can we have a bigger booth?', request_type: 'enquiry', description: '36 m² instead of 18' });
    expect(enquiry.status, JSON.stringify(enquiry.body)).toBe(201);
    expect(await record(enquiry.body.id)).toMatchObject({ account: accounts.Maotai, department: departments.office, _state: 'handling' });
    const forOthers = await maotai.post('/api/records/business_request', { subject: 'x', request_type: 'complaint', account: accounts['Sugar Co'] });
    expect(forOthers.status).toBe(422);
    const advertising = await maotai.post('/api/records/business_request', { subject: 'Banner', request_type: 'advertising' });
    expect(advertising.status).toBe(422);
    expect(advertising.body.error.details[0].path).toBe('/request_type');
    const own = await maotai.get(`/api/records/business_request/${enquiry.body.id}`);
    expect(own.body).toMatchObject({ subject: 'Can we have a bigger booth?', status: 'in_progress' });
    expect(own.body).not.toHaveProperty('department');
    expect(own.body).not.toHaveProperty('sla_due');
  });

  it('shows each exhibitor only their own requests, subscriptions and placements', async () => {
    const sugarRequest = (await people['sugar.portal'].api.post('/api/records/business_request', { subject: '投诉：展台搭建延误', request_type: 'complaint' })).body.id;
    const journal = await create(t.admin, 'journal', { title: '华夏糖酒' });
    const subs: Record<string, string> = {};
    for (const name of ['Maotai', 'Sugar Co']) subs[name] = (await create(t.admin, 'journal_subscription', { account: accounts[name], journal: journal.id, starts_on: '2026-01-01', ends_on: '2026-12-31' })).id;
    const slot = await create(t.admin, 'ad_slot', { name: 'Hall banner', channel: 'outdoor', position: 'Hall 1 entrance', price: 20000 });
    const placements: Record<string, string> = {};
    for (const [name, month] of [['Maotai', '2027-03'], ['Sugar Co', '2027-04']]) {
      placements[name] = (await create(t.admin, 'ad_placement', { name: `${name} banner`, slot: slot.id, account: accounts[name], first_month: month, last_month: month })).id;
    }
    const mine = (await t.admin.get(`/api/records/business_request?limit=500&filter=${q({ account: accounts.Maotai })}`)).body.data.map((r: { id: string }) => r.id).sort();
    expect(await ids('maotai.portal', 'business_request')).toEqual(mine);
    expect(await ids('sugar.portal', 'business_request')).toEqual([sugarRequest]);
    expect((await people['maotai.portal'].api.get(`/api/records/business_request/${sugarRequest}`)).status).toBe(404);
    expect(await ids('maotai.portal', 'journal_subscription')).toEqual([subs.Maotai]);
    expect(await ids('sugar.portal', 'ad_placement')).toEqual([placements['Sugar Co']]);
    expect((await people['maotai.portal'].api.get('/api/records/department_activity')).status).toBe(403);
    expect((await people['maotai.portal'].api.get('/api/records/journal_dispatch')).status).toBe(403);
  });
});
