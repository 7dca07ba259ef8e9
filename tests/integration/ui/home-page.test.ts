import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, q, type Person } from '../permissions/permission-helpers.ts';
import { dayVariable } from '../../../platform/src/query/filter-variable.ts';

// Issue 17, item 11: what the home page reads. A pack's home sections (`ui.home`) are checked at
// install; the records a user opened lately follow them from browser to browser and are read back
// through their read scope; the day variables ($today, $today±n) filter lists and figures.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/packs');
let t: TestApp;
let rep: Person;
let other: Person;

const visit = {
  label: { en: 'Visit', 'zh-CN': '拜访' },
  titleField: 'subject',
  fields: [{ name: 'subject', type: 'text' }, { name: 'day', type: 'date' }, { name: 'at', type: 'datetime' }, { name: 'amount', type: 'number' }],
};

async function create(who: Person, values: Record<string, unknown>): Promise<string> {
  const res = await who.api.post('/api/records/visit', values);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [fixtures] } });
  expect((await t.admin.put('/api/meta/objects/visit', visit)).status).toBe(201);
  await putRole(t, 'visitor', { visit: { operations: ['read', 'create', 'update', 'delete'], scope: { read: 'own', update: 'own', delete: 'own' } } });
  rep = await addUser(t, { roles: ['visitor'] });
  other = await addUser(t, { roles: ['visitor'] });
});
afterAll(() => t?.close());

describe('home sections in a pack manifest', () => {
  it('are checked at install: objects, fields, filters, sorts and summed fields, each named by its pointer, in the caller\'s language', async () => {
    const res = await t.admin.post('/api/packs/broken_home/install');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe("The home page sections of the pack 'broken_home' name objects or fields that do not exist, or filters that do not compile.");
    const at = '/broken_home/pack.json/ui/home';
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      `${at}/lists/0/object`, `${at}/lists/1/fields/1`, `${at}/lists/1/filter/nope`, `${at}/lists/1/sort`, `${at}/figures/0/measure/sum`, `${at}/figures/1/filter/_owner/$eq`,
    ]);
    expect(res.body.error.details[0].message).toBe("there is no object named 'no_such_object'");
    expect(res.body.error.details[1].message).toBe("the object 'home_thing' has no field 'nope'");
    expect(res.body.error.details[4].message).toBe("'rate' is not a number field that can be summed");
    const zh = await t.admin.post('/api/packs/broken_home/install', undefined, { 'accept-language': 'zh-CN' });
    expect(zh.body.error.message).toBe('扩展包“broken_home”的首页栏目引用了不存在的对象或字段，或其筛选条件无效。');
    expect(zh.body.error.details[1].message).toBe('对象“home_thing”没有字段“nope”');
    expect((await t.admin.get('/api/meta/objects/home_thing')).status).toBe(404);
  });
});

describe('the day variables', () => {
  it('filter date and date-time fields by days counted from today, in lists and in figures', async () => {
    const today = dayVariable('$today', 'date')!;
    const inDays = (n: number) => dayVariable(`$today${n < 0 ? '' : '+'}${n}`, 'date')!;
    const atNoon = (day: string) => new Date(`${day}T12:00:00`).toISOString();
    await create(rep, { subject: 'Yesterday', day: inDays(-1), at: atNoon(inDays(-1)), amount: 1 });
    await create(rep, { subject: 'Today', day: today, at: atNoon(today), amount: 10 });
    await create(rep, { subject: 'Tomorrow', day: inDays(1), at: atNoon(inDays(1)), amount: 100 });
    await create(other, { subject: 'Someone else today', day: today, at: atNoon(today), amount: 1000 });

    const list = async (filter: unknown) => (await rep.api.get(`/api/records/visit?filter=${q(filter)}&sort=day`)).body.data.map((r: { subject: string }) => r.subject);
    expect(await list({ day: { $eq: '$today' } })).toEqual(['Today']);
    expect(await list({ at: { $gte: '$today', $lt: '$today+1' } })).toEqual(['Today']);
    expect(await list({ day: { $gte: '$today-1', $lte: '$today' } })).toEqual(['Yesterday', 'Today']);
    expect(await list({ day: { $between: ['$today', '$today+1'] } })).toEqual(['Today', 'Tomorrow']);

    const figure = await rep.api.post('/api/records/visit/aggregate', { filter: { _owner: { $eq: '$user.id' }, at: { $gte: '$today', $lt: '$today+2' } }, measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] });
    expect(figure.status, JSON.stringify(figure.body)).toBe(200);
    expect(figure.body.rows).toEqual([{ count: 2, sum_amount: 110 }]);
  });
});

describe('recent records', () => {
  it('lists what the user opened, newest first, with object label and title, and only what they may still read', async () => {
    const first = await create(rep, { subject: 'First visit' });
    const second = await create(rep, { subject: 'Second visit' });
    const third = await create(rep, { subject: 'Third visit' });
    for (const id of [first, second, third, first]) expect((await rep.api.post('/api/ui/recent', { object: 'visit', id })).status).toBe(204);
    const recent = (await rep.api.get('/api/ui/recent')).body.data;
    expect(recent.map((r: { title: string }) => r.title)).toEqual(['First visit', 'Third visit', 'Second visit']);
    expect(recent[0]).toMatchObject({ object: 'visit', objectLabel: 'Visit', recordId: first });
    expect(Date.parse(recent[0].openedAt)).toBeGreaterThanOrEqual(Date.parse(recent[1].openedAt));
    // Another user's openings are their own.
    expect((await other.api.get('/api/ui/recent')).body.data).toEqual([]);

    // Moved out of the reader's scope, or deleted: no longer listed; back in scope, listed again.
    expect((await t.admin.post(`/api/records/visit/${third}/transfer`, { owner: other.id })).status).toBe(200);
    const version = (await rep.api.get(`/api/records/visit/${second}`)).body._version;
    expect((await rep.api.delete(`/api/records/visit/${second}?_version=${version}`)).status).toBeLessThan(300);
    expect((await rep.api.get('/api/ui/recent')).body.data.map((r: { recordId: string }) => r.recordId)).toEqual([first]);
    expect((await t.admin.post(`/api/records/visit/${third}/transfer`, { owner: rep.id })).status).toBe(200);
    expect((await rep.api.get('/api/ui/recent?limit=1')).body.data.map((r: { recordId: string }) => r.recordId)).toEqual([first]);
    expect((await rep.api.get('/api/ui/recent')).body.data.map((r: { recordId: string }) => r.recordId)).toEqual([first, third]);
    const zh = await rep.api.raw('/api/ui/recent', { headers: { 'accept-language': 'zh-CN' } });
    expect(((await zh.json()) as { data: { objectLabel: string }[] }).data[0].objectLabel).toBe('拜访');
  });

  it('refuses to record a record the user may not read, and a bad body or limit, changing nothing', async () => {
    const theirs = await create(other, { subject: 'Not yours' });
    const refused = await rep.api.post('/api/ui/recent', { object: 'visit', id: theirs });
    expect(refused.status).toBe(404);
    expect((await rep.api.post('/api/ui/recent', { object: 'visit' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/id', message: 'is required' }] });
    expect((await rep.api.post('/api/ui/recent', { object: 'no_such_thing', id: '1' })).status).toBe(404);
    expect((await rep.api.get('/api/ui/recent?limit=0')).status).toBe(400);
    expect((await rep.api.get('/api/ui/recent')).body.data.some((r: { recordId: string }) => r.recordId === theirs)).toBe(false);
  });
});
