import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Issue 15 item 4: exhibitors on the portal (role exhibitor_portal, linked to their account) reach
// only their own company through the records API and the pack's portal routes. Random exhibitors,
// contacts, holds and reservations (fast-check, seed printed on failure); each portal user must see
// exactly their own rows, and nothing of another exhibitor through any route.

const API = '/api/plugins/exhibition';
const SEED = Number(process.env.PORTAL_ISOLATION_SEED ?? 20261205);

let t: TestApp;
let edition: string;
let closedEdition: string;
const booths: string[] = [];
const exhibitors: { account: string; api: ApiClient; username: string }[] = [];
const contactsOf = new Map<string, string[]>();
const holdsOf = new Map<string, string[]>();
const reservationsOf = new Map<string, string[]>();

const sorted = (ids: Iterable<string>) => [...ids].sort((a, b) => Number(a) - Number(b));
async function ids(api: ApiClient, object: string): Promise<string[]> {
  const res = await api.get(`/api/records/${object}?limit=500`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sorted(res.body.data.map((r: { id: unknown }) => String(r.id)));
}

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.post('/api/packs/exhibition/install?demo=false')).status).toBe(200);
  // Someone reviews the reservations the exhibitors submit.
  expect((await t.admin.post('/api/admin/users', { username: 'fair.sales', password: PASSWORD, name: 'Sales', roles: ['exhibition_sales'] })).status).toBe(201);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  edition = String((await t.admin.post('/api/records/exhibition', { name: 'Spring 2027', year: 2027, season: 'spring', start_date: day(120), end_date: day(122), status: 'booking' })).body.id);
  closedEdition = String((await t.admin.post('/api/records/exhibition', { name: 'Spring 2025', year: 2025, season: 'spring', start_date: '2025-03-20', end_date: '2025-03-22', status: 'closed' })).body.id);
  const hall = String((await t.admin.post('/api/records/hall', { exhibition: edition, name: 'Hall 1', width: 60, depth: 20 })).body.id);
  for (let i = 0; i < 12; i++) booths.push(String((await t.admin.post('/api/records/booth', { number: `A${i + 1}`, exhibition: edition, hall, area: 9, price: 9000, x: i * 4, y: 2, width: 3, depth: 3 })).body.id));
  await t.admin.post('/api/records/announcement', { title: 'Published', published: true });
  await t.admin.post('/api/records/announcement', { title: 'Draft', published: false });

  // A world drawn by fast-check from the seed: how many exhibitors, their contacts, and who holds or reserves which booth.
  const [world] = fc.sample(fc.record({
    exhibitors: fc.integer({ min: 3, max: 5 }),
    contacts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
    booths: fc.shuffledSubarray(booths.map((_, i) => i), { minLength: 6, maxLength: 10 }),
    reserve: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  }), { seed: SEED, numRuns: 1 });
  for (let i = 0; i < world.exhibitors; i++) {
    const account = String((await t.admin.post('/api/records/account', { name: `Exhibitor ${i}`, is_exhibitor: true, credit_limit: 1000 })).body.id);
    const username = `exhibitor${i}@portal.test`;
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, kind: 'portal', roles: ['exhibitor_portal'], account: { object: 'account', id: account } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const login = await t.client().post('/api/auth/login', { username, password: PASSWORD, app: 'portal' });
    expect(login.status).toBe(200);
    exhibitors.push({ account, api: t.client(login.body.token), username });
    contactsOf.set(account, []);
    holdsOf.set(account, []);
    reservationsOf.set(account, []);
    for (let c = 0; c < world.contacts[i]; c++) {
      const contact = await t.admin.post('/api/records/contact', { name: `Contact ${i}.${c}`, account });
      contactsOf.get(account)!.push(String(contact.body.id));
    }
  }
  for (const [n, boothIndex] of world.booths.entries()) {
    const who = exhibitors[n % exhibitors.length];
    const hold = await who.api.post(`${API}/booths/${booths[boothIndex]}/hold`, {});
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    if (world.reserve[n]) {
      const reserved = await who.api.post(`${API}/holds/${hold.body.holdId}/reserve`, {});
      expect(reserved.status, JSON.stringify(reserved.body)).toBe(201);
      reservationsOf.get(who.account)!.push(reserved.body.reservationId);
    }
    holdsOf.get(who.account)!.push(String(hold.body.holdId));
  }
}, 120_000);
afterAll(() => t?.close());

describe(`portal isolation (seed ${SEED})`, () => {
  it('each exhibitor reads exactly their own account, contacts, bookings and reservations', async () => {
    for (const e of exhibitors) {
      expect(await ids(e.api, 'account'), e.username).toEqual([e.account]);
      expect(await ids(e.api, 'contact'), e.username).toEqual(sorted(contactsOf.get(e.account)!));
      expect(await ids(e.api, 'booth_booking'), e.username).toEqual(sorted(holdsOf.get(e.account)!));
      expect(await ids(e.api, 'booth_reservation'), e.username).toEqual(sorted(reservationsOf.get(e.account)!));
      expect(await ids(e.api, 'exhibition'), e.username).toEqual([edition]);
      const account = (await e.api.get(`/api/records/account/${e.account}`)).body;
      expect(account).not.toHaveProperty('credit_limit');
      const news = (await e.api.get('/api/records/announcement')).body.data.map((a: { title: string }) => a.title);
      expect(news).toEqual(['Published']);
    }
  });

  it('no exhibitor reaches another exhibitor\'s records or holds through any route', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), async (a, b) => {
      const me = exhibitors[a % exhibitors.length];
      const other = exhibitors[b % exhibitors.length];
      fc.pre(me !== other);
      expect((await me.api.get(`/api/records/account/${other.account}`)).status).toBe(404);
      expect((await me.api.patch(`/api/records/account/${other.account}`, { phone: '13800000000', _version: 1 })).status).toBe(404);
      for (const contact of contactsOf.get(other.account)!) {
        expect((await me.api.get(`/api/records/contact/${contact}`)).status).toBe(404);
        expect((await me.api.delete(`/api/records/contact/${contact}`)).status).toBe(404);
      }
      for (const hold of holdsOf.get(other.account)!) {
        expect([403, 404, 409]).toContain((await me.api.post(`${API}/holds/${hold}/release`, {})).status);
        expect([403, 404, 409]).toContain((await me.api.post(`${API}/holds/${hold}/reserve`, {})).status);
      }
      const plan = (await me.api.get(`${API}/exhibitions/${edition}/plan`)).body;
      const shown = plan.halls.flatMap((h: { booths: { exhibitor: string | null }[] }) => h.booths.map((x) => x.exhibitor)).filter(Boolean);
      expect(new Set(shown)).toEqual(new Set(holdsOf.get(me.account)!.length ? [me.account] : []));
      expect(plan.holds.every((h: { exhibitor: string }) => h.exhibitor === me.account)).toBe(true);
      const sneaky = await me.api.post('/api/records/contact', { name: 'Planted', account: other.account });
      expect(sneaky.status).toBe(422);
    }), { seed: SEED, numRuns: 12 });
  });

  it('keeps portal users out of the pack\'s staff routes, closed editions and the admin API', async () => {
    const me = exhibitors[0];
    expect((await me.api.get(`${API}/lookup?phone=13800000000`)).status).toBe(403);
    expect((await me.api.post(`${API}/booths/${booths[0]}/block`, {})).status).toBe(403);
    expect((await me.api.post(`${API}/waitlists/offer`, {})).status).toBe(403);
    expect((await me.api.get(`${API}/exhibitions/${closedEdition}/plan`)).status).toBe(404);
    expect((await me.api.get('/api/packs')).status).toBe(403);
    expect((await me.api.get('/api/admin/users')).status).toBe(403);
    expect((await me.api.post(`${API}/holds/1/reserve`, { discount: 0.1 })).status).toBe(403);
  });

  it('lets an exhibitor change only their company\'s contact details', async () => {
    const me = exhibitors[0];
    const account = (await me.api.get(`/api/records/account/${me.account}`)).body;
    const changed = await me.api.patch(`/api/records/account/${me.account}`, { phone: '13900001111', _version: account._version });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const renamed = await me.api.patch(`/api/records/account/${me.account}`, { name: 'Renamed', _version: changed.body._version });
    expect(renamed.status).toBe(403);
    expect((await t.admin.get(`/api/records/account/${me.account}`)).body.name).toBe('Exhibitor 0');
  });
});
