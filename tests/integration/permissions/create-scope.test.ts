import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addDepartment, addUser, countOf, expectStatus, importCsv, putRole, type Person } from './permission-helpers.ts';

// docs/permissions.md, "Record scope of an operation": the scope of create (and import) is checked
// against the new row, like row-level security's WITH CHECK on INSERT.

let t: TestApp;
let north: Person, bothRegions: Person, explicitNorth: Person, creatorOnly: Person, departmentless: Person, teamMember: Person, stated: Person;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/site', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'region', type: 'text' },
      { name: 'kind', type: 'text' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const team = await addDepartment(t, 'Site team');
  const northOnly = { filter: { region: { $eq: 'north' } } };
  // Create without a scope of its own takes the read scope (through update).
  await putRole(t, 'north_sites', { site: { operations: ['read', 'create', 'update', 'import'], scope: { read: northOnly } } });
  await putRole(t, 'south_sites', { site: { operations: ['read', 'create'], scope: { read: { filter: { region: { $eq: 'south' } } } } } });
  // Reads every site, may create only northern ones.
  await putRole(t, 'reads_all_creates_north', { site: { operations: ['read', 'create'], scope: { create: northOnly } } });
  // May create but not read: no read scope limits the new row.
  await putRole(t, 'site_intake', { site: { operations: ['create'] } });
  await putRole(t, 'department_sites', { site: { operations: ['read', 'create'], scope: { read: 'department' } } });
  // A role whose state rules take create away in no state: states never hold new rows back.
  await putRole(t, 'stated_sites', { site: { operations: ['read', 'create', 'update'], scope: { read: 'own' }, states: { closed: { operations: ['read'] } } } });
  north = await addUser(t, { roles: ['north_sites'], department: team });
  bothRegions = await addUser(t, { roles: ['north_sites', 'south_sites'], department: team });
  explicitNorth = await addUser(t, { roles: ['reads_all_creates_north'], department: team });
  creatorOnly = await addUser(t, { roles: ['site_intake'], department: team });
  departmentless = await addUser(t, { roles: ['department_sites'] });
  teamMember = await addUser(t, { roles: ['department_sites'], department: team });
  stated = await addUser(t, { roles: ['stated_sites'], department: team });
});
afterAll(() => t?.close());

const named = async (name: string) => {
  const res = await t.admin.get(`/api/records/site?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: name } }))}&count=true`);
  expect(res.status).toBe(200);
  return res.body.total as number;
};

describe('create checks the new row against the create scope', () => {
  it('refuses a record outside the read scope a role falls back to, with 403 in the caller’s language, and writes nothing', async () => {
    const before = await countOf(t.admin, 'site');
    const refused = await north.api.post('/api/records/site', { name: 'Southern depot', region: 'south' });
    expectStatus(refused, 403, 'FORBIDDEN');
    expect(refused.body.error.message).toContain('outside the records your roles let you create');
    expect(JSON.stringify(refused.body)).not.toMatch(/select|insert|stack/i);
    const zh = await north.api.post('/api/records/site', { name: 'Southern depot', region: 'south' }, { 'accept-language': 'zh-CN' });
    expectStatus(zh, 403, 'FORBIDDEN');
    expect(zh.body.error.message).toContain('超出了您的角色允许创建的记录范围');
    expect(await countOf(t.admin, 'site')).toBe(before);
    expect(await named('Southern depot')).toBe(0);
    const history = await t.tessera.db('record_history').where({ object: 'site' }).count<{ count: string }[]>('* as count');
    expect(Number(history[0].count)).toBe(0);
  });

  it('accepts a record inside it', async () => {
    const created = await north.api.post('/api/records/site', { name: 'Northern depot', region: 'north' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Northern depot', region: 'north' });
  });

  it('refuses a record that leaves the field naming the scope empty', async () => {
    expectStatus(await north.api.post('/api/records/site', { name: 'Nowhere' }), 403, 'FORBIDDEN');
    expect(await named('Nowhere')).toBe(0);
  });

  it('unions the scopes of every role granting create', async () => {
    for (const region of ['north', 'south']) {
      const res = await bothRegions.api.post('/api/records/site', { name: `Both ${region}`, region });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expectStatus(await bothRegions.api.post('/api/records/site', { name: 'Both east', region: 'east' }), 403, 'FORBIDDEN');
  });

  it('uses a create scope of its own where a role gives one, even when the role reads everything', async () => {
    expectStatus(await explicitNorth.api.post('/api/records/site', { name: 'Explicit south', region: 'south' }), 403, 'FORBIDDEN');
    expect((await explicitNorth.api.post('/api/records/site', { name: 'Explicit north', region: 'north' })).status).toBe(201);
    expect(await countOf(explicitNorth.api, 'site')).toBe(await countOf(t.admin, 'site'));
  });

  it('lets a role that may create but not read create any record', async () => {
    const res = await creatorOnly.api.post('/api/records/site', { name: 'Intake anywhere', region: 'east' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['_version', 'id']);
  });

  it('files a record under the creator’s department, so a department scope admits it, unless the creator has none', async () => {
    expect((await teamMember.api.post('/api/records/site', { name: 'Team site', region: 'west' })).status).toBe(201);
    expectStatus(await departmentless.api.post('/api/records/site', { name: 'Orphan site', region: 'west' }), 403, 'FORBIDDEN');
    expect(await named('Orphan site')).toBe(0);
  });

  it('is not held back by a role’s workflow state rules', async () => {
    expect((await stated.api.post('/api/records/site', { name: 'Stated site', region: 'west' })).status).toBe(201);
  });

  it('does not limit a superuser', async () => {
    expect((await t.admin.post('/api/records/site', { name: 'Admin site', region: 'anywhere' })).status).toBe(201);
  });
});

describe('import checks each new row against the import scope', () => {
  it('reports the rows outside it in a dry run and writes none of a file that has any', async () => {
    const before = await countOf(t.admin, 'site');
    const csv = 'name,region\nImport north 1,north\nImport south,south\nImport north 2,north\n';
    const dry = await importCsv(north.api, 'site', csv, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, valid: 2, invalid: 1 });
    expect(dry.body.errors).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining('outside the records your roles let you create') })]);
    const res = await importCsv(north.api, 'site', csv, '?wait=true');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    expect(await countOf(t.admin, 'site')).toBe(before);
  });

  it('writes the rows inside it and reports the others with skipInvalid', async () => {
    const csv = 'name,region\nSkip north 1,north\nSkip south,south\nSkip north 2,north\n';
    const res = await importCsv(north.api, 'site', csv, '?wait=true&skipInvalid=true');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(await named('Skip north 1')).toBe(1);
    expect(await named('Skip north 2')).toBe(1);
    expect(await named('Skip south')).toBe(0);
  });
});

describe('explain', () => {
  it('describes the create scope instead of calling it unscoped', async () => {
    const res = await t.admin.get(`/api/permissions/explain?user=${north.username}&object=site&operation=create`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.allowed).toBe(true);
    const department = res.body.levels.find((l: { level: string }) => l.level === 'department');
    expect(department.reason).toContain('north_sites');
  });
});
