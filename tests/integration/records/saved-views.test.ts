import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, type Person } from '../permissions/permission-helpers.ts';

// Saved list views (GET /api/views/:object, PUT|DELETE /api/views/:object/:name): kept on the server per
// user, optionally shared, and never naming what their owner cannot read.

let t: TestApp;
let ann: Person;
let bob: Person;
let stranger: Person;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/deal', { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'stage', type: 'enum', options: ['open', 'won'] }, { name: 'margin', type: 'number' }, { name: 'tier', type: 'enum', options: ['a', 'b'] }, { name: 'closes_on', type: 'date' }, { name: 'signed_at', type: 'datetime' }, { name: 'review_on', type: 'date' }] });
  expect(res.status).toBe(201);
  await putRole(t, 'deal_reader', { deal: { operations: ['read'], fields: { margin: 'none', tier: 'none', review_on: 'none' } } });
  ann = await addUser(t, { roles: ['deal_reader'] });
  bob = await addUser(t, { roles: ['deal_reader'] });
  stranger = await addUser(t, { roles: [] });
});
afterAll(() => t?.close());

const views = async (who: Person) => (await who.api.get('/api/views/deal')).body.data as { name: string; mine: boolean; shared: boolean; filter?: unknown }[];

describe('saved views', () => {
  it('keeps a view for its owner, replaces it under the same name and deletes it', async () => {
    const created = await ann.api.put('/api/views/deal/Won%20deals', { filter: { stage: { $eq: 'won' } }, sort: '-name', columns: ['name', 'stage'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Won deals', filter: { stage: { $eq: 'won' } }, sort: '-name', columns: ['name', 'stage'], shared: false, mine: true });
    const replaced = await ann.api.put('/api/views/deal/Won%20deals', { filter: { stage: { $eq: 'open' } } });
    expect(replaced.status).toBe(200);
    expect(await views(ann)).toEqual([expect.objectContaining({ name: 'Won deals', filter: { stage: { $eq: 'open' } }, mine: true })]);
    expect(await views(bob)).toEqual([]);
    expect((await ann.api.delete('/api/views/deal/Won%20deals')).status).toBe(204);
    expect(await views(ann)).toEqual([]);
    expect((await ann.api.delete('/api/views/deal/Won%20deals')).status).toBe(404);
  });

  it('shows a shared view to others, who may use but not change it', async () => {
    expect((await ann.api.put('/api/views/deal/Team%20view', { sort: 'name', shared: true })).status).toBe(201);
    const seen = await views(bob);
    expect(seen).toEqual([expect.objectContaining({ name: 'Team view', shared: true, mine: false, owner: expect.objectContaining({ id: ann.id }) })]);
    expect((await bob.api.delete('/api/views/deal/Team%20view')).status).toBe(404);
    expect((await views(ann))[0].name).toBe('Team view');
  });

  it('refuses a view naming a field its owner cannot read, or a bad filter or sort, storing nothing', async () => {
    const hidden = await bob.api.put('/api/views/deal/Margins', { columns: ['name', 'margin'] });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details).toEqual([{ path: '/columns/1', message: "'margin' is not a field you can see" }]);
    expect((await bob.api.put('/api/views/deal/Margins', { filter: { margin: { $gt: 1 } } })).status).toBe(403);
    const bad = await bob.api.put('/api/views/deal/Bad', { filter: { stage: { $near: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/filter/stage/$near');
    expect((await bob.api.put('/api/views/deal/Bad', { sort: 'nothing' })).status).toBe(400);
    expect((await bob.api.put('/api/views/deal/Bad', { colour: 'red' })).status).toBe(400);
    expect((await views(bob)).filter((v) => v.mine)).toEqual([]);
  });

  it('is 403 for an object the caller cannot read and 404 for an unknown one', async () => {
    expect((await stranger.api.get('/api/views/deal')).status).toBe(403);
    expect((await stranger.api.put('/api/views/deal/Mine', {})).status).toBe(403);
    expect((await ann.api.get('/api/views/nothing')).status).toBe(404);
  });

  it('keeps a kanban by a choice field and a calendar on a date field, checking each field', async () => {
    const kanban = await ann.api.put('/api/views/deal/By%20stage', { type: 'kanban', groupBy: 'stage', filter: { name: { $contains: 'a' } } });
    expect(kanban.status, JSON.stringify(kanban.body)).toBe(201);
    expect(kanban.body).toMatchObject({ type: 'kanban', groupBy: 'stage', filter: { name: { $contains: 'a' } } });
    const calendar = await ann.api.put('/api/views/deal/Closing', { type: 'calendar', dateField: 'closes_on', endField: 'signed_at' });
    expect(calendar.status).toBe(201);
    expect((await views(ann)).find((v) => v.name === 'Closing')).toMatchObject({ type: 'calendar', dateField: 'closes_on', endField: 'signed_at' });

    const bad = await ann.api.put('/api/views/deal/Bad', { type: 'kanban', groupBy: 'name' }, { 'accept-language': 'zh-CN' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', message: '视图无效。', details: [{ path: '/groupBy', message: '“name”不是选项字段，不能作为看板的分组' }] });
    const problems = async (body: Record<string, unknown>) => {
      const res = await ann.api.put('/api/views/deal/Bad', body);
      expect(res.status).toBe(400);
      return res.body.error.details as { path: string; message: string }[];
    };
    expect(await problems({ type: 'kanban' })).toEqual([{ path: '/groupBy', message: 'a kanban view needs the choice field to group by' }]);
    expect(await problems({ type: 'calendar', dateField: 'stage' })).toEqual([{ path: '/dateField', message: "'stage' is not a date or date-time field, so it cannot place records on a calendar" }]);
    expect(await problems({ type: 'calendar', dateField: 'closes_on', endField: 'nothing' })).toEqual([{ path: '/endField', message: "'nothing' is not a field you can see" }]);
    expect(await problems({ type: 'kanban', groupBy: 'tier' })).toEqual([{ path: '/groupBy', message: "'tier' is not a field you can see" }]);
    expect(await problems({ type: 'table', groupBy: 'stage' })).toEqual([{ path: '/groupBy', message: 'does not belong to a table view' }]);
    expect(await problems({ type: 'gantt' })).toEqual([{ path: '/type', message: 'must be one of: table, kanban, calendar' }]);
    expect((await views(ann)).map((v) => v.name)).not.toContain('Bad');
  });

  it('offers a kanban or calendar on a field the reader cannot read as a table, naming what was dropped', async () => {
    expect((await t.admin.put('/api/views/deal/By%20tier', { type: 'kanban', groupBy: 'tier', shared: true })).status).toBe(201);
    expect((await t.admin.put('/api/views/deal/Reviews', { type: 'calendar', dateField: 'closes_on', endField: 'review_on', shared: true })).status).toBe(201);
    const seen = await views(bob) as Record<string, unknown>[];
    const byTier = seen.find((v) => v.name === 'By tier')!;
    expect(byTier.type).toBeUndefined();
    expect(byTier.groupBy).toBeUndefined();
    expect(byTier.dropped).toEqual([{ path: '/groupBy', field: 'tier' }]);
    expect(seen.find((v) => v.name === 'Reviews')).toMatchObject({ type: 'calendar', dateField: 'closes_on', dropped: [{ path: '/endField', field: 'review_on' }] });
    expect(seen.find((v) => v.name === 'Reviews')!.endField).toBeUndefined();
    expect(((await t.admin.get('/api/views/deal')).body.data as { name: string }[]).find((v) => v.name === 'By tier')).toMatchObject({ type: 'kanban', groupBy: 'tier' });
  });
});
