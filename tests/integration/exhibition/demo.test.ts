import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnFigures, DEMO_CHURN, type Stand } from '../../unit/exhibition/demo-churn.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { countRecords, demoFile, everyRecord, expectShippedDemo } from '../helpers/pack-demo.ts';

// The exhibition pack's demo data (issue 15, item 9): installed after the crm's as `npm start` does,
// its users log in, the booths show their bookings, the churn figures of docs/exhibition.md come out
// of the records API, and the spring 2027 sale goes on from where the demo leaves it.

const packDir = path.resolve(import.meta.dirname, '../../../plugins/exhibition');
const demo = (name: string) => demoFile(packDir, name);
const DEMO_PASSWORD = 'Demo-pass-2026';
const API = '/api/plugins/exhibition';
const INSTALL_TIMEOUT = 600_000;

let t: TestApp;
const sessions = new Map<string, ApiClient>();
const as = async (username: string) => {
  if (!sessions.has(username)) sessions.set(username, await t.login(username, DEMO_PASSWORD));
  return sessions.get(username)!;
};
const count = (object: string, filter?: unknown, api: ApiClient = t.admin) => countRecords(api, object, filter);
const all = (object: string, filter?: unknown, fields?: string[], api: ApiClient = t.admin) => everyRecord(api, object, filter, fields);

beforeAll(async () => {
  t = await startTestApp();
  const crm = await t.admin.post('/api/packs/crm/install?demo=true');
  expect(crm.status, JSON.stringify(crm.body).slice(0, 2000)).toBe(200);
  const started = Date.now();
  const res = await t.admin.post('/api/packs/exhibition/install?demo=true');
  const seconds = (Date.now() - started) / 1000;
  expect(res.status, JSON.stringify(res.body).slice(0, 3000)).toBe(200);
  expect(res.body).toMatchObject({ name: 'exhibition', demoLoaded: true });
  console.log(`exhibition installed with its demo data in ${seconds.toFixed(1)} s (${process.env.TESSERA_TEST_DB ?? 'pglite'})`);
}, INSTALL_TIMEOUT);
afterAll(() => t?.close());

describe('loading the exhibition demo', () => {
  it('ships exactly the files its seeded generator writes', () => {
    expectShippedDemo(packDir);
  });

  it('creates every record of every demo file beside the crm demo', async () => {
    const mine = { supply_chain: { $null: false } };
    expect(await count('account', mine)).toBe(demo('account').length);
    expect(await count('contact', { 'account.supply_chain': { $null: false } })).toBe(demo('contact').length);
    for (const object of ['exhibition', 'hall', 'booth', 'booth_reservation', 'booth_booking', 'booth_waitlist', 'message_campaign', 'campaign_recipient', 'campaign_event']) expect(await count(object), object).toBe(demo(object).length);
    const departments = (await t.admin.get('/api/admin/departments')).body.data.map((d: { name: string }) => d.name);
    expect(departments).toEqual(expect.arrayContaining(['展会事业部', '市场中心', '新闻中心', '总部']));
  });

  it("shows every booth's booking on the booth: sold, reserved, blocked or available", async () => {
    const booths = await all('booth', undefined, ['id', 'status', 'exhibitor']);
    const bookings = await all('booth_booking', { status: { $in: ['reserved', 'sold'] } }, ['id', 'booth', 'exhibitor', 'status']);
    const byBooth = new Map(bookings.map((b) => [b.booth, b]));
    expect(byBooth.size).toBe(bookings.length);
    for (const booth of booths) {
      const booking = byBooth.get(booth.id);
      if (booking) expect(booth).toMatchObject({ status: booking.status, exhibitor: booking.exhibitor });
      else expect(['available', 'blocked']).toContain(booth.status);
    }
    expect(booths.filter((b) => b.status === 'blocked')).toHaveLength(demo('booth').filter((b) => b.status === 'blocked').length);
    expect(await count('booth_booking', { status: 'held' })).toBe(0);
  });
});

describe('the churn in the demo', () => {
  it('gives the figures of docs/exhibition.md through the records API', async () => {
    const editions = new Map((await all('exhibition', undefined, ['id', 'year', 'season'])).map((e) => [e.id, `${e.season}_${e.year}`]));
    const booths = new Map((await all('booth', undefined, ['id', 'exhibition', 'area'])).map((b) => [b.id, b]));
    const reservations = new Map((await all('booth_reservation', undefined, ['id', 'paid_on', 'balance_due_on'])).map((r) => [r.id, r]));
    const segments = new Map((await all('account', { supply_chain: { $null: false } }, ['id', 'supply_chain'])).map((a) => [a.id, a.supply_chain]));
    const stands = new Map<string, Stand>();
    for (const b of await all('booth_booking', { status: { $in: ['reserved', 'sold'] } }, ['id', 'booth', 'exhibitor', 'reservation'])) {
      const booth = booths.get(b.booth)!;
      const reservation = reservations.get(b.reservation)!;
      const edition = editions.get(booth.exhibition)!;
      const stand = stands.get(`${edition}/${b.exhibitor}`) ?? { edition, exhibitor: b.exhibitor, segment: segments.get(b.exhibitor), area: 0, late: Boolean(reservation.paid_on && reservation.paid_on > reservation.balance_due_on) };
      stand.area += Number(booth.area);
      stands.set(`${edition}/${b.exhibitor}`, stand);
    }
    expect(churnFigures([...stands.values()])).toEqual(DEMO_CHURN);
  });
});

describe('demo users of the fair office', () => {
  const users = demo('users');

  it('lets every demo user log in with the shared password', async () => {
    for (const user of users) {
      expect(user.password).toBe(DEMO_PASSWORD);
      expect((await (await as(user.username)).get('/api/packs')).status, user.username).toBe(200);
    }
  });

  it('shows the director and the sales team every reservation, and marketing the exhibitors but not the reservations', async () => {
    for (const role of ['exhibition_director', 'exhibition_sales']) {
      const api = await as(users.find((u) => u.roles.includes(role))!.username);
      expect(await count('booth_reservation', undefined, api), role).toBe(demo('booth_reservation').length);
    }
    const marketing = await as(users.find((u) => u.roles.includes('marketing'))!.username);
    expect(await count('account', { is_exhibitor: true }, marketing)).toBe(demo('account').filter((a) => a.is_exhibitor).length);
    expect((await marketing.get('/api/records/booth_reservation?limit=1')).status).toBe(403);
  });
});

describe('the spring 2027 sale goes on from the demo', () => {
  it('lets a salesperson hold a free booth in open sale, and refuses one of a closed edition', async () => {
    const sales = await as(demo('users').find((u) => u.roles.includes('exhibition_sales'))!.username);
    const [spring2027] = await all('exhibition', { year: 2027, season: 'spring' }, ['id', 'status']);
    expect(spring2027.status).toBe('booking');
    const [prospect] = await all('account', { lifecycle: 'prospect', supply_chain: { $null: false } }, ['id']);
    const [free] = await all('booth', { exhibition: spring2027.id, status: 'available' }, ['id']);
    const held = await sales.post(`${API}/booths/${free.id}/hold`, { exhibitor: prospect.id });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect((await t.admin.get(`/api/records/booth/${free.id}`)).body).toMatchObject({ status: 'held', exhibitor: prospect.id });
    const [closed] = await all('booth', { status: 'available', 'exhibition.status': 'closed' }, ['id']);
    const refused = await sales.post(`${API}/booths/${closed.id}/hold`, { exhibitor: prospect.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('This exhibition is not taking bookings.');
  });

  it('has nobody waiting for a free booth: offering freed booths finds none', async () => {
    const res = await t.admin.post(`${API}/waitlists/offer`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.offered).toBe(0);
    expect(await count('booth_waitlist', { status: 'waiting' })).toBe(demo('booth_waitlist').filter((w) => w.status === 'waiting').length);
  });

  it("keeps the exhibitors' priority points as the pack's hook computes them", async () => {
    const [reservation] = await all('booth_reservation', { exhibition: (await all('exhibition', { year: 2026, season: 'spring' }, ['id']))[0].id }, ['id', 'exhibitor', '_version']);
    const before = (await t.admin.get(`/api/records/account/${reservation.exhibitor}`)).body;
    expect(before.priority_points).toBeGreaterThan(0);
    const res = await t.admin.patch(`/api/records/booth_reservation/${reservation.id}`, { _version: reservation._version, notes: '展后回访已完成' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = (await t.admin.get(`/api/records/account/${reservation.exhibitor}`)).body;
    expect(after).toMatchObject({ editions_exhibited: before.editions_exhibited, exhibition_spend: before.exhibition_spend, priority_points: before.priority_points });
    expect(after._version).toBe(before._version);
  });
});

describe('mailings of the exhibition demo', () => {
  it("shows a sent mailing's progress to the director and keeps bounced contacts disabled", async () => {
    const director = await as('ma.dong');
    const [first] = (await director.get(`/api/records/message_campaign?filter=${encodeURIComponent(JSON.stringify({ name: '2026 春季糖酒会招展邀请' }))}`)).body.data;
    const progress = (await director.get(`${API}/campaigns/${first.id}/progress`)).body;
    const shipped = demo('message_campaign').find((c) => c.name === first.name)!;
    expect(progress).toMatchObject({ status: 'sent', total: shipped.total_count, bounced: shipped.bounced_count, replied: shipped.replied_count, unsubscribed: shipped.unsubscribed_count, mayControl: true });
    expect(await count('contact', { email_status: 'invalid', do_not_contact: { $ne: true } })).toBe(0);
    const draft = demo('message_campaign').find((c) => c.status === 'draft')!;
    expect(await count('message_campaign', { name: draft.name, status: 'draft' })).toBe(1);
  });
});
