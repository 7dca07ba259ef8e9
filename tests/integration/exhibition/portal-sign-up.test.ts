import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';
import { decodedText, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// Issue 15 item 4: an exhibitor signs up on the portal, verifies the e-mail address (the link comes
// through a local SMTP sink), the sales team approves the application, and the exhibitor signs in to
// the portal and sees their own company only.

let t: TestApp;
let sink: SmtpSink;
let sales: ApiClient;
let reviewer: ApiClient;
let otherAccount: string;

const company = (name: string, phone = '13800001111') => ({
  company_name: name, supply_chain: 'finished_goods', business_role: 'producer', region: 'Sichuan', phone, contact_person: '王经理',
});
const signUp = (email: string, extra: Record<string, unknown> = {}) =>
  t.client().post('/api/portal/sign-up', { email, password: PASSWORD, name: '王经理', language: 'zh-CN', company: company('蜀南酒业有限公司'), ...extra });

async function verificationToken(email: string): Promise<string> {
  const mail = await sink.waitFor(email, /portal\/verify\?token=/);
  return /portal\/verify\?token=([A-Za-z0-9_-]+)/.exec(decodedText(mail.data))![1];
}

async function decide(who: ApiClient, recordId: string, decision: 'approve' | 'reject') {
  const task = (await who.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === recordId);
  expect(task, `a task for ${recordId}`).toBeDefined();
  const res = await who.post(`/api/tasks/${task.id}/${decision}`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const portalLogin = (username: string) => t.client().post('/api/auth/login', { username, password: PASSWORD, app: 'portal' });

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ config: { jobPollingSeconds: 0.5, smtpUrl: sink.url, mailFrom: 'Fair <fair@example.test>', publicUrl: 'https://fair.example.test' }, packs: [{ name: 'exhibition' }] });
  for (const username of ['portal.sales', 'portal.reviewer']) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles: ['exhibition_sales'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  sales = await t.login('portal.sales', PASSWORD);
  reviewer = await t.login('portal.reviewer', PASSWORD);
  otherAccount = String((await t.admin.post('/api/records/account', { name: 'Other Distillery', is_exhibitor: true })).body.id);
  await t.admin.post('/api/records/contact', { name: 'Other contact', account: otherAccount });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('portal sign-up', () => {
  it('refuses a weak password, unknown company details and a missing field, and creates nothing', async () => {
    const weak = await signUp('weak@example.test', { password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.map((d: { path: string }) => d.path)).toContain('/password');
    const bad = await signUp('bad@example.test', { company: { company_name: 'X', colour: 'red' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['/company/colour', '/company/phone']));
    const zh = await t.client().post('/api/portal/sign-up', { email: 'not an address', password: PASSWORD, name: 'x', language: 'en', company: {} }, { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(422);
    expect(zh.body.error.message).toBe('注册信息无效。');
    const users = (await t.admin.get('/api/admin/users?q=example.test')).body.data;
    expect(users).toEqual([]);
  });

  it('signs up, cannot log in before approval, verifies, is approved and sees only their own company', async () => {
    const res = await signUp('Wang@Shunan.example.test');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.email).toBe('wang@shunan.example.test');
    const token = await verificationToken('wang@shunan.example.test');
    expect(decodedText(sink.mails.at(-1)!.data)).toContain('https://fair.example.test/portal/verify?token=');
    expect((await portalLogin('wang@shunan.example.test')).status).toBe(403);

    expect((await t.client().post('/api/portal/verify', { token: 'nonsense' })).status).toBe(400);
    const verified = await t.client().post('/api/portal/verify', { token });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toEqual({ active: false });
    expect((await t.client().post('/api/portal/verify', { token })).body).toEqual({ active: false });
    expect((await portalLogin('wang@shunan.example.test')).status).toBe(403);

    const applications = (await sales.get('/api/records/exhibitor_application')).body.data;
    expect(applications).toHaveLength(1);
    expect(applications[0]).toMatchObject({ company_name: '蜀南酒业有限公司', status: 'pending', email: 'wang@shunan.example.test', _state: 'sales_review' });
    await decide(reviewer, String(applications[0].id), 'approve');
    await sink.waitFor('wang@shunan.example.test', /\/portal/);

    const approved = (await sales.get(`/api/records/exhibitor_application/${applications[0].id}`)).body;
    expect(approved.status).toBe('approved');
    const login = await portalLogin('wang@shunan.example.test');
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const portal = t.client(login.body.token);
    const accounts = (await portal.get('/api/records/account')).body.data;
    expect(accounts.map((a: { id: unknown }) => String(a.id))).toEqual([String(approved.account.id ?? approved.account)]);
    expect(accounts[0].name).toBe('蜀南酒业有限公司');
    expect(accounts[0]).not.toHaveProperty('credit_limit');
    const contacts = (await portal.get('/api/records/contact')).body.data;
    expect(contacts.map((c: { name: string }) => c.name)).toEqual(['王经理']);
    expect((await portal.get(`/api/records/account/${otherAccount}`)).status).toBe(404);
    expect((await portal.get('/api/meta/objects')).status).toBe(403);
    expect((await portal.get('/api/records/exhibitor_application')).body.data).toHaveLength(1);
  });

  it('refuses a second sign-up with an address in use, by a portal user or by staff', async () => {
    const again = await signUp('wang@shunan.example.test');
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([{ path: '/email', message: 'email is already used' }]);
    await t.admin.post('/api/admin/users', { username: 'staff.person', password: PASSWORD, name: 'Staff', email: 'staff@fair.example.test' });
    expect((await signUp('staff@fair.example.test')).status).toBe(409);
  });

  it('renews a sign-up not yet verified; the old link stops working', async () => {
    expect((await signUp('twice@example.test')).status).toBe(202);
    const first = await verificationToken('twice@example.test');
    sink.mails.length = 0;
    expect((await signUp('twice@example.test')).status).toBe(202);
    const second = await verificationToken('twice@example.test');
    expect(second).not.toBe(first);
    expect((await t.client().post('/api/portal/verify', { token: first })).status).toBe(400);
    expect((await t.client().post('/api/portal/verify', { token: second })).status).toBe(200);
  });

  it('links an application to the existing account of the same name, and mails a refusal', async () => {
    expect((await t.client().post('/api/portal/sign-up', { email: 'known@example.test', password: PASSWORD, name: 'Li', language: 'en', company: company('Other Distillery', '13900002222') })).status).toBe(202);
    await t.client().post('/api/portal/verify', { token: await verificationToken('known@example.test') });
    const application = (await sales.get(`/api/records/exhibitor_application?filter=${encodeURIComponent(JSON.stringify({ email: { $eq: 'known@example.test' } }))}`)).body.data[0];
    // The match is proposed to the reviewer, and hidden from the applicant.
    expect(String(application.account)).toBe(otherAccount);
    await decide(reviewer, String(application.id), 'approve');
    const login = await portalLogin('known@example.test');
    expect(login.status).toBe(200);
    const mine = (await t.client(login.body.token).get('/api/records/account')).body.data;
    expect(mine.map((a: { id: unknown }) => String(a.id))).toEqual([otherAccount]);
    expect((await t.client(login.body.token).get('/api/records/exhibitor_application')).body.data[0]).not.toHaveProperty('account');

    expect((await t.client().post('/api/portal/sign-up', { email: 'no@example.test', password: PASSWORD, name: 'No', language: 'en', company: company('Nope Ltd', '138 0000 1111') })).status).toBe(202);
    await t.client().post('/api/portal/verify', { token: await verificationToken('no@example.test') });
    // Only the phone number matches the first company's: proposed to the reviewer, who clears it.
    const byPhone = (await sales.get(`/api/records/exhibitor_application?filter=${encodeURIComponent(JSON.stringify({ email: { $eq: 'no@example.test' } }))}`)).body.data[0];
    const shunan = (await sales.get(`/api/records/account?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: '蜀南酒业有限公司' } }))}`)).body.data[0];
    expect(String(byPhone.account)).toBe(String(shunan.id));
    expect((await sales.patch(`/api/records/exhibitor_application/${byPhone.id}`, { account: null, _version: byPhone._version })).status).toBe(200);
    const refused = (await sales.get(`/api/records/exhibitor_application?filter=${encodeURIComponent(JSON.stringify({ email: { $eq: 'no@example.test' } }))}`)).body.data[0];
    await decide(reviewer, String(refused.id), 'reject');
    await sink.waitFor('no@example.test', /not approved/);
    expect((await portalLogin('no@example.test')).status).toBe(403);
  });
});
