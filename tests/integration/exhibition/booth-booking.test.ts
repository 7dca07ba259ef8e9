import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// Booth holds and reservations (issue: no double booking, by the database), through the pack's API.

let t: TestApp;
let sales: ApiClient;
let reviewer: ApiClient;
let director: ApiClient;
let exhibition: Record<string, any>;
let lastYear: Record<string, any>;
let hall: Record<string, any>;
const accounts: Record<string, string> = {};
const API = '/api/plugins/exhibition';
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

let boothNo = 0;
const booth = (price = 10_000, edition = exhibition, inHall = hall) => {
  boothNo++;
  return create(t.admin, 'booth', { number: `A${boothNo}`, exhibition: edition.id, hall: inHall.id, area: 9, price, x: boothNo * 3, y: 0, width: 3, depth: 3 });
};
async function decide(who: ApiClient, recordId: string, decision: 'approve' | 'reject', comment?: string) {
  const task = (await who.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === recordId);
  expect(task, `a task for ${recordId}`).toBeDefined();
  const res = await who.post(`/api/tasks/${task.id}/${decision}`, comment ? { comment } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.instance;
}
const boothStatus = async (id: string) => (await t.admin.get(`/api/records/booth/${id}`)).body;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  const dept = (await t.admin.post('/api/admin/departments', { name: 'Fair office' })).body.id;
  for (const [username, role] of [['fair.sales', 'exhibition_sales'], ['fair.reviewer', 'exhibition_sales'], ['fair.director', 'exhibition_director']]) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles: [role], department: String(dept) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  sales = await t.login('fair.sales', PASSWORD);
  director = await t.login('fair.director', PASSWORD);
  reviewer = await t.login('fair.reviewer', PASSWORD);
  for (const name of ['Maotai', 'Wuliangye', 'Sugar Co', 'Newcomer']) accounts[name] = (await create(t.admin, 'account', { name, is_exhibitor: true })).id;
  lastYear = await create(t.admin, 'exhibition', { name: 'Spring fair 2025', year: 2025, season: 'spring', start_date: '2025-03-20', end_date: '2025-03-22', status: 'closed' });
  exhibition = await create(t.admin, 'exhibition', { name: 'Spring fair 2026', year: 2026, season: 'spring', start_date: day(90), end_date: day(92), status: 'booking', previous_edition: lastYear.id });
  hall = await create(t.admin, 'hall', { exhibition: exhibition.id, name: 'Hall 1', width: 120, depth: 80 });
});
afterAll(() => t?.close());

describe('holding a booth', () => {
  it('holds an available booth for 15 minutes and shows it on the booth', async () => {
    const b = await booth();
    const res = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await boothStatus(b.id)).toMatchObject({ status: 'held', exhibitor: accounts.Maotai });
    const again = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Wuliangye });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'UNIQUE_VIOLATION', message: 'This booth is already held, reserved or sold.' });
  });

  it('lets exactly one of 20 simultaneous holds of one booth through', async () => {
    const b = await booth();
    const names = Object.keys(accounts);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts[names[i % names.length]] })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    const bookings = await t.admin.get(`/api/records/booth_booking?filter=${q({ booth: b.id })}`);
    expect(bookings.body.data).toHaveLength(1);
  });

  it('frees the booth when the hold runs out', async () => {
    const b = await booth();
    const held = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai });
    const hold = (await t.admin.get(`/api/records/booth_booking/${held.body.holdId}`)).body;
    // The hold ran out a minute ago: the next hold expires it and takes the booth.
    expect((await director.patch(`/api/records/booth_booking/${hold.id}`, { _version: hold._version, expires_at: new Date(Date.now() - 60_000).toISOString() })).status).toBe(200);
    const next = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Wuliangye });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect((await t.admin.get(`/api/records/booth_booking/${hold.id}`)).body.status).toBe('expired');
    expect(await boothStatus(b.id)).toMatchObject({ status: 'held', exhibitor: accounts.Wuliangye });
  });

  it('refuses a blocked booth, and a block of a taken one', async () => {
    const b = await booth();
    expect((await sales.post(`${API}/booths/${b.id}/block`)).status).toBe(200);
    const refused = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('This booth is not for sale.');
    expect((await sales.post(`${API}/booths/${b.id}/unblock`)).body.status).toBe('available');
    expect((await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai })).status).toBe(201);
    expect((await sales.post(`${API}/booths/${b.id}/block`)).status).toBe(409);
  });

  it('refuses bad input with the reason and holds nothing', async () => {
    const b = await booth();
    expect((await sales.post(`${API}/booths/${b.id}/hold`, {})).status).toBe(400);
    expect((await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: 'x' })).body.error.details[0].path).toBe('/exhibitor');
    expect((await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai, colour: 'red' })).body.error.details[0].path).toBe('/colour');
    expect((await sales.post(`${API}/booths/999999/hold`, { exhibitor: accounts.Maotai })).status).toBe(404);
    expect((await boothStatus(b.id)).status).toBe('available');
  });
});

describe('reserving held booths', () => {
  it('turns holds into one reservation under approval; a discount above the threshold goes to the director; rejection frees the booths', async () => {
    const [b1, b2] = [await booth(10_000), await booth(20_000)];
    const h1 = (await sales.post(`${API}/booths/${b1.id}/hold`, { exhibitor: accounts['Sugar Co'] })).body.holdId;
    const h2 = (await sales.post(`${API}/booths/${b2.id}/hold`, { exhibitor: accounts['Sugar Co'] })).body.holdId;
    const res = await sales.post(`${API}/holds/${h1}/reserve`, { holds: [h2], discount: 0.2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: `R2026-${res.body.reservationId.padStart(6, '0')}`, state: 'sales_review' });
    const reservation = (await t.admin.get(`/api/records/booth_reservation/${res.body.reservationId}`)).body;
    expect(reservation).toMatchObject({ list_price: 30_000, discount: 0.2, price: 24_000, needs_director: true });
    expect((await boothStatus(b1.id)).status).toBe('reserved');
    expect((await boothStatus(b2.id)).status).toBe('reserved');
    expect((await decide(reviewer, res.body.reservationId, 'approve')).state).toBe('director_review');
    expect((await decide(director, res.body.reservationId, 'reject', 'Discount too high')).state).toBe('rejected');
    expect((await boothStatus(b1.id)).status).toBe('available');
    expect((await boothStatus(b2.id)).status).toBe('available');
  });

  it('confirms a small discount after the sales review, and sells the booths once paid', async () => {
    const b = await booth(12_000);
    const h = (await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai })).body.holdId;
    const res = await sales.post(`${API}/holds/${h}/reserve`, { discount: 0.05 });
    expect((await decide(reviewer, res.body.reservationId, 'approve')).state).toBe('confirmed');
    const r = (await t.admin.get(`/api/records/booth_reservation/${res.body.reservationId}`)).body;
    expect((await sales.patch(`/api/records/booth_reservation/${r.id}`, { _version: r._version, payment_status: 'paid', amount_paid: 11_400 })).status).toBe(200);
    expect(await boothStatus(b.id)).toMatchObject({ status: 'sold', exhibitor: accounts.Maotai });
    // One edition and ¥11,400 paid: 10 + 1 points.
    expect((await t.admin.get(`/api/records/account/${accounts.Maotai}`)).body).toMatchObject({ editions_exhibited: 1, exhibition_spend: 11_400, priority_points: 11 });
  });

  it('refuses an expired or foreign hold', async () => {
    const b = await booth();
    const h = (await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Maotai })).body.holdId;
    const other = await booth();
    const h2 = (await sales.post(`${API}/booths/${other.id}/hold`, { exhibitor: accounts.Wuliangye })).body.holdId;
    const mixed = await sales.post(`${API}/holds/${h}/reserve`, { holds: [h2] });
    expect(mixed.status).toBe(400);
    const hold = (await t.admin.get(`/api/records/booth_booking/${h}`)).body;
    await director.patch(`/api/records/booth_booking/${h}`, { _version: hold._version, expires_at: new Date(Date.now() - 1000).toISOString() });
    const late = await sales.post(`${API}/holds/${h}/reserve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('This hold has expired; hold the booth again.');
  });

  it('says there is no such hold for one that does not exist', async () => {
    for (const action of ['reserve', 'release']) {
      const res = await sales.post(`${API}/holds/987654321/${action}`, {});
      expect(res.status, action).toBe(404);
      expect(res.body.error.message, action).toBe('There is no such hold.');
    }
  });
});

describe('windows and waiting lists', () => {
  it('keeps the rebooking window for last edition\'s exhibitors; others join the booth\'s waiting list once', async () => {
    const oldHall = await create(t.admin, 'hall', { exhibition: lastYear.id, name: 'Old hall', width: 50, depth: 50 });
    const oldBooth = await booth(5_000, lastYear, oldHall);
    await create(t.admin, 'booth_booking', { booth: oldBooth.id, exhibitor: accounts.Wuliangye, status: 'sold' });
    const edition = await create(t.admin, 'exhibition', { name: 'Autumn fair 2026', year: 2026, season: 'autumn', start_date: day(200), end_date: day(202), status: 'booking', previous_edition: lastYear.id, rebooking_until: day(5), priority_until: day(10) });
    const autumnHall = await create(t.admin, 'hall', { exhibition: edition.id, name: 'Hall A', width: 50, depth: 50 });
    const b = await booth(8_000, edition, autumnHall);
    const newcomer = await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Newcomer });
    expect(newcomer.status).toBe(409);
    expect(newcomer.body.error.message).toMatch(/only last edition's exhibitors/);
    expect((await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Wuliangye })).status).toBe(201);
    const waiting = await sales.post(`${API}/booths/${b.id}/waitlist`, { exhibitor: accounts.Newcomer });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    expect(waiting.body.position).toBe(1);
    const twice = await sales.post(`${API}/booths/${b.id}/waitlist`, { exhibitor: accounts.Newcomer });
    expect(twice.status).toBe(409);
  });

  it('lines the waiting exhibitors up by priority points and offers a freed booth to the first', async () => {
    const b = await booth(9_000);
    const hold = (await sales.post(`${API}/booths/${b.id}/hold`, { exhibitor: accounts.Wuliangye })).body.holdId;
    expect((await sales.post(`${API}/booths/${b.id}/waitlist`, { exhibitor: accounts.Newcomer })).body.position).toBe(1);
    // Maotai has 11 points (the test above), the newcomer none: Maotai goes first although it came later.
    expect((await sales.post(`${API}/booths/${b.id}/waitlist`, { exhibitor: accounts.Maotai })).body.position).toBe(1);
    expect((await sales.post(`${API}/holds/${hold}/release`)).body.status).toBe('released');
    expect((await boothStatus(b.id)).status).toBe('available');
    const offered = await sales.post(`${API}/waitlists/offer`);
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body.offered).toBeGreaterThanOrEqual(1);
    expect(await boothStatus(b.id)).toMatchObject({ status: 'held', exhibitor: accounts.Maotai });
    const entries = (await t.admin.get(`/api/records/booth_waitlist?filter=${q({ booth: b.id })}&sort=_created_at`)).body.data;
    expect(entries.map((e: any) => [e.exhibitor, e.status])).toEqual([[accounts.Newcomer, 'waiting'], [accounts.Maotai, 'offered']]);
    const offer = (await t.admin.get(`/api/records/booth_booking?filter=${q({ booth: b.id, status: 'held' })}`)).body.data[0];
    expect((Date.parse(offer.expires_at) - Date.now()) / 3_600_000).toBeGreaterThan(47);
  });
});

describe('the floor plan', () => {
  it('gives the halls and their booths to scale with status and exhibitor, and nothing to someone who may not read the edition', async () => {
    const edition = await create(t.admin, 'exhibition', { name: 'Plan fair', year: 2027, season: 'spring', start_date: day(300), end_date: day(302), status: 'booking' });
    const h = await create(t.admin, 'hall', { exhibition: edition.id, name: 'Hall 9', width: 40, depth: 30, outline: [{ kind: 'entrance', points: [[0, 10], [0, 14]] }] });
    const b1 = await booth(9_000, edition, h);
    const b2 = await booth(9_000, edition, h);
    const hold = (await sales.post(`${API}/booths/${b1.id}/hold`, { exhibitor: accounts.Maotai })).body;
    const plan = await sales.get(`${API}/exhibitions/${edition.id}/plan`);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.exhibition).toMatchObject({ id: edition.id, name: 'Plan fair', status: 'booking', window: 'open', holdMinutes: 15 });
    expect(plan.body.halls).toHaveLength(1);
    expect(plan.body.halls[0]).toMatchObject({ name: 'Hall 9', width: 40, depth: 30, outline: [{ kind: 'entrance' }] });
    const booths = Object.fromEntries(plan.body.halls[0].booths.map((b: any) => [b.id, b]));
    expect(booths[b1.id]).toMatchObject({ number: b1.number, status: 'held', exhibitor: accounts.Maotai, width: 3, depth: 3, price: 9_000, mine: false });
    expect(booths[b2.id]).toMatchObject({ status: 'available', exhibitor: null });
    expect(plan.body.holds).toEqual([{ id: hold.holdId, booth: b1.id, exhibitor: accounts.Maotai, expiresAt: hold.expiresAt }]);
    const outsider = await t.admin.post('/api/admin/users', { username: 'fair.outsider', password: PASSWORD, name: 'Outsider', roles: [] });
    expect(outsider.status).toBe(201);
    const nobody = await t.login('fair.outsider', PASSWORD);
    expect([403, 404]).toContain((await nobody.get(`${API}/exhibitions/${edition.id}/plan`)).status);
  });
});

