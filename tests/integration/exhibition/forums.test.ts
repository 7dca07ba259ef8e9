import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { q } from '../permissions/permission-helpers.ts';
import { createRecord, exhibitionUser } from './helpers/exhibition-people.ts';

// Forums (issue 15, item 5): seats and waiting lists kept by the database, whatever arrives at once.

const BASE = '/api/plugins/exhibition';
let t: TestApp;
let sales: ApiClient;
let portalA: { id: string; api: ApiClient };
let portalB: { id: string; api: ApiClient };
let edition: string;
let accountA: string;
let accountB: string;

const session = async (title: string, capacity: number, status = 'open') =>
  String((await createRecord(sales, 'forum_session', { exhibition: edition, title, capacity, status, starts_at: '2027-03-25T02:00:00Z', ends_at: '2027-03-25T04:00:00Z', room: '会议室 A', speaker: '王教授' })).id);
const register = (who: ApiClient, id: string, body: Record<string, unknown>) => who.post(`${BASE}/forum-sessions/${id}/register`, body);

async function registrations(id: string): Promise<Record<string, any>[]> {
  const res = await t.admin.get(`/api/records/forum_registration?limit=500&sort=id&filter=${q({ session: id })}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  edition = String((await createRecord(t.admin, 'exhibition', { name: '2027 春季糖酒会', year: 2027, season: 'spring', start_date: '2027-03-25', end_date: '2027-03-27', status: 'booking' })).id);
  accountA = String((await createRecord(t.admin, 'account', { name: '泸州老窖', is_exhibitor: true })).id);
  accountB = String((await createRecord(t.admin, 'account', { name: '洋河股份', is_exhibitor: true })).id);
  sales = (await exhibitionUser(t, ['exhibition_sales'])).api;
  portalA = await exhibitionUser(t, ['exhibitor_portal'], accountA);
  portalB = await exhibitionUser(t, ['exhibitor_portal'], accountB);
});
afterAll(() => t?.close());

describe('POST /forum-sessions/:id/register', () => {
  it('seats exactly as many of 30 simultaneous registrations as there are seats; the rest wait in order', async () => {
    const id = await session('白酒产业趋势论坛', 10);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => register(sales, id, { attendeeName: `参会人${i + 1}`, company: '测试公司' })));
    expect(answers.map((a) => a.status), JSON.stringify(answers.find((a) => a.status !== 201)?.body)).toEqual(Array(30).fill(201));
    const seated = answers.filter((a) => a.body.status === 'registered');
    expect(seated).toHaveLength(10);
    expect(seated.map((a) => a.body.seat).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const waiting = answers.filter((a) => a.body.status === 'waiting');
    expect(waiting).toHaveLength(20);
    const stored = await registrations(id);
    expect(stored.filter((r) => r.status === 'registered')).toHaveLength(10);
    const places = stored.filter((r) => r.status === 'waiting').map((r) => r.position).sort((x, y) => x - y);
    expect(places).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const seats = await sales.get(`${BASE}/forum-sessions/seats?edition=${edition}`);
    expect(seats.body.data.find((s: { id: string }) => s.id === id)).toMatchObject({ capacity: 10, registered: 10, waiting: 20, seatsLeft: 0 });
  });

  it('gives a cancelled seat to the first in line, who is told, and moves the line up', async () => {
    const id = await session('葡萄酒品鉴会', 1);
    const first = await register(portalA.api, id, { attendeeName: '张三' });
    const second = await register(portalB.api, id, { attendeeName: '李四' });
    const third = await register(portalA.api, id, { attendeeName: '王五' });
    expect(first.body).toMatchObject({ status: 'registered', seat: 1 });
    expect(second.body).toMatchObject({ status: 'waiting', position: 1 });
    expect(third.body).toMatchObject({ status: 'waiting', position: 2 });
    const cancelled = await portalA.api.post(`${BASE}/forum-registrations/${first.body.registration.id}/cancel`, {});
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', promoted: second.body.registration.id });
    const promoted = await portalB.api.get(`/api/records/forum_registration/${second.body.registration.id}`);
    expect(promoted.body).toMatchObject({ status: 'registered', seat: 1, position: null });
    const notices = await portalB.api.get('/api/notifications');
    expect(notices.body.data[0]).toMatchObject({ object: 'forum_registration', recordId: second.body.registration.id });
    expect(notices.body.data[0].text).toContain('李四');
    // 王五 is now first in line.
    const seats = await register(sales, id, { attendeeName: '赵六' });
    expect(seats.body).toMatchObject({ status: 'waiting', position: 2 });
    const places = await portalA.api.get(`${BASE}/forum-sessions/seats?edition=${edition}`);
    expect(places.body.mine.filter((r: { session: string }) => r.session === id)).toEqual([expect.objectContaining({ attendee_name: '王五', status: 'waiting', place: 1 })]);
    expect(places.body.mine.every((r: { exhibitor: string }) => r.exhibitor === accountA)).toBe(true);
    const again = await portalA.api.post(`${BASE}/forum-registrations/${first.body.registration.id}/cancel`, {});
    expect(again.status).toBe(409);
  });

  it('keeps portal users to their own company\'s registrations', async () => {
    const id = await session('食品安全论坛', 5);
    const mine = await register(portalA.api, id, { attendeeName: '陈一', exhibitor: accountB });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.registration.exhibitor).toBe(accountA);
    const theirs = await register(portalB.api, id, { attendeeName: '陈二' });
    expect((await portalA.api.get(`/api/records/forum_registration/${theirs.body.registration.id}`)).status).toBe(404);
    expect((await portalA.api.post(`${BASE}/forum-registrations/${theirs.body.registration.id}/cancel`, {})).status).toBe(404);
    const listed = await portalA.api.get(`/api/records/forum_registration?limit=500`);
    expect(listed.body.data.every((r: { exhibitor: string }) => r.exhibitor === accountA)).toBe(true);
    const direct = await portalA.api.post('/api/records/forum_registration', { session: id, attendee_name: '陈三', exhibitor: accountB });
    expect(direct.status, JSON.stringify(direct.body)).toBe(201);
    expect(direct.body).toMatchObject({ exhibitor: accountA, status: 'registered' });
    const forged = await portalA.api.post('/api/records/forum_registration', { session: id, attendee_name: '陈四', status: 'registered', seat: 1 });
    expect(forged.status).toBe(422);
    expect((await portalA.api.patch(`/api/records/forum_registration/${mine.body.registration.id}`, { status: 'attended', _version: 1 })).status).toBe(403);
  });

  it('refuses closed sessions, unknown ones and bad input, changing nothing', async () => {
    const closed = await session('已截止论坛', 5, 'closed');
    const res = await t.admin.raw(`${BASE}/forum-sessions/${closed}/register`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ attendeeName: '周八' }) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('该场次未开放报名。');
    expect((await register(sales, '999999', { attendeeName: 'x' })).status).toBe(404);
    const open = await session('参数检查', 5);
    expect((await register(sales, open, {})).status).toBe(400);
    expect((await register(sales, open, { attendeeName: 'x', nope: 1 })).status).toBe(400);
    expect((await register(sales, open, { attendeeName: 'x'.repeat(300) })).status).toBe(400);
    expect(await registrations(open)).toEqual([]);
    expect(await registrations(closed)).toEqual([]);
  });
});
