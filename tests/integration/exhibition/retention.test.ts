import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { addPerson, type Person } from '../helpers/people.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Year-over-year retention (issue 15, item 8 and its test, item 10) against a fixture counted by hand.
//
// Editions (previous edition = the same season a year earlier):
//   S24 spring 2024 closed · S25 spring 2025 closed (prev S24) · S26 spring 2026 booking (prev S25)
//   A24 autumn 2024 closed · A25 autumn 2025 closed (prev A24)
// Exhibitors: A raw materials, Sichuan, producer · B finished goods, Sichuan, distributor ·
//   C peripheral, Chongqing, service agency · D peripheral, Yunnan, producer ·
//   E finished goods, Chongqing, producer · F raw materials, Yunnan, distributor
// Stands (m²; every booth 9 m² unless said): S24: A, B (2 booths, 18), C (paid late), D
//   S25: A, B, E (36 m² raw space), F · S26: A, E, C · A24: C, E · A25: C, D
//
// By hand:
//   S24 → S25: 4 exhibitors; A, B back (retained 2); C, D not (lost 2); churn 2/4 = 50 %.
//     At S25: A, B returning; E was at A24 (autumn 2024, before spring 2025): back from an older
//     edition; F new. By segment: raw 1/0 lost, finished 1/0, peripheral 2/2 (100 %). By region:
//     Sichuan 2/0, Chongqing 1/1, Yunnan 1/1. By size: one 9 m² booth (A, C, D) 3/2, medium (B) 1/0.
//     Paid late: C 1/1; on time 3/1.
//   S25 → S26 (selling): 4; A, E rebooked (2); B, F not yet (2), none lost yet; 2/4 not back = 50 %.
//     At S26: A, E returning; C back from an older edition (S24, A24, A25 before it); no one new.
//   A24 → A25: 2; C back, E lost: 50 %. A24 itself: C had been at S24 (older), E new.
//     A25: C returning, D back from S24.
//   The model's target `lost` is known where the next edition's sale is over: S24 (A, B no; C, D
//   yes) and A24 (C no, E yes); S25's stands have no known outcome yet, S26's and A25's no next edition.
// A rep who owns only A and C sees S25 as: 1 exhibitor (A, returning); of S24's, A retained, C lost.

const API = '/api/plugins/exhibition';
let t: TestApp;
let rep: Person;
let outsider: Person;
const ids: Record<string, string> = {};
const editions: Record<string, Record<string, any>> = {};

async function create(who: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await who.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

let boothNo = 0;
/** One exhibitor's stand: its booths sold on one paid reservation. */
async function stand(edition: string, exhibitor: string, areas: number[], late = false) {
  const e = editions[edition];
  const hall = await create(t.admin, 'hall', { exhibition: e.id, name: `Hall ${++boothNo}`, width: 100, depth: 100 });
  const due = `${e.year}-02-01`;
  const reservation = await create(t.admin, 'booth_reservation', {
    exhibition: e.id, exhibitor: ids[exhibitor], amount_paid: areas.reduce((s, a) => s + a * 1000, 0),
    payment_status: 'paid', balance_due_on: due, paid_on: late ? `${e.year}-02-20` : `${e.year}-01-20`,
  });
  for (const area of areas) {
    const booth = await create(t.admin, 'booth', { number: `B${++boothNo}`, exhibition: e.id, hall: hall.id, area, price: area * 1000, x: boothNo * 6, y: 0, width: area / 3, depth: 3 });
    await create(t.admin, 'booth_booking', { booth: booth.id, exhibitor: ids[exhibitor], reservation: reservation.id, status: 'sold' });
  }
}

const rows = async (api: ApiClient = t.admin) => {
  const res = await api.get('/api/records/exhibitor_edition?limit=100');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Record<string, any>[];
};
const row = (list: Record<string, any>[], edition: string, exhibitor: string) => list.find((r) => r.edition === editions[edition].id && r.exhibitor === ids[exhibitor]);
const retention = (edition: string, api: ApiClient = t.admin) => api.get(`${API}/exhibitions/${editions[edition].id}/retention`);
const group = (list: { value: unknown }[], value: unknown) => list.find((g) => g.value === value);

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  // A rep who reads the accounts they own and those accounts' stands.
  const role = await t.admin.put('/api/admin/roles/fair_rep', {
    name: 'fair_rep',
    objects: {
      exhibition: { operations: ['read'] },
      account: { operations: ['read', 'create', 'update'], scope: { read: 'own' } },
      exhibitor_edition: { operations: ['read'], scope: { read: { filter: { 'exhibitor._owner': { $eq: '$user.id' } } } } },
    },
  });
  expect(role.status, JSON.stringify(role.body)).toBeLessThan(300);
  rep = await addPerson(t, 'fair.rep', ['fair_rep']);
  outsider = await addPerson(t, 'fair.outsider', ['exhibition_sales']);
  const profiles: Record<string, [string, string, string]> = {
    A: ['raw_materials', 'Sichuan', 'producer'], B: ['finished_goods', 'Sichuan', 'distributor'], C: ['peripheral', 'Chongqing', 'service_agency'],
    D: ['peripheral', 'Yunnan', 'producer'], E: ['finished_goods', 'Chongqing', 'producer'], F: ['raw_materials', 'Yunnan', 'distributor'],
  };
  for (const [name, [supply_chain, region, business_role]] of Object.entries(profiles)) {
    const owner = name === 'A' || name === 'C' ? rep.api : t.admin;
    ids[name] = (await create(owner, 'account', { name: `Exhibitor ${name}`, is_exhibitor: true, supply_chain, region, business_role })).id;
  }
  const edition = async (key: string, year: number, season: string, status: string, previous?: string) => {
    const month = season === 'spring' ? '03' : '10';
    editions[key] = await create(t.admin, 'exhibition', {
      name: `${season} ${year}`, year, season, status, start_date: `${year}-${month}-20`, end_date: `${year}-${month}-22`,
      ...(previous ? { previous_edition: editions[previous].id } : {}),
    });
  };
  await edition('S24', 2024, 'spring', 'closed');
  await edition('A24', 2024, 'autumn', 'closed');
  await edition('S25', 2025, 'spring', 'closed', 'S24');
  await edition('A25', 2025, 'autumn', 'closed', 'A24');
  await edition('S26', 2026, 'spring', 'booking', 'S25');
  await stand('S24', 'A', [9]);
  await stand('S24', 'B', [9, 9]);
  await stand('S24', 'C', [9], true);
  await stand('S24', 'D', [9]);
  await stand('S25', 'A', [9]);
  await stand('S25', 'B', [9]);
  await stand('S25', 'E', [36]);
  await stand('S25', 'F', [9]);
  await stand('S26', 'A', [9]);
  await stand('S26', 'E', [9]);
  await stand('S26', 'C', [9]);
  await stand('A24', 'C', [9]);
  await stand('A24', 'E', [9]);
  await stand('A25', 'C', [9]);
  await stand('A25', 'D', [9]);
  // A hall of S26 with a booth still on sale and one kept off sale, for the occupancy.
  const hallZ = await create(t.admin, 'hall', { exhibition: editions.S26.id, name: 'Hall Z', width: 50, depth: 50 });
  await create(t.admin, 'booth', { number: 'Z1', exhibition: editions.S26.id, hall: hallZ.id, area: 9, price: 9000, x: 0, y: 0, width: 3, depth: 3 });
  const z2 = await create(t.admin, 'booth', { number: 'Z2', exhibition: editions.S26.id, hall: hallZ.id, area: 9, price: 9000, x: 6, y: 0, width: 3, depth: 3 });
  expect((await t.admin.post(`${API}/booths/${z2.id}/block`, {})).status).toBe(200);
  // The retention job runs after the bookings' changes; the refresh is the same work at once.
  const refreshed = await t.admin.post(`${API}/retention/refresh`, {});
  expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe('the materialised stands (exhibitor_edition)', () => {
  it('holds one record per exhibitor and edition with its status and outcome as counted by hand', async () => {
    const list = await eventually(() => rows(), (l) => l.length === 15);
    expect(list).toHaveLength(15);
    const expected: [string, string, string, string | null, boolean | null][] = [
      ['S24', 'A', 'new', 'retained', false], ['S24', 'B', 'new', 'retained', false], ['S24', 'C', 'new', 'lost', true], ['S24', 'D', 'new', 'lost', true],
      ['S25', 'A', 'returning', 'retained', null], ['S25', 'B', 'returning', 'not_yet', null], ['S25', 'E', 'returning_older', 'retained', null], ['S25', 'F', 'new', 'not_yet', null],
      ['S26', 'A', 'returning', null, null], ['S26', 'E', 'returning', null, null], ['S26', 'C', 'returning_older', null, null],
      ['A24', 'C', 'returning_older', 'retained', false], ['A24', 'E', 'new', 'lost', true],
      ['A25', 'C', 'returning', null, null], ['A25', 'D', 'returning_older', null, null],
    ];
    for (const [edition, exhibitor, status, outcome, lost] of expected) {
      expect(row(list, edition, exhibitor), `${edition} ${exhibitor}`).toMatchObject({ status, outcome, lost });
    }
    expect(row(list, 'S24', 'B')).toMatchObject({ booths: 2, area: 18, stand_size: 'medium', spend: 18_000, paid_late: false, supply_chain: 'finished_goods', region: 'Sichuan', business_role: 'distributor', editions_before: 0, season: 'spring', year: 2024 });
    expect(row(list, 'S24', 'C')).toMatchObject({ paid_late: true, stand_size: 'one_booth_9m2' });
    expect(row(list, 'S25', 'E')).toMatchObject({ stand_size: 'large', editions_before: 1 });
    expect(row(list, 'S26', 'C')).toMatchObject({ editions_before: 3 });
  });

  it('a second refresh changes nothing', async () => {
    const res = await t.admin.post(`${API}/retention/refresh`, {});
    expect(res.body).toEqual({ created: 0, changed: 0, deleted: 0 });
  });
});

describe('GET /exhibitions/:id/retention', () => {
  it('counts spring 2025 against spring 2024 as by hand, with churn by profile', async () => {
    const res = await retention('S25');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      edition: { id: editions.S25.id, season: 'spring', year: 2025 }, previous: { id: editions.S24.id },
      exhibitors: 4, returning: 2, returningFromOlder: 1, new: 1,
      fromPrevious: { exhibitors: 4, retained: 2, lost: 2, notYet: 0, churnRate: 0.5 },
    });
    const by = res.body.churnBy;
    expect(group(by.supply_chain, 'raw_materials')).toMatchObject({ exhibitors: 1, lost: 0, churnRate: 0, label: 'Raw materials' });
    expect(group(by.supply_chain, 'finished_goods')).toMatchObject({ exhibitors: 1, lost: 0, churnRate: 0 });
    expect(group(by.supply_chain, 'peripheral')).toMatchObject({ exhibitors: 2, lost: 2, churnRate: 1 });
    expect(group(by.region, 'Sichuan')).toMatchObject({ exhibitors: 2, lost: 0 });
    expect(group(by.region, 'Chongqing')).toMatchObject({ exhibitors: 1, lost: 1 });
    expect(group(by.region, 'Yunnan')).toMatchObject({ exhibitors: 1, lost: 1 });
    expect(group(by.stand_size, 'one_booth_9m2')).toMatchObject({ exhibitors: 3, lost: 2, churnRate: 0.6667 });
    expect(group(by.stand_size, 'medium')).toMatchObject({ exhibitors: 1, lost: 0 });
    expect(group(by.paid_late, true)).toMatchObject({ exhibitors: 1, lost: 1 });
    expect(group(by.paid_late, false)).toMatchObject({ exhibitors: 3, lost: 1 });
    expect(group(by.business_role, 'producer')).toMatchObject({ exhibitors: 2, lost: 1 });
    expect(res.body.lostExhibitors.map((r: { exhibitor: string }) => r.exhibitor).sort()).toEqual([ids.C, ids.D].sort());
  });

  it('counts the edition in sale with who has not rebooked yet, and the series of each season', async () => {
    const res = await retention('S26');
    expect(res.body).toMatchObject({ exhibitors: 3, returning: 2, returningFromOlder: 1, new: 0, fromPrevious: { exhibitors: 4, retained: 2, lost: 0, notYet: 2, churnRate: 0.5 } });
    expect(res.body.lostExhibitors.map((r: { exhibitor: string; outcome: string }) => [r.exhibitor, r.outcome]).sort()).toEqual([[ids.B, 'not_yet'], [ids.F, 'not_yet']].sort());
    const series = Object.fromEntries(res.body.series.map((s: { season: string; editions: unknown[] }) => [s.season, s.editions]));
    expect(series.spring.map((l: any) => [l.edition.year, l.exhibitors, l.returning, l.returningFromOlder, l.new, l.fromPrevious?.lost ?? null])).toEqual([
      [2024, 4, 0, 0, 4, null], [2025, 4, 2, 1, 1, 2], [2026, 3, 2, 1, 0, 0],
    ]);
    expect(series.autumn.map((l: any) => [l.edition.year, l.exhibitors, l.returning, l.returningFromOlder, l.new, l.fromPrevious?.churnRate ?? null])).toEqual([
      [2024, 2, 0, 1, 1, null], [2025, 2, 1, 1, 0, 0.5],
    ]);
  });

  it('follows a booking: an exhibitor who rebooks is retained, recomputed by the job', async () => {
    await stand('S26', 'B', [9]);
    const res = await eventually(() => retention('S26'), (r) => r.body.fromPrevious?.retained === 3);
    expect(res.body).toMatchObject({ exhibitors: 4, returning: 3, fromPrevious: { retained: 3, notYet: 1, churnRate: 0.25 } });
    expect(res.body.lostExhibitors.map((r: { exhibitor: string }) => r.exhibitor)).toEqual([ids.F]);
  });
});

describe('permissions', () => {
  it('gives a scoped rep the retention of the accounts they may read, and no other', async () => {
    const mine = await rows(rep.api);
    expect(new Set(mine.map((r) => r.exhibitor))).toEqual(new Set([ids.A, ids.C]));
    const res = await retention('S25', rep.api);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ exhibitors: 1, returning: 1, returningFromOlder: 0, new: 0, fromPrevious: { exhibitors: 2, retained: 1, lost: 1, notYet: 0, churnRate: 0.5 } });
    expect(res.body.churnBy.supply_chain.map((g: { value: string; exhibitors: number; lost: number }) => [g.value, g.exhibitors, g.lost])).toEqual([['peripheral', 1, 1], ['raw_materials', 1, 0]]);
    expect(res.body.lostExhibitors.map((r: { exhibitor: string }) => r.exhibitor)).toEqual([ids.C]);
    expect(JSON.stringify(res.body)).not.toMatch(/Exhibitor [BDEF]/);
  });

  it('refuses a caller who may not read the stands, and an unknown edition', async () => {
    const sales = await t.admin.put('/api/admin/roles/fair_viewer', { name: 'fair_viewer', objects: { exhibition: { operations: ['read'] } } });
    expect(sales.status, JSON.stringify(sales.body)).toBeLessThan(300);
    const viewer = await addPerson(t, 'fair.viewer', ['fair_viewer']);
    const refused = await retention('S25', viewer.api);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await t.admin.get(`${API}/exhibitions/999999/retention`)).status).toBe(404);
  });

  it('lets only those who may update editions recompute at once', async () => {
    const res = await outsider.api.post(`${API}/retention/refresh`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You are not permitted to recompute the retention figures.');
  });
});

describe('GET /exhibitions/:id/occupancy', () => {
  // S26 by hand: four halls with one sold 9 m² booth each (A, E, C, and B who rebooked above: ¥9,000
  // each) and Hall Z with one 9 m² booth on sale and one blocked. On sale 5 booths, 45 m²; booked 4,
  // 36 m²: 80 %; revenue ¥36,000.
  it('gives booths and area on sale, booked, occupancy and revenue per hall and in all', async () => {
    const res = await t.admin.get(`${API}/exhibitions/${editions.S26.id}/occupancy`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toMatchObject({ booths: 6, blocked: 1, sellable: 5, booked: 4, sellableArea: 45, bookedArea: 36, occupancy: 0.8, revenue: 36_000 });
    expect(res.body.halls).toHaveLength(5);
    const z = res.body.halls.find((h: { hall: { name: string } }) => h.hall.name === 'Hall Z');
    expect(z).toMatchObject({ booths: 2, blocked: 1, sellable: 1, booked: 0, occupancy: 0, revenue: 0, byStatus: { available: { booths: 1, area: 9 }, blocked: { booths: 1, area: 9 } } });
    const sold = res.body.halls.filter((h: { occupancy: number }) => h.occupancy === 1);
    expect(sold).toHaveLength(4);
    for (const h of sold) expect(h).toMatchObject({ booths: 1, booked: 1, revenue: 9000, byStatus: { sold: { booths: 1, area: 9 } } });
  });

  it('refuses a reader who may read the edition but not its booths, and an unknown edition', async () => {
    expect((await t.admin.put('/api/admin/roles/edition_reader', { name: 'edition_reader', objects: { exhibition: { operations: ['read'] } } })).status).toBeLessThan(300);
    const viewer = await addPerson(t, 'fair.occupancy.viewer', ['edition_reader']);
    expect((await viewer.api.get(`${API}/exhibitions/${editions.S26.id}/occupancy`)).status).toBe(403);
    expect((await t.admin.get(`${API}/exhibitions/999999/occupancy`)).status).toBe(404);
  });
});
