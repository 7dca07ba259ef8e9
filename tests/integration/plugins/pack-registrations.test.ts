import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { addPerson } from '../helpers/people.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 13 item 1: what packs register (definition kinds with their own schemas, field types,
// workflow actions) lives on each server's plugin host. Two servers in one process, one with the
// fixture packs and one without, must not see each other's registrations.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/packs');
let withPacks: TestApp;
let without: TestApp;

beforeAll(async () => {
  withPacks = await startTestApp({ config: { packDirs: [fixtures] } });
  without = await startTestApp();
});
afterAll(async () => {
  await without?.close();
  await withPacks?.close();
});

const shipment = { fields: [{ name: 'code', type: 'text', fieldType: 'demo_shop.order_code' }] };
const stamping = (object: string) => ({
  name: 'stamping', object, initial: 'open',
  states: { open: { on: { ship: 'done' } }, done: { type: 'final', entry: [{ run: 'demo_shop.stamp', params: {} }] } },
});

describe('a pack that owns a definition kind', () => {
  it('installs its definitions, validated by the schema in its own folder', async () => {
    const res = await withPacks.admin.post('/api/packs/site_checks/install');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes).toEqual(['pack site_checks 0.1.0 installed', 'object site_visit created', 'checklist visit_basics created']);
    expect((await withPacks.admin.get('/api/meta/checklists/visit_basics')).body).toMatchObject({ object: 'site_visit', items: ['safety_ok', 'photos_taken'], version: 1 });
  });

  it("refuses a definition its schema or its check refuses, with JSON pointers in the caller's language", async () => {
    const schema = await withPacks.admin.put('/api/meta/checklists/bad', { object: 'site_visit', items: [], colour: 'red' });
    expect(schema.status).toBe(422);
    expect(schema.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/colour', '/items']);
    const check = await withPacks.admin.put('/api/meta/checklists/bad', { object: 'site_visit', items: ['safety_ok', 'no_such_field'] });
    expect(check.status).toBe(422);
    expect(check.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/items/1']);
    const zh = await withPacks.admin.raw('/api/meta/checklists/bad', { method: 'PUT', headers: { 'accept-language': 'zh-CN', 'content-type': 'application/json' }, body: JSON.stringify({ items: ['safety_ok'] }) });
    expect(zh.status).toBe(422);
    expect(((await zh.json()) as { error: { details: unknown[] } }).error.details).toEqual([{ path: '/object', message: '为必填项' }]);
    expect((await withPacks.admin.get('/api/meta/checklists/bad')).status).toBe(404);
  });

  it('is named in messages by the label it was registered with', async () => {
    const zh = await withPacks.admin.raw('/api/meta/checklists/nowhere', { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(404);
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe('没有名为“nowhere”的检查清单。');
    const en = await withPacks.admin.get('/api/meta/checklists/nowhere');
    expect(en.body.error.message).toBe("There is no checklist named 'nowhere'.");
  });
});

describe("a pack's job acting for a user", () => {
  const visitTitles = async () => (await withPacks.admin.get('/api/records/site_visit?limit=100')).body.data.map((v: { title: string }) => v.title);
  const jobNote = async (after: number) => {
    const titles = await eventually(visitTitles, (all) => all.filter((x: string) => x.startsWith('{')).length > after);
    return JSON.parse(titles.filter((x: string) => x.startsWith('{'))[after]);
  };

  it("reads as that user, knows who saved a definition, and is refused for a disabled user", async () => {
    const role = await withPacks.admin.put('/api/admin/roles/visit_owner', { objects: { site_visit: { operations: ['read', 'create'], scope: { read: 'own' } } } });
    expect(role.status, JSON.stringify(role.body)).toBeLessThan(300);
    const inspector = await addPerson(withPacks, 'inspector', ['visit_owner']);
    expect((await inspector.api.post('/api/records/site_visit', { title: 'mine' })).status).toBe(201);
    expect((await withPacks.admin.post('/api/records/site_visit', { title: 'not theirs' })).status).toBe(201);
    const adminId = String((await withPacks.admin.get('/api/auth/me')).body.id);
    expect((await withPacks.admin.post('/api/packs/field_office/install')).status).toBe(200);

    await withPacks.tessera.services.jobs.send('field_office.count_visits', { userId: inspector.id, checklist: 'visit_basics' });
    expect(await jobNote(0)).toEqual({ user: 'inspector', lang: 'en', visible: 1, savedBy: adminId });

    expect((await withPacks.admin.patch(`/api/admin/users/${inspector.id}`, { active: false })).status).toBe(200);
    await withPacks.tessera.services.jobs.send('field_office.count_visits', { userId: inspector.id, checklist: 'visit_basics' });
    expect(await jobNote(1)).toEqual({ refused: `用户 ${inspector.id} 不存在或已停用，无法代其执行任何操作。` });
  });
});

describe('two servers in one process', () => {
  it('know only the field types, workflow actions and kinds of their own packs', async () => {
    expect((await withPacks.admin.put('/api/meta/objects/shipment', shipment)).status).toBe(201);
    const unknownType = await without.admin.put('/api/meta/objects/shipment', shipment);
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/fields/0/fieldType']);

    expect((await without.admin.put('/api/meta/objects/shipment', { fields: [{ name: 'code', type: 'text' }] })).status).toBe(201);
    expect((await withPacks.admin.put('/api/meta/workflows/stamping', stamping('shipment'))).status).toBe(201);
    const unknownAction = await without.admin.put('/api/meta/workflows/stamping', stamping('shipment'));
    expect(unknownAction.status).toBe(422);
    expect(unknownAction.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/states/done/entry/0/run']);

    expect((await without.admin.get('/api/meta/checklists')).status).toBe(404);
    expect((await without.admin.put('/api/meta/checklists/visit_basics', { object: 'shipment', items: ['code'] })).status).toBe(404);
    expect((await withPacks.admin.get('/api/meta/checklists')).status).toBe(200);
  });

  it("checks values against the field type of the server's own pack", async () => {
    const bad = await withPacks.admin.post('/api/records/shipment', { code: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: '/code', message: 'code must look like ABC-123' }]);
    expect((await withPacks.admin.post('/api/records/shipment', { code: 'AB-1' })).status).toBe(201);
    expect((await without.admin.post('/api/records/shipment', { code: 'nope' })).status).toBe(201);
  });
});
