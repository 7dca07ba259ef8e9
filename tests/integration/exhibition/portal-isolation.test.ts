import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';
import { pdfText } from './helpers/pdf-text.ts';

// Issue 15 item 4: exhibitors on the portal (role exhibitor_portal, linked to their account) reach
// only their own company through the records API and the pack's portal routes. Random exhibitors,
// contacts, holds, reservations, badges, forum registrations, enquiries, subscriptions and ad
// placements (fast-check, seed printed on failure); each portal user must see exactly their own rows,
// and nothing of another exhibitor through any route.

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
const badgesOf = new Map<string, { id: string; name: string }[]>();
const registrationsOf = new Map<string, string[]>();
const requestsOf = new Map<string, string[]>();
const subscriptionsOf = new Map<string, string[]>();
const placementsOf = new Map<string, string[]>();
let forum: string;
const own = <T>(map: Map<string, T[]>, account: string): T[] => map.get(account) ?? [];
const push = <T>(map: Map<string, T[]>, account: string, value: T) => map.set(account, [...own(map, account), value]);

const sorted = (ids: Iterable<string>) => [...ids].sort((a, b) => Number(a) - Number(b));
async function ids(api: ApiClient, object: string): Promise<string[]> {
  const res = await api.get(`/api/records/${object}?limit=500`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sorted(res.body.data.map((r: { id: unknown }) => String(r.id)));
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
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
    badges: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    registrations: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    requests: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    subscribed: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    advertised: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
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

  // What else exhibitors ask for on the portal, and what the organiser sells them.
  forum = String((await t.admin.post('/api/records/forum_session', { exhibition: edition, title: 'Sugar outlook', capacity: 3, status: 'open', starts_at: `${day(120)}T02:00:00Z` })).body.id);
  const journal = String((await t.admin.post('/api/records/journal', { title: 'Sugar & Wine Weekly', issues_per_year: 12 })).body.id);
  const slot = String((await t.admin.post('/api/records/ad_slot', { name: 'Home banner', channel: 'website', position: 'top', price: 5000 })).body.id);
  for (const [i, e] of exhibitors.entries()) {
    for (let b = 0; b < world.badges[i]; b++) {
      const name = `持证人 ${i}-${b}`;
      const applied = await e.api.post(`${API}/badges/apply`, { exhibition: edition, holderName: name });
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
      push(badgesOf, e.account, { id: String(applied.body.id), name });
    }
    for (let r = 0; r < world.registrations[i]; r++) {
      const registered = await e.api.post(`${API}/forum-sessions/${forum}/register`, { attendeeName: `参会人 ${i}-${r}` });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      push(registrationsOf, e.account, String(registered.body.registration.id));
    }
    for (let q = 0; q < world.requests[i]; q++) {
      const asked = await e.api.post('/api/records/business_request', { subject: `Question ${i}-${q}`, request_type: q % 2 ? 'complaint' : 'enquiry' });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      push(requestsOf, e.account, String(asked.body.id));
    }
    if (world.subscribed[i]) {
      const sub = await t.admin.post('/api/records/journal_subscription', { account: e.account, journal, starts_on: day(-30), ends_on: day(335), copies: 2, status: 'active' });
      expect(sub.status, JSON.stringify(sub.body)).toBe(201);
      push(subscriptionsOf, e.account, String(sub.body.id));
    }
    if (world.advertised[i]) {
      const month = `2027-0${i + 1}`;
      const placed = await t.admin.post('/api/records/ad_placement', { name: `Banner ${i}`, slot, account: e.account, first_month: month, last_month: month, status: 'booked' });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      push(placementsOf, e.account, String(placed.body.id));
    }
  }
  // The organiser approves the staff badges applied for, so they go on the badge sheets.
  const sales = await t.client().post('/api/auth/login', { username: 'fair.sales', password: PASSWORD });
  const reviewer = t.client(sales.body.token);
  for (const task of (await reviewer.get('/api/tasks?status=open&limit=200')).body.data.filter((k: { object: string }) => k.object === 'badge')) {
    expect((await reviewer.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(200);
  }
}, 240_000);
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
      expect(await ids(e.api, 'badge'), e.username).toEqual(sorted(own(badgesOf, e.account).map((b) => b.id)));
      expect(await ids(e.api, 'forum_registration'), e.username).toEqual(sorted(own(registrationsOf, e.account)));
      expect(await ids(e.api, 'business_request'), e.username).toEqual(sorted(own(requestsOf, e.account)));
      expect(await ids(e.api, 'journal_subscription'), e.username).toEqual(sorted(own(subscriptionsOf, e.account)));
      expect(await ids(e.api, 'ad_placement'), e.username).toEqual(sorted(own(placementsOf, e.account)));
      const seats = (await e.api.get(`${API}/forum-sessions/seats?edition=${edition}`));
      expect(seats.status, JSON.stringify(seats.body)).toBe(200);
      expect(sorted(seats.body.mine.map((r: { id: unknown }) => String(r.id))), e.username).toEqual(sorted(own(registrationsOf, e.account)));
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
      for (const badge of own(badgesOf, other.account)) {
        expect((await me.api.get(`/api/records/badge/${badge.id}`)).status).toBe(404);
        expect((await me.api.get(`${API}/badges/${badge.id}/qr.png`)).status).toBe(404);
      }
      for (const registration of own(registrationsOf, other.account)) {
        expect([403, 404]).toContain((await me.api.post(`${API}/forum-registrations/${registration}/cancel`, {})).status);
      }
      for (const request of own(requestsOf, other.account)) expect((await me.api.get(`/api/records/business_request/${request}`)).status).toBe(404);
      for (const sub of own(subscriptionsOf, other.account)) expect((await me.api.get(`/api/records/journal_subscription/${sub}`)).status).toBe(404);
      for (const placement of own(placementsOf, other.account)) expect((await me.api.get(`/api/records/ad_placement/${placement}`)).status).toBe(404);
      const planted = await me.api.post('/api/records/business_request', { subject: 'Planted', request_type: 'enquiry', account: other.account });
      expect(planted.status).toBeGreaterThanOrEqual(400);
      expect(planted.status).toBeLessThan(500);
      const sheet = await me.api.raw(`${API}/badges/sheet.pdf?edition=${edition}`);
      expect(sheet.status).toBe(200);
      const { text } = pdfText(Buffer.from(await sheet.arrayBuffer()));
      for (const badge of own(badgesOf, me.account)) expect(text).toContain(badge.name);
      for (const badge of own(badgesOf, other.account)) expect(text).not.toContain(badge.name);
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
