import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addPerson } from '../helpers/people.ts';

// Configuration transfer (issue 18, item 6): export system A's definitions as a pack, import them into
// system B with a diff, a dry run that changes nothing and an all-or-nothing apply.

let a: TestApp;
let b: TestApp;

const site = {
  name: 'site', label: { en: 'Site', 'zh-CN': '站点' }, titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'status', type: 'enum', options: ['open', 'closed'] },
    { name: 'size', type: 'number' },
  ],
};
const visit = {
  name: 'visit', label: { en: 'Visit', 'zh-CN': '拜访' }, titleField: 'note',
  fields: [{ name: 'note', type: 'text' }, { name: 'site', type: 'lookup', target: 'site' }],
};
const siteFlow = { name: 'site_flow', object: 'site', initial: 'draft', states: { draft: { on: { submit: 'done' } }, done: { type: 'final' } } };
const sitesByStatus = { label: { en: 'Sites by status', 'zh-CN': '按状态统计站点' }, object: 'site', groupBy: [{ field: 'status' }], measures: [{ fn: 'count' }] };

type Bundle = { manifest: { name: string; version: string }; definitions: Record<string, Record<string, any>[]> };

async function ok(res: Promise<{ status: number; body: unknown }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as any;
}

const exportFrom = async (t: TestApp): Promise<Bundle> => ok(t.admin.get('/api/admin/config/export'));
const dryRun = (t: TestApp, bundle: unknown, query = '') => t.admin.post(`/api/admin/config/import?dryRun=true${query}`, bundle);
const apply = (t: TestApp, bundle: unknown, basis: string, query = '') => t.admin.post(`/api/admin/config/import?basis=${basis}${query}`, bundle);
const itemOf = (diff: { items: any[] }, kind: string, name: string) => diff.items.find((i) => i.kind === kind && i.name === name);
const objectNames = async (t: TestApp) => ((await ok(t.admin.get('/api/meta/objects'))).data as { name: string }[]).map((o) => o.name);

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp();
  // Written in an order the import must not rely on: the visit's lookup needs the site first.
  await ok(a.admin.put('/api/meta/objects/site', site), 201);
  await ok(a.admin.put('/api/meta/objects/visit', visit), 201);
  await ok(a.admin.put('/api/admin/roles/site_rep', { name: 'site_rep', label: { en: 'Site rep', 'zh-CN': '站点专员' }, objects: { site: { operations: ['read', 'create', 'update'] }, visit: { operations: ['read', 'create'] } } }), 201);
  await ok(a.admin.put('/api/meta/workflows/site_flow', siteFlow), 201);
  await ok(a.admin.put('/api/meta/reports/sites_by_status', sitesByStatus), 201);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('export', () => {
  it('is a pack: a valid manifest and the definitions per folder, empty folders included', async () => {
    const bundle = await exportFrom(a);
    expect(bundle.manifest).toMatchObject({ name: 'configuration', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(bundle.definitions.objects.map((o) => o.name)).toEqual(['site', 'visit']);
    expect(bundle.definitions.objects[0]).toEqual(site);
    expect(bundle.definitions.roles.map((r) => r.name)).toContain('site_rep');
    expect(bundle.definitions.workflows.map((w) => w.name)).toEqual(['site_flow']);
    expect(bundle.definitions.reports.map((r) => r.name)).toEqual(['sites_by_status']);
    expect(bundle.definitions.dashboards).toEqual([]);
  });

  it('is for superusers only, on export and on import', async () => {
    const clerk = await addPerson(a, 'config.clerk', []);
    const denied = await clerk.api.get('/api/admin/config/export');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect((await clerk.api.post('/api/admin/config/import?dryRun=true', await exportFrom(a))).status).toBe(403);
    const described = (await ok(clerk.api.get('/api/openapi.json'))).paths;
    expect(described['/admin/config/import']).toBeUndefined();
  });

  it('is described in the OpenAPI document of a superuser', async () => {
    const { paths } = await ok(a.admin.get('/api/openapi.json'));
    expect(paths['/admin/config/export'].get.operationId).toBe('config.export');
    expect(paths['/admin/config/import'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun', 'removeMissing', 'acceptLossy', 'basis']);
  });
});

describe('import into another system', () => {
  it('previews every definition as added, changes nothing on a dry run, then applies all of it as the importer', async () => {
    const bundle = await exportFrom(a);
    const preview = await ok(dryRun(b, bundle));
    expect(preview.problems).toEqual([]);
    expect(preview.applied).toBe(false);
    expect(itemOf(preview, 'object', 'site')).toMatchObject({ change: 'added', at: '/definitions/objects/0', label: site.label, lossy: false });
    expect(itemOf(preview, 'report', 'sites_by_status')).toMatchObject({ change: 'added', plural: 'reports' });
    expect(itemOf(preview, 'workflow', 'site_flow')).toMatchObject({ change: 'added' });
    expect(await objectNames(b)).not.toContain('site');
    expect((await b.admin.get('/api/meta/reports/sites_by_status')).status).toBe(404);

    const applied = await ok(apply(b, bundle, preview.basis));
    expect(applied).toMatchObject({ applied: true, importId: expect.any(String) });
    expect(await objectNames(b)).toEqual(expect.arrayContaining(['site', 'visit']));
    expect((await ok(b.admin.get('/api/admin/roles/site_rep'))).objects.visit.operations).toEqual(['read', 'create']);
    const versions = await ok(b.admin.get('/api/meta/reports/sites_by_status/versions'));
    const adminId = (await ok(b.admin.get('/api/auth/me'))).id;
    expect(versions.data[0]).toMatchObject({ version: 1, by: adminId });
    const record = await ok(b.admin.post('/api/records/site', { title: 'Harbour' }), 201);
    expect(record.title).toBe('Harbour');

    const log = await ok(b.admin.get('/api/admin/config/imports'));
    expect(log.data[0]).toMatchObject({ importedBy: 'admin', manifest: { name: 'configuration' }, removedMissing: false });
    expect(log.data[0].changes).toContainEqual({ kind: 'object', name: 'site', change: 'added' });

    const again = await ok(dryRun(b, bundle));
    expect(again.items).toEqual([]);
    expect(again.unchanged).toBeGreaterThanOrEqual(5);
  });

  it('points at each change, flags a change that loses data, and applies it only when data loss is accepted', async () => {
    await ok(b.admin.post('/api/records/site', { title: 'Closed depot', status: 'closed', size: 40 }), 201);
    const bundle = await exportFrom(a);
    const changed = structuredClone(bundle);
    const siteDef = changed.definitions.objects.find((o) => o.name === 'site')!;
    siteDef.fields = [
      { name: 'title', type: 'text', required: true, maxLength: 120 },
      { name: 'status', type: 'enum', options: ['open'] },
    ];
    const role = changed.definitions.roles.find((r) => r.name === 'site_rep')!;
    role.objects.site.operations = ['read'];

    const preview = await ok(dryRun(b, changed));
    const siteItem = itemOf(preview, 'object', 'site');
    expect(siteItem).toMatchObject({ change: 'changed', lossy: true });
    expect(siteItem.changes).toEqual(expect.arrayContaining([
      { pointer: '/fields/0/maxLength', change: 'added', after: 120 },
      { pointer: '/fields/1/options', change: 'changed', before: ['open', 'closed'], after: ['open'] },
      { pointer: '/fields/2', change: 'removed', before: { name: 'size', type: 'number' } },
    ]));
    expect(siteItem.losses.join(' ')).toMatch(/size/);
    expect(siteItem.losses.join(' ')).toMatch(/closed/);
    const roleItem = itemOf(preview, 'role', 'site_rep');
    expect(roleItem).toMatchObject({ change: 'changed', lossy: false });
    expect(roleItem.changes).toEqual([{ pointer: '/objects/site/operations', change: 'changed', before: ['read', 'create', 'update'], after: ['read'] }]);
    expect(roleItem.notes).toHaveLength(1);
    expect(preview.problems).toContainEqual(expect.objectContaining({ path: '/definitions/objects/0', code: 'LOSSY_CHANGE' }));

    const refused = await apply(b, changed, preview.basis);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LOSSY_CHANGE');
    // All or nothing: the role, which could be written, was not.
    expect((await ok(b.admin.get('/api/admin/roles/site_rep'))).objects.site.operations).toEqual(['read', 'create', 'update']);

    await ok(apply(b, changed, preview.basis, '&acceptLossy=true'));
    const fields = (await ok(b.admin.get('/api/meta/objects/site'))).fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(['title', 'status']);
    expect((await ok(b.admin.get('/api/admin/roles/site_rep'))).objects.site.operations).toEqual(['read']);
  });

  it('refuses an import whose basis is stale: the target changed after the preview', async () => {
    const bundle = await exportFrom(a);
    const preview = await ok(dryRun(b, bundle, '&acceptLossy=true'));
    await ok(b.admin.put('/api/meta/objects/note', { name: 'note', fields: [{ name: 'text', type: 'text' }] }), 201);
    const stale = await apply(b, bundle, preview.basis, '&acceptLossy=true');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentBasis: expect.any(String) });
    expect((await ok(b.admin.get('/api/meta/objects/site'))).fields.map((f: { name: string }) => f.name)).toEqual(['title', 'status']);
    const missing = await b.admin.post('/api/admin/config/import', bundle);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('/basis');
  });

  it('lists definitions the export lacks as removed, keeps them by default and removes them when asked', async () => {
    const bundle = await exportFrom(a);
    const preview = await ok(dryRun(b, bundle, '&acceptLossy=true'));
    expect(itemOf(preview, 'object', 'note')).toMatchObject({ change: 'removed', at: null, lossy: false });
    await ok(apply(b, bundle, preview.basis, '&acceptLossy=true'));
    expect(await objectNames(b)).toContain('note');
    expect((await ok(b.admin.get('/api/meta/objects/site'))).fields.map((f: { name: string }) => f.name)).toEqual(['title', 'status', 'size']);

    const removing = await ok(dryRun(b, bundle, '&removeMissing=true'));
    expect(removing.removeMissing).toBe(true);
    expect(removing.items).toEqual([expect.objectContaining({ kind: 'object', name: 'note', change: 'removed' })]);
    await ok(apply(b, bundle, removing.basis, '&removeMissing=true'));
    expect(await objectNames(b)).not.toContain('note');
  });

  it('refuses to remove a role that users still hold, pointing at its folder and naming it', async () => {
    await ok(b.admin.put('/api/admin/roles/b_only', { name: 'b_only', objects: { site: { operations: ['read'] } } }), 201);
    await addPerson(b, 'config.holder', ['b_only']);
    const preview = await ok(dryRun(b, await exportFrom(a), '&removeMissing=true'));
    expect(itemOf(preview, 'role', 'b_only')).toMatchObject({ change: 'removed' });
    expect(preview.problems).toContainEqual(expect.objectContaining({ path: '/definitions/roles', definition: 'role b_only', code: 'CONFLICT' }));
    const refused = await apply(b, await exportFrom(a), preview.basis, '&removeMissing=true');
    expect(refused.status).toBe(422);
    expect((await b.admin.get('/api/admin/roles/b_only')).status).toBe(200);
  });

  it('refuses an invalid definition with every problem and its pointer, in the caller’s language, writing nothing', async () => {
    const bundle = await exportFrom(a);
    const broken = structuredClone(bundle);
    broken.definitions.objects.push({ name: 'zone', fields: [{ name: 'code', type: 'text' }] });
    broken.definitions.objects.push({ name: 'yard', fields: [{ name: 'area', type: 'squares' }] });
    broken.definitions.roles.push({ name: 'yard_keeper', objects: { nowhere: { operations: ['read'] } } });
    const preview = await ok(dryRun(b, broken));
    const paths = preview.problems.map((p: { path: string }) => p.path);
    expect(paths).toContain('/definitions/objects/3/fields/0/type');
    expect(paths.some((p: string) => p.startsWith(`/definitions/roles/${broken.definitions.roles.length - 1}/objects`))).toBe(true);

    const refused = await b.admin.post(`/api/admin/config/import?basis=${preview.basis}`, broken, { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.message).toMatch(/无法导入/);
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual(paths);
    expect(await objectNames(b)).not.toContain('zone');
    expect(JSON.stringify(refused.body)).not.toMatch(/select|insert|at .*\.ts/i);
  });

  it('refuses a document that is not an export, naming each problem', async () => {
    const res = await b.admin.post('/api/admin/config/import?dryRun=true', { manifest: { name: 'Bad Name' }, definitions: { objects: [{ fields: [] }, 3], widgets: [] } });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/manifest/name', '/manifest/version', '/definitions/objects/0/name', '/definitions/objects/1', '/definitions/widgets']));
  });
});
