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
  const res = await t.admin.put('/api/meta/objects/deal', { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'stage', type: 'enum', options: ['open', 'won'] }, { name: 'margin', type: 'number' }] });
  expect(res.status).toBe(201);
  await putRole(t, 'deal_reader', { deal: { operations: ['read'], fields: { margin: 'none' } } });
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
});
