import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// POST /api/meta/calendars/:name/due: the moment a number of working hours on a stored calendar runs
// out, as workflow timeouts and SLAs count it (the calendar editor's preview asks it).

let t: TestApp;
let reader: ApiClient;
const office = [['09:00', '12:00'], ['13:30', '18:00']];
const calendar = {
  name: 'desk', label: { en: 'Desk hours', 'zh-CN': '服务台时间' }, timezone: 'Asia/Shanghai',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [{ from: '2027-01-01', to: '2027-01-03', name: 'New Year' }, '2026-12-25'],
  workdays: ['2026-12-26'],
};
const due = (api: ApiClient, body: unknown, name = 'desk', headers?: Record<string, string>) => api.post(`/api/meta/calendars/${name}/due`, body, headers);

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/calendars/desk', calendar)).status).toBe(201);
  const res = await t.admin.post('/api/admin/users', { username: 'cal.reader', password: 'Correct-horse-42', name: 'Reader', roles: [] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  reader = await t.login('cal.reader', 'Correct-horse-42');
});
afterAll(() => t?.close());

describe('calendar due moments', () => {
  it('counts working hours across lunch, nights, weekends, holidays and make-up days', async () => {
    // Thursday 11:00 + 4h: 1h before lunch, 3h after it.
    expect((await due(reader, { start: '2026-12-24T11:00:00+08:00', hours: 4 })).body).toMatchObject({ calendar: 'desk', version: 1, timezone: 'Asia/Shanghai', hours: 4, due: '2026-12-24T08:30:00.000Z' });
    // Thursday 17:00 + 2h: Friday is a holiday, Saturday a make-up day with Monday's hours.
    expect((await due(reader, { start: '2026-12-24T17:00:00+08:00', hours: 2 })).body.due).toBe('2026-12-26T02:00:00.000Z');
    // Thursday 31 December 17:00 + 1.5h: the named New Year holiday and the weekend run to Monday 4 January.
    expect((await due(t.admin, { start: '2026-12-31T09:00:00Z', hours: 1.5 })).body.due).toBe('2027-01-04T01:30:00.000Z');
  });

  it('reads the named holiday back as it was written', async () => {
    expect((await t.admin.get('/api/meta/calendars/desk')).body.holidays).toEqual(calendar.holidays);
  });

  it('refuses a missing calendar, a start without offset and hours out of range, at their pointers in both languages', async () => {
    expect((await due(reader, { start: '2026-12-24T11:00:00+08:00', hours: 1 }, 'nowhere')).status).toBe(404);
    const en = await due(reader, { start: '2026-12-24 11:00', hours: 0 });
    expect(en.status).toBe(400);
    expect(en.body.error.code).toBe('BAD_REQUEST');
    expect(en.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/start', '/hours']);
    expect(en.body.error.details[0].message).toMatch(/offset/);
    const zh = await due(reader, { start: '2026-12-24T11:00:00+08:00', hours: 'four' }, 'desk', { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toEqual([{ path: '/hours', message: '必须是大于 0 且不超过 20000 的小时数' }]);
    expect((await due(reader, { start: '2026-02-30T11:00:00+08:00', hours: 1 })).body.error.details[0].path).toBe('/start');
    expect((await due(reader, { start: '2026-12-24T11:00:00+08:00', hours: 20_001 })).status).toBe(400);
  });

  it('answers 422 at /hours when the calendar has no working time left for them', async () => {
    const closed = { ...calendar, name: 'closed', holidays: [{ from: '2026-01-01', to: '2045-12-31', name: 'Closed' }], workdays: [] };
    expect((await t.admin.put('/api/meta/calendars/closed', closed)).status).toBe(201);
    const res = await due(t.admin, { start: '2026-12-24T11:00:00+08:00', hours: 1 }, 'closed');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/hours' }] });
    expect(res.body.error.message).toContain("'closed'");
  });

  it('refuses a holiday name that is empty', async () => {
    const res = await t.admin.put('/api/meta/calendars/desk', { ...calendar, holidays: [{ from: '2027-01-01', to: '2027-01-01', name: '' }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('/holidays/0/name');
  });
});
