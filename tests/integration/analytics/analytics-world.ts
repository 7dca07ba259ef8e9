import { expect } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addDepartment, addUser, type Person } from '../permissions/permission-helpers.ts';

// A small sales world for the analytics pack, made through the API: a manager and two reps in one
// department, 24 accounts (12 per rep) whose orders carry the structure each kind of analysis
// finds: accounts whose orders stop, products bought together, big and small customers.

export interface WorldAccount {
  id: string;
  name: string;
  rep: 'a' | 'b';
  big: boolean;
  /** No orders in the last three months, after a year of them. */
  falling: boolean;
}

export interface World {
  t: TestApp;
  manager: Person;
  repA: Person;
  repB: Person;
  accounts: WorldAccount[];
  products: Record<'router' | 'switch' | 'cable' | 'server', string>;
  /** Orders per rep's accounts. */
  orders: { a: number; b: number };
}

/**
 * The day the shipped analyses look back from (their `asOf`, the crm demo's reference day): the
 * world's orders are dated before it, so the analyses see the same months whenever the tests run.
 */
export const AS_OF = '2026-12-01';
export const daysBeforeAsOf = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString().slice(0, 10);

export async function created(who: ApiClient, object: string, values: Record<string, unknown>): Promise<string> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return String(res.body.id);
}

let orderNumber = 0;
const REGIONS = ['Chongqing', 'Sichuan', 'Yunnan'];
const INDUSTRIES = ['manufacturing', 'retail', 'telecom'];

/**
 * Orders belong to their account's owner and department (as if finance recorded them and handed them over): the
 * manager's department scope reaches them, as the reps' account scope does.
 */
export async function ownOrdersByAccountOwners(t: TestApp): Promise<void> {
  await t.tessera.db.raw('UPDATE records."order" AS o SET _owner = a._owner, _department = a._department FROM records.account AS a WHERE o.account = a.id');
}

export async function order(t: TestApp, account: string, product: string, amount: number, date: string): Promise<string> {
  return created(t.admin, 'order', { number: `SO-${++orderNumber}`, account, product, amount, order_date: date, status: 'completed' });
}

/** Boots a server with the analytics pack (and so crm and reporting) installed, and builds the world. */
export async function buildWorld(): Promise<World> {
  const t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'analytics' }] });
  const sales = await addDepartment(t, 'Sales');
  const manager = await addUser(t, { username: 'an.manager', roles: ['sales_manager'], department: sales });
  const repA = await addUser(t, { username: 'an.rep.a', roles: ['sales_rep'], department: sales, manager: manager.id });
  const repB = await addUser(t, { username: 'an.rep.b', roles: ['sales_rep'], department: sales, manager: manager.id });

  const products = {
    router: await created(t.admin, 'product', { name: 'Router', price: 3000 }),
    switch: await created(t.admin, 'product', { name: 'Switch', price: 2000 }),
    cable: await created(t.admin, 'product', { name: 'Cable', price: 100 }),
    server: await created(t.admin, 'product', { name: 'Server', price: 9000 }),
  };
  const accounts: WorldAccount[] = [];
  const orders = { a: 0, b: 0 };
  for (let i = 0; i < 24; i++) {
    const rep = i % 2 === 0 ? 'a' : 'b';
    const big = i % 4 < 2;
    const name = `Analytics Customer ${String(i).padStart(2, '0')}`;
    const id = await created(rep === 'a' ? repA.api : repB.api, 'account', {
      name, region: REGIONS[i % 3], industry: INDUSTRIES[i % 3],
      annual_revenue: big ? 900_000_000 + i * 1_000_000 : 10_000_000 + i * 100_000, employees: big ? 2000 + i * 10 : 40 + i,
      credit_limit: big ? 1_000_000 : 50_000, lifecycle: big ? 'customer' : 'lost',
    });
    const falling = i === 4 || i === 8 || i === 9;
    accounts.push({ id, name, rep, big, falling });
    // Accounts 0–11 buy routers and switches, 12–17 routers and cables, 18–23 cables and servers.
    const pair = i < 12 ? [products.router, products.switch] : i < 18 ? [products.router, products.cable] : [products.cable, products.server];
    const months = falling ? [5, 7, 9, 11, 13] : [1, 3, 5, 7, 9, 11, 13];
    for (const [k, monthsBack] of months.entries()) {
      await order(t, id, pair[k % 2], big ? 20_000 : 2_000, daysBeforeAsOf(monthsBack * 30 + 3));
      orders[rep]++;
    }
  }
  await ownOrdersByAccountOwners(t);
  return { t, manager, repA, repB, accounts, products, orders };
}

/** Starts a run as `who` and waits for it to end; returns the finished run with its result. */
export async function runAnalysis(who: ApiClient, name: string): Promise<{ runId: string; run: any }> {
  const started = await who.post(`/api/analyses/${name}/run`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = String(started.body.runId);
  const done = await eventually(() => who.get(`/api/analyses/${name}/runs/${runId}`), (r) => r.body.status === 'succeeded' || r.body.status === 'failed', 60_000);
  return { runId, run: done.body };
}

/** A stored analysis definition, put by the admin. */
export async function putAnalysis(who: ApiClient, definition: Record<string, unknown>): Promise<void> {
  const res = await who.put(`/api/meta/analyses/${String(definition.name)}`, definition);
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
}

/** The field values of the accounts, by id, as the admin reads them. */
export async function accountValues(t: TestApp, field: string): Promise<Map<string, unknown>> {
  const res = await t.admin.get(`/api/records/account?limit=500&fields=${field}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map(res.body.data.map((a: Record<string, unknown>) => [String(a.id), a[field]]));
}
