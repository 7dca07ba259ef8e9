import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// The crm pack's workflows end to end through HTTP, each with the users its roles name (issue 7):
// discount, contract, expense and trip approvals, service handling with SLA escalation, customer-edit
// approval (R16) and locked activity logs (R10), plus lead conversion, dedup and merge.

interface Person {
  id: string;
  api: ApiClient;
}

let t: TestApp;
const people: Record<string, Person> = {};

async function addDepartment(name: string, parent?: string): Promise<string> {
  const res = await t.admin.post('/api/admin/departments', { name, ...(parent ? { parent } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

async function addUser(username: string, roles: string[], department: string, manager?: string): Promise<Person> {
  const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles, department, ...(manager ? { manager } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(username, PASSWORD) };
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const record = async (object: string, id: string) => (await t.admin.get(`/api/records/${object}/${id}`)).body;
const taskFor = async (who: Person, recordId: string) => (await who.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === recordId);

async function create(who: Person, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.api.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

async function decide(who: Person, recordId: string, decision: 'approve' | 'reject' = 'approve') {
  const task = await taskFor(who, recordId);
  expect(task, `a task for ${recordId}`).toBeDefined();
  const res = await who.api.post(`/api/tasks/${task.id}/${decision}`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

let account: Record<string, any>;
let admin: Person;

beforeAll(async () => {
  t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm' }] });
  admin = { id: String((await t.admin.get('/api/auth/me')).body.id), api: t.admin };
  const sales = await addDepartment('Sales Chongqing');
  const office = await addDepartment('Head office');
  people.director = await addUser('crm.director', ['sales_director'], office);
  people.manager = await addUser('crm.manager', ['sales_manager'], sales, people.director.id);
  people.rep = await addUser('crm.rep', ['sales_rep'], sales, people.manager.id);
  people.rep2 = await addUser('crm.rep2', ['sales_rep'], sales, people.manager.id);
  people.finance = await addUser('crm.finance', ['finance'], office);
  people.executive = await addUser('crm.executive', ['executive'], office);
  people.agent = await addUser('crm.agent', ['service_agent'], office);
  people.service_manager = await addUser('crm.service_manager', ['service_manager'], office);
  people.marketing = await addUser('crm.marketing', ['marketing'], office);
  people.sichuan = await addUser('crm.sichuan', ['region_sichuan'], office);
  account = await create(people.rep, 'account', { name: '重庆渝海食品有限公司', region: 'Chongqing', industry: 'food_beverage', phone: '023-6388 1234', credit_limit: 100000 });
});
afterAll(() => t?.close());

describe('discount approval', () => {
  it('takes a large discount from the rep through the sales manager and finance, locking the record meanwhile', async () => {
    const opp = await create(people.rep, 'opportunity', { name: 'Sugar line upgrade', account: account.id, amount: 500000, discount: 0.3, stage: 'propose' });
    expect(opp.probability).toBe(0.6);
    const submitted = await people.rep.api.post(`/api/records/opportunity/${opp.id}/submit`, { workflow: 'discount_approval' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('manager_review');
    expect((await people.rep.api.patch(`/api/records/opportunity/${opp.id}`, { _version: (await record('opportunity', opp.id))._version, discount: 0.4 })).status).toBe(403);
    await decide(people.manager, opp.id);
    expect((await record('opportunity', opp.id))._state).toBe('finance_review');
    const done = await decide(people.finance, opp.id);
    expect(done.instance).toMatchObject({ state: 'approved', status: 'done' });
    const notes = (await people.rep.api.get('/api/notifications')).body.data;
    expect(notes.some((n: { message: { en: string } }) => n.message.en === 'The discount was approved.')).toBe(true);
  });

  it('approves a small discount with the manager alone, and a rejection sends it back to draft', async () => {
    const small = await create(people.rep, 'opportunity', { name: 'Small discount', account: account.id, amount: 1000, discount: 0.05 });
    await people.rep.api.post(`/api/records/opportunity/${small.id}/submit`, { workflow: 'discount_approval' });
    expect((await decide(people.manager, small.id)).instance.state).toBe('approved');
    const refused = await create(people.rep, 'opportunity', { name: 'Refused discount', account: account.id, amount: 1000, discount: 0.1 });
    await people.rep.api.post(`/api/records/opportunity/${refused.id}/submit`, { workflow: 'discount_approval' });
    expect((await decide(people.manager, refused.id, 'reject')).instance.state).toBe('draft');
  });
});

describe('contract approval', () => {
  it('sends a large contract through manager, finance and an executive, then activates it', async () => {
    const contract = await create(people.rep, 'contract', { number: 'HT-2026-001', name: 'Annual supply', account: account.id, amount: 2_000_000 });
    expect((await people.rep.api.post(`/api/records/contract/${contract.id}/submit`, {})).status).toBe(200);
    expect((await record('contract', contract.id)).status).toBe('under_review');
    await decide(people.manager, contract.id);
    await decide(people.finance, contract.id);
    expect((await record('contract', contract.id))._state).toBe('executive_review');
    await decide(people.executive, contract.id);
    expect(await record('contract', contract.id)).toMatchObject({ _state: 'approved', status: 'active' });
    expect((await people.rep.api.patch(`/api/records/contract/${contract.id}`, { _version: (await record('contract', contract.id))._version, amount: 1 })).status).toBe(403);
  });
});

describe('expense claims and business trips (R17)', () => {
  it('approves an expense claim by the manager, then finance', async () => {
    const claim = await create(people.rep, 'expense_claim', { title: 'Visit to Chengdu', category: 'travel', amount: 1280 });
    await people.rep.api.post(`/api/records/expense_claim/${claim.id}/submit`, {});
    await decide(people.manager, claim.id);
    expect((await decide(people.finance, claim.id)).instance.state).toBe('approved');
  });

  it('an approved expense claim stays approved only if unchanged: a raise needs a new approval, deletion is refused (issue 12 item 11)', async () => {
    const claim = await create(people.rep, 'expense_claim', { title: 'Hotel in Kunming', category: 'travel', amount: 800 });
    await people.rep.api.post(`/api/records/expense_claim/${claim.id}/submit`, {});
    await decide(people.manager, claim.id);
    await decide(people.finance, claim.id);
    const raised = await people.rep.api.patch(`/api/records/expense_claim/${claim.id}`, { _version: (await record('expense_claim', claim.id))._version, amount: 99999 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(202);
    expect(raised.body).toMatchObject({ amount: 800, _pending: { fields: { amount: 99999 }, workflow: 'expense_approval', state: 'manager_review' } });
    expect((await record('expense_claim', claim.id)).amount).toBe(800);
    await decide(people.manager, claim.id, 'reject');
    expect(await record('expense_claim', claim.id)).toMatchObject({ amount: 800, _state: 'draft' });

    const kept = await create(people.rep, 'expense_claim', { title: 'Train to Dali', category: 'travel', amount: 300 });
    await people.rep.api.post(`/api/records/expense_claim/${kept.id}/submit`, {});
    await decide(people.manager, kept.id);
    await decide(people.finance, kept.id);
    const deleted = await people.rep.api.delete(`/api/records/expense_claim/${kept.id}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.message).toMatch(/approved and locked/);
  });

  it('a manager cannot delegate a rep\'s own expense claim to the rep (issue 12 item 7)', async () => {
    const claim = await create(people.rep, 'expense_claim', { title: 'Client dinner', category: 'meals', amount: 600 });
    await people.rep.api.post(`/api/records/expense_claim/${claim.id}/submit`, {});
    const task = await taskFor(people.manager, claim.id);
    const res = await people.manager.api.post(`/api/tasks/${task.id}/delegate`, { to: people.rep.id });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(await taskFor(people.rep, claim.id)).toBeUndefined();
    expect((await record('expense_claim', claim.id))._state).toBe('manager_review');
  });

  it('needs both the manager and finance to approve a business trip', async () => {
    const trip = await create(people.rep, 'business_trip', { purpose: 'Trade fair', destination: '成都', start_date: '2026-12-10', end_date: '2026-12-12', estimated_cost: 3000 });
    await people.rep.api.post(`/api/records/business_trip/${trip.id}/submit`, {});
    expect((await decide(people.manager, trip.id)).decided).toBe(false);
    expect((await decide(people.finance, trip.id)).instance.state).toBe('approved');
  });
});

describe('service requests (R12)', () => {
  it('moves a request to handling, where an agent resolves it', async () => {
    const request = await create(people.agent, 'service_request', { subject: '投诉：到货延迟', kind: 'complaint', account: account.id, priority: 'high' });
    expect((await people.agent.api.post(`/api/records/service_request/${request.id}/submit`, {})).status).toBe(200);
    expect((await record('service_request', request.id)).status).toBe('in_progress');
    await decide(people.agent, request.id);
    expect(await record('service_request', request.id)).toMatchObject({ _state: 'resolved', status: 'resolved' });
  });

  it('escalates a request past its SLA to the service manager', async () => {
    const request = await create(people.agent, 'service_request', { subject: 'Enquiry on invoices', kind: 'enquiry' });
    await people.agent.api.post(`/api/records/service_request/${request.id}/submit`, {});
    // The SLA timer is a job due in 24 hours; bring it forward instead of waiting a day.
    const moved = await t.tessera.db('pgboss.job').where({ name: 'workflow.timeout', state: 'created' }).update({ start_after: t.tessera.db.raw("now() - interval '1 second'") });
    expect(moved).toBeGreaterThan(0);
    const task = await eventually(() => taskFor(people.service_manager, request.id), (k) => k !== undefined);
    expect(task).toMatchObject({ state: 'handling', status: 'open' });
    expect((await decide(people.service_manager, request.id)).instance.state).toBe('resolved');
  });
});

describe('customer edits need the manager (R16)', () => {
  it('keeps the old credit limit visible until the sales manager approves the rep change', async () => {
    const current = await record('account', account.id);
    const res = await people.rep.api.patch(`/api/records/account/${account.id}`, { _version: current._version, credit_limit: 250000, address: '重庆市渝中区' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ credit_limit: 100000, address: '重庆市渝中区', _pending: { fields: { credit_limit: 250000 }, workflow: 'customer_edit' } });
    await decide(people.manager, account.id);
    expect((await record('account', account.id)).credit_limit).toBe(250000);
  });
});

describe('activity logs (R10)', () => {
  it('locks a log once it is submitted', async () => {
    const log = await create(people.rep, 'activity', { subject: 'Visited the plant', kind: 'log', category: 'visit', account: account.id });
    expect((await people.rep.api.post(`/api/records/activity/${log.id}/submit`, {})).status).toBe(200);
    const locked = await record('activity', log.id);
    expect(locked).toMatchObject({ _state: 'submitted', done: true });
    expect((await people.rep.api.patch(`/api/records/activity/${log.id}`, { _version: locked._version, notes: 'changed later' })).status).toBe(403);
    expect((await people.rep.api.delete(`/api/records/activity/${log.id}`)).status).toBe(403);
  });

  it('refuses adding or removing links of a submitted, locked activity log (issue 12 item 15)', async () => {
    const log = await create(people.rep, 'activity', { subject: 'Tasting at the distillery', kind: 'log', category: 'visit', account: account.id });
    const link = await create(people.rep, 'activity_link', { activity: log.id, account: account.id, note: 'before submission' });
    expect((await people.rep.api.post(`/api/records/activity/${log.id}/submit`, {})).status).toBe(200);
    const added = await people.rep.api.post('/api/records/activity_link', { activity: log.id, account: account.id, note: 'after submission' });
    expect(added.status, JSON.stringify(added.body)).toBe(403);
    expect(added.body.error.message).toMatch(/locked/);
    const removed = await people.rep.api.delete(`/api/records/activity_link/${link.id}`);
    expect(removed.status).toBe(403);
    const links = (await t.admin.get(`/api/records/activity_link?filter=${q({ activity: log.id })}`)).body.data;
    expect(links.map((l: { note: string }) => l.note)).toEqual(['before submission']);
  });
});

describe('lead conversion (R9)', () => {
  it('turns a lead into an account, a contact and an opportunity in one go', async () => {
    const lead = await create(people.rep, 'lead', { name: '李娜', company: '四川蜀香酒业有限公司', email: 'li.na@shuxiang.example', region: 'Sichuan', estimated_amount: 80000 });
    const res = await people.rep.api.post(`/api/plugins/crm/leads/${lead.id}/convert`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.account).toMatchObject({ name: '四川蜀香酒业有限公司', lifecycle: 'prospect', region: 'Sichuan' });
    expect(res.body.contact).toMatchObject({ name: '李娜', account: res.body.account.id });
    expect(res.body.opportunity).toMatchObject({ account: res.body.account.id, lead: lead.id, amount: 80000, stage: 'find_prospect', probability: 0.05 });
    expect(res.body.lead).toMatchObject({ status: 'converted', converted_account: res.body.account.id, converted_opportunity: res.body.opportunity.id });
    const again = await people.rep.api.post(`/api/plugins/crm/leads/${lead.id}/convert`, {});
    expect(again.status).toBe(409);
  });

  it('creates nothing when a step fails, and refuses those without the convert action', async () => {
    const accountsBefore = (await t.admin.get('/api/records/account?count=true&limit=1')).body.total;
    const lead = await create(people.rep, 'lead', { name: 'Dup', company: '重庆渝海食品' });
    const res = await people.rep.api.post(`/api/plugins/crm/leads/${lead.id}/convert`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect((await t.admin.get('/api/records/account?count=true&limit=1')).body.total).toBe(accountsBefore);
    expect((await record('lead', lead.id)).status).toBe('new');
    const onto = await people.rep.api.post(`/api/plugins/crm/leads/${lead.id}/convert`, { account: account.id, opportunity: false });
    expect(onto.status, JSON.stringify(onto.body)).toBe(201);
    expect(onto.body.opportunity).toBeNull();
    const other = await create(people.marketing, 'lead', { name: 'Campaign lead' });
    expect((await people.marketing.api.post(`/api/plugins/crm/leads/${other.id}/convert`, {})).status).toBe(403);
  });
});

describe('data quality (R15)', () => {
  it('refuses a duplicate account name, lists duplicates by phone and merges them', async () => {
    const dup = await people.rep.api.post('/api/records/account', { name: '重庆渝海食品 有限公司' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'DUPLICATE', existingId: account.id });
    const twin = await people.manager.api.post('/api/records/account', { name: 'Yuhai Foods Chongqing', phone: '02363881234' });
    expect(twin.status).toBe(201);
    expect(twin.body._warnings).toEqual([expect.objectContaining({ rule: 'same_phone', id: account.id })]);
    const groups = (await people.manager.api.get('/api/records/account/duplicates?rule=same_phone')).body.data;
    expect(groups).toContainEqual(expect.objectContaining({ ids: [account.id, twin.body.id] }));
    const merged = await people.manager.api.post('/api/records/account/merge', { keep: account.id, remove: twin.body.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await t.admin.get(`/api/records/account/${twin.body.id}`)).status).toBe(404);
  });

  it('tells both salespeople when one works a customer the other owns', async () => {
    await create(people.manager, 'opportunity', { name: 'Manager steps in', account: account.id });
    const repNotes = (await people.rep.api.get('/api/notifications')).body.data;
    expect(repNotes.some((n: { message: { en: string } }) => n.message.en.startsWith('crm.manager recorded an opportunity on your account'))).toBe(true);
    const managerNotes = (await people.manager.api.get('/api/notifications')).body.data;
    expect(managerNotes.some((n: { message: { en: string } }) => n.message.en.includes('is worked by another salesperson'))).toBe(true);
  });
});

describe('figures that follow the business', () => {
  it('updates goal progress and campaign figures from won opportunities and members', async () => {
    const year = new Date().getUTCFullYear();
    const goal = await create(people.manager, 'goal', { name: 'Rep goal', level: 'personal', user: people.rep.id, period_start: `${year}-01-01`, period_end: `${year}-12-31`, target_amount: 1_000_000 });
    const campaign = await create(admin, 'campaign', { name: 'Spring fair', actual_cost: 10000 });
    const opp = await create(people.rep, 'opportunity', { name: 'Won deal', account: account.id, amount: 50000, campaign: campaign.id, stage: 'propose' });
    const won = await people.rep.api.patch(`/api/records/opportunity/${opp.id}`, { _version: opp._version, stage: 'sign' });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body).toMatchObject({ probability: 1, closed_on: new Date().toISOString().slice(0, 10) });
    await create(admin, 'campaign_member', { campaign: campaign.id, status: 'responded' });
    await create(admin, 'campaign_member', { campaign: campaign.id, status: 'sent' });
    const progressed = await eventually(() => record('goal', goal.id), (g) => g.achieved_amount === 50000);
    expect(progressed).toMatchObject({ achieved_amount: 50000, progress: 0.05 });
    const figures = await eventually(() => record('campaign', campaign.id), (c) => c.members === 2 && c.revenue === 50000);
    expect(figures).toMatchObject({ members: 2, responses: 1, revenue: 50000, roi: 4, response_rate: 0.5 });
  });

  it('reminds owners of key contacts on their birthday', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const contact = await create(people.rep, 'contact', { name: '王芳', account: account.id, key_contact: true, birthday: `1985-${today.slice(5)}` });
    const res = await t.admin.post('/api/plugins/crm/care/run', { day: today });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.birthdays).toBeGreaterThanOrEqual(1);
    const notes = (await people.rep.api.get('/api/notifications')).body.data;
    expect(notes.some((n: { recordId: string; message: { 'zh-CN': string } }) => n.recordId === contact.id && n.message['zh-CN'].includes('王芳'))).toBe(true);
    expect((await people.rep.api.post('/api/plugins/crm/care/run', {})).status).toBe(403);
  });
});

describe('regional permissions (R30)', () => {
  it('shows a regional user only the accounts and opportunities of their region', async () => {
    const chengdu = await create(admin, 'account', { name: 'Chengdu Spirits', region: 'Sichuan' });
    await create(admin, 'opportunity', { name: 'Sichuan deal', account: chengdu.id });
    const accounts = (await people.sichuan.api.get(`/api/records/account?filter=${q({})}`)).body.data;
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.every((a: { region: string }) => a.region === 'Sichuan')).toBe(true);
    const opps = (await people.sichuan.api.get('/api/records/opportunity?fields=name,account')).body.data;
    expect(opps.map((o: { name: string }) => o.name)).toContain('Sichuan deal');
    expect(opps.map((o: { name: string }) => o.name)).not.toContain('Won deal');
    const all = (await people.executive.api.get('/api/records/account?count=true&limit=1')).body.total;
    expect(all).toBeGreaterThan(accounts.length);
  });
});
