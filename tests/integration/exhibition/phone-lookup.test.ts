import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, q } from '../permissions/permission-helpers.ts';

// The service centre's phone lookup (issue 15, item 6) and the `$phone` filter operator under it.

let t: TestApp;
let accountsOnly: ApiClient;
const ids: Record<string, string> = {};
const lookup = (who: ApiClient, phone: string) => who.get(`/api/plugins/exhibition/lookup?phone=${encodeURIComponent(phone)}`);

async function create(object: string, values: Record<string, unknown>): Promise<string> {
  const res = await t.admin.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return String(res.body.id);
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  ids.maotai = await create('account', { name: 'Maotai', is_exhibitor: true, phone: '023-69675318' });
  ids.other = await create('account', { name: 'Other Co', phone: '+44 20 7946 0958' });
  ids.li = await create('contact', { name: 'Li Lei', account: ids.maotai, mobile: '+86 138-0013-8000' });
  ids.call = await create('activity', { subject: 'Called about the spring fair', kind: 'log', category: 'call', account: ids.maotai, contact: ids.li });
  ids.open = await create('service_request', { subject: 'Badge missing', kind: 'request', account: ids.maotai, status: 'open' });
  ids.closed = await create('service_request', { subject: 'Old question', kind: 'enquiry', account: ids.maotai, status: 'closed' });
  ids.journal = await create('journal', { title: 'Huaxia' });
  ids.subscription = await create('journal_subscription', { account: ids.maotai, journal: ids.journal, starts_on: '2026-01-01', ends_on: '2099-12-31' });
  await create('journal_subscription', { account: ids.maotai, journal: ids.journal, starts_on: '2024-01-01', ends_on: '2024-12-31', status: 'expired' });
  ids.enquiry = await create('business_request', { subject: 'Bigger booth?', request_type: 'enquiry', account: ids.maotai });
  await create('business_request', { subject: 'Settled', request_type: 'enquiry', account: ids.maotai, status: 'closed' });
  await putRole(t, 'phone_accounts_only', { account: { operations: ['read'] } });
  accountsOnly = (await addUser(t, { roles: ['phone_accounts_only'] })).api;
});
afterAll(() => t?.close());

describe('GET /api/plugins/exhibition/lookup', () => {
  it.each(['138 0013 8000', '+86-138-0013-8000', '0086 13800138000', '8613800138000', '１３８００１３８０００', '138-0013-8000 ext. 12'])('finds the contact by its mobile written as %s', async (phone) => {
    const res = await lookup(t.admin, phone);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.matches.map((m: { object: string; id: string }) => [m.object, m.id])).toEqual([['contact', ids.li]]);
    const card = res.body.matches[0].card;
    expect(res.body.matches[0].title).toBe('Li Lei');
    expect(card.account).toEqual({ id: ids.maotai, title: 'Maotai' });
    expect(card.interactions.map((a: { id: string }) => String(a.id))).toEqual([ids.call]);
    expect(card.openRequests.map((r: { id: string }) => String(r.id))).toEqual([ids.open]);
    expect(card.reservations).toEqual([]);
    expect(card.subscriptions.map((r: { id: string }) => String(r.id))).toEqual([ids.subscription]);
    expect(card.businessRequests.map((r: { id: string }) => String(r.id))).toEqual([ids.enquiry]);
  });

  it.each(['+86 23 6967 5318', '(023) 6967-5318 转 801', '０２３－６９６７５３１８', '023 6967 5318;ext=9'])('finds the exhibitor by its landline written as %s', async (phone) => {
    const res = await lookup(t.admin, phone);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.matches).toHaveLength(1);
    expect(res.body.matches[0]).toMatchObject({ object: 'account', id: ids.maotai, title: 'Maotai' });
    expect(res.body.matches[0].card.openRequests.map((r: { id: string }) => String(r.id))).toEqual([ids.open]);
  });

  it('finds a foreign number with its country code and nothing for an unknown number', async () => {
    expect((await lookup(t.admin, '0044 20 7946 0958')).body.matches.map((m: { id: string }) => m.id)).toEqual([ids.other]);
    expect((await lookup(t.admin, '139 0000 0000')).body).toEqual({ matches: [] });
  });

  it('searches only what the caller may read and leaves out card parts they may not read', async () => {
    const mobile = await lookup(accountsOnly, '13800138000');
    expect(mobile.status).toBe(200);
    expect(mobile.body.matches).toEqual([]);
    const landline = await lookup(accountsOnly, '+86 23 6967 5318');
    expect(landline.body.matches).toHaveLength(1);
    expect(landline.body.matches[0].card).toEqual({});
  });

  it('refuses a missing phone and text that is no phone number, in the caller\'s language', async () => {
    const missing = await lookup(t.admin, '');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('phone');
    const notPhone = await t.admin.raw('/api/plugins/exhibition/lookup?phone=hello', { headers: { 'accept-language': 'zh-CN' } });
    expect(notPhone.status).toBe(400);
    const text = await notPhone.text();
    expect(JSON.parse(text).error.details[0].message).toContain('不是电话号码');
    expect(text).not.toMatch(/select|regexp_replace/i);
  });
});

describe('the $phone filter operator', () => {
  it('matches phone fields by key in the records API', async () => {
    const res = await t.admin.get(`/api/records/contact?filter=${q({ mobile: { $phone: '+86 (138) 0013 8000' } })}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((r: { id: string }) => String(r.id))).toEqual([ids.li]);
  });

  it('refuses a value that is not a phone number and a field that is not a phone field', async () => {
    const bad = await t.admin.get(`/api/records/contact?filter=${q({ mobile: { $phone: '12' } })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/mobile/$phone');
    expect(bad.body.error.details[0].message).toContain('not a phone number');
    const wrongField = await t.admin.get(`/api/records/contact?filter=${q({ name: { $phone: '13800138000' } })}`);
    expect(wrongField.status).toBe(400);
  });
});
