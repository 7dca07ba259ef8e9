import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Records that belong to an account stay visible to the account's owner, whoever created them.

let t: TestApp;
const people: Record<string, ApiClient> = {};
let ownAccount: Record<string, any>;
let otherAccount: Record<string, any>;

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const listIds = async (who: ApiClient, object: string, filter: unknown) => {
  const res = await who.get(`/api/records/${object}?filter=${q(filter)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((r: { id: string }) => String(r.id)).sort();
};

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'crm' }] });
  const sales = (await t.admin.post('/api/admin/departments', { name: 'Sales' })).body.id;
  const office = (await t.admin.post('/api/admin/departments', { name: 'Finance office' })).body.id;
  const add = async (username: string, roles: string[], department: string, manager?: string) => {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles, department: String(department), ...(manager ? { manager } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    people[username] = await t.login(username, PASSWORD);
    return String(res.body.id);
  };
  const manager = await add('acct.manager', ['sales_manager'], sales);
  await add('acct.rep', ['sales_rep'], sales, manager);
  await add('acct.rep2', ['sales_rep'], sales, manager);
  await add('acct.finance', ['finance'], office);
  await add('acct.agent', ['service_agent'], office);
  ownAccount = await create(people['acct.rep'], 'account', { name: 'Rep Owned Trading Co', region: 'Chongqing' });
  otherAccount = await create(people['acct.rep2'], 'account', { name: 'Someone Else Ltd', region: 'Chongqing' });
});
afterAll(() => t?.close());

describe("an account's records for its owner (issue 12 item 14)", () => {
  it('the rep sees orders and payments finance created on their account, and not those of other accounts', async () => {
    const finance = people['acct.finance'];
    const order = await create(finance, 'order', { number: 'SO-1001', account: ownAccount.id, amount: 5000 });
    const payment = await create(finance, 'payment', { account: ownAccount.id, amount: 2500 });
    const foreignOrder = await create(finance, 'order', { number: 'SO-1002', account: otherAccount.id, amount: 700 });
    const foreignPayment = await create(finance, 'payment', { account: otherAccount.id, amount: 300 });
    const rep = people['acct.rep'];

    expect((await rep.get(`/api/records/order/${order.id}`)).status).toBe(200);
    expect((await rep.get(`/api/records/payment/${payment.id}`)).status).toBe(200);
    expect(await listIds(rep, 'order', { number: { $in: ['SO-1001', 'SO-1002'] } })).toEqual([String(order.id)]);
    expect(await listIds(rep, 'payment', { amount: { $in: [2500, 300] } })).toEqual([String(payment.id)]);
    expect((await rep.get(`/api/records/order/${foreignOrder.id}`)).status).toBe(404);
    expect((await rep.get(`/api/records/payment/${foreignPayment.id}`)).status).toBe(404);
    // The other rep sees theirs and not this one's.
    expect(await listIds(people['acct.rep2'], 'order', { number: { $in: ['SO-1001', 'SO-1002'] } })).toEqual([String(foreignOrder.id)]);
  });

  it('the rep sees a contract and a service request others created on their account', async () => {
    const contract = await create(people['acct.manager'], 'contract', { number: 'CT-2001', account: ownAccount.id });
    const request = await create(people['acct.agent'], 'service_request', { subject: 'Damaged goods', kind: 'complaint', account: ownAccount.id });
    expect((await people['acct.rep'].get(`/api/records/contract/${contract.id}`)).status).toBe(200);
    expect((await people['acct.rep'].get(`/api/records/service_request/${request.id}`)).status).toBe(200);
    expect((await people['acct.rep2'].get(`/api/records/contract/${contract.id}`)).status).toBe(404);
  });

  it('seeing an opportunity on their account does not let the rep change what another user owns', async () => {
    const opportunity = await create(people['acct.manager'], 'opportunity', { name: 'Bulk order 2027', account: ownAccount.id });
    const rep = people['acct.rep'];
    const read = await rep.get(`/api/records/opportunity/${opportunity.id}`);
    expect(read.status).toBe(200);
    const patch = await rep.patch(`/api/records/opportunity/${opportunity.id}`, { name: 'Renamed by the rep', _version: read.body._version });
    expect([403, 404]).toContain(patch.status);
    expect((await t.admin.get(`/api/records/opportunity/${opportunity.id}`)).body.name).toBe('Bulk order 2027');
  });
});
