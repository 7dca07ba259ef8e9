import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Issue 15 item 3: an advertising slot is never sold twice for a month. A placement books one
// `ad_booking` per month under a partial unique index on (slot, month), so of simultaneous sales one
// wins; an overlap is refused naming the months it clashes on; a cancelled placement frees its months.

let t: TestApp;
let sales: ApiClient;
const accounts: string[] = [];
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}
let slotNo = 0;
const slot = (values: Record<string, unknown> = {}) => create(t.admin, 'ad_slot', { name: `Banner ${++slotNo}`, channel: 'website', position: 'home page top', size: '1200×90', price: 8000, ...values });
const place = (slotId: string, first: string, last: string, account = accounts[0]) => sales.post('/api/records/ad_placement', { name: `${first}…${last}`, slot: slotId, account, first_month: first, last_month: last });
const bookedMonths = async (slotId: string) => (await t.admin.get(`/api/records/ad_booking?limit=100&sort=month&filter=${q({ slot: slotId, status: 'booked' })}`)).body.data.map((b: { month: string }) => b.month);

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  expect((await t.admin.post('/api/admin/users', { username: 'ad.sales', password: PASSWORD, name: 'ad.sales', roles: ['exhibition_sales'] })).status).toBe(201);
  sales = await t.login('ad.sales', PASSWORD);
  for (const name of ['糖业集团', '酒业公司', '包装机械']) accounts.push((await create(sales, 'account', { name })).id);
});
afterAll(() => t?.close());

describe('selling advertising slots', () => {
  it('books a placement month by month, priced at the slot’s monthly price unless given', async () => {
    const s = await slot();
    const res = await place(s.id, '2027-11', '2028-02');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'booked', price: 32000 });
    expect(await bookedMonths(s.id)).toEqual(['2027-11', '2027-12', '2028-01', '2028-02']);
  });

  it('lets exactly one of 20 simultaneous sales of the same slot and months through', async () => {
    const s = await slot();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => place(s.id, '2027-03', '2027-05', accounts[i % accounts.length])));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    expect(await bookedMonths(s.id)).toEqual(['2027-03', '2027-04', '2027-05']);
    expect((await t.admin.get(`/api/records/ad_placement?filter=${q({ slot: s.id })}`)).body.data).toHaveLength(1);
  });

  it('refuses an overlapping placement naming the months it clashes on, and books nothing of it', async () => {
    const s = await slot();
    expect((await place(s.id, '2027-01', '2027-06')).status).toBe(201);
    const clash = await place(s.id, '2027-05', '2027-09', accounts[1]);
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toBe('The slot is already sold for 2027-05, 2027-06 (2027-01…2027-06).');
    expect(clash.body.error.details[0].path).toBe('/first_month');
    expect(await bookedMonths(s.id)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    // The same slot's free months, and the same months of another slot, sell.
    expect((await place(s.id, '2027-07', '2027-09', accounts[1])).status).toBe(201);
    expect((await place((await slot()).id, '2027-05', '2027-09', accounts[1])).status).toBe(201);
  });

  it('says the clash in Chinese to a Chinese reader', async () => {
    const s = await slot();
    expect((await place(s.id, '2027-01', '2027-02')).status).toBe(201);
    const res = await t.client(sales.token).raw('/api/records/ad_placement', {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ name: 'x', slot: s.id, account: accounts[1], first_month: '2027-02', last_month: '2027-03' }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('该广告位在 2027-02 已售出（2027-01…2027-02）。');
  });

  it('frees the months of a cancelled placement for good, and keeps a booked one’s slot and months', async () => {
    const s = await slot();
    const placed = (await place(s.id, '2027-08', '2027-09')).body;
    const moved = await sales.patch(`/api/records/ad_placement/${placed.id}`, { _version: placed._version, last_month: '2027-10' });
    expect(moved.status).toBe(409);
    expect(moved.body.error.message).toContain('cancel it and book the new period');
    const cancelled = await sales.patch(`/api/records/ad_placement/${placed.id}`, { _version: placed._version, status: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await bookedMonths(s.id)).toEqual([]);
    expect((await sales.patch(`/api/records/ad_placement/${placed.id}`, { _version: cancelled.body._version, status: 'booked' })).status).toBe(409);
    expect((await place(s.id, '2027-09', '2027-09', accounts[2])).status).toBe(201);
  });

  it('refuses a reversed or too long period and a slot off sale, creating nothing', async () => {
    const s = await slot();
    const reversed = await place(s.id, '2027-05', '2027-03');
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.details[0].path).toBe('/last_month');
    expect((await place(s.id, '2027-01', '2030-01')).status).toBe(422);
    expect((await place(s.id, '2027-1', '2027-02')).status).toBe(422);
    const off = await slot({ active: false });
    expect((await place(off.id, '2027-01', '2027-01')).status).toBe(409);
    expect((await t.admin.get(`/api/records/ad_placement?filter=${q({ slot: { $in: [s.id, off.id] } })}`)).body.data).toHaveLength(0);
  });
});
