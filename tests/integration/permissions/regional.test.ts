import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import {
  installRegionalPermissions, regionalProjects, REGIONS, type Region, type RegionalInstall, type RegionalUsername,
} from '../../fixtures/regional-permissions.ts';
import { column, countOf, expectStatus, exportCsv, q } from './permission-helpers.ts';

// The regional configuration of the telecom paper (SPEC R30, issue deliverable 7), installed from
// tests/fixtures/regional-permissions.ts: departments and role documents only, no code.

let t: TestApp;
let world: RegionalInstall;

beforeAll(async () => {
  t = await startTestApp();
  world = await installRegionalPermissions(t.admin, t.login);
});
afterAll(() => t?.close());

const api = (username: RegionalUsername): ApiClient => world.users[username].client;
const projectId = (name: string) => world.projects[name];
const namesIn = (...regions: Region[]) => regionalProjects.filter((p) => (regions as string[]).includes(p.region)).map((p) => p.name).sort();

async function listed(client: ApiClient, query = ''): Promise<{ name: string; region: string }[]> {
  const res = await client.get(`/api/records/project?limit=500${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

describe('regional users see only their region', () => {
  it.each([
    ['cq.zhang', 'Chongqing'],
    ['sc.li', 'Sichuan'],
    ['yn.chen', 'Yunnan'],
  ] as const)('%s lists exactly the %s projects', async (username, region) => {
    const rows = await listed(api(username));
    expect(rows.map((r) => r.name).sort()).toEqual(namesIn(region));
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set([region]));
  });

  it('includes the projects of the offices below the region, and an office sees only its own', async () => {
    expect((await listed(api('sc.wang'))).map((r) => r.name)).toContain('Chengdu fibre to the home');
    expect((await listed(api('cd.liu'))).map((r) => r.name)).toEqual(['Chengdu fibre to the home']);
  });

  it('answers 404 for another region’s project on get and history', async () => {
    const yunnan = projectId('Yunnan rural coverage');
    expectStatus(await api('sc.li').get(`/api/records/project/${yunnan}`), 404, 'NOT_FOUND');
    expectStatus(await api('cq.zhang').get(`/api/records/project/${yunnan}/history`), 404, 'NOT_FOUND');
    expect((await api('yn.chen').get(`/api/records/project/${yunnan}`)).body).toMatchObject({ name: 'Yunnan rural coverage', region: 'Yunnan' });
  });

  it('counts only the region’s projects, with and without a filter', async () => {
    expect(await countOf(api('cq.zhang'), 'project')).toBe(namesIn('Chongqing').length);
    expect(await countOf(api('sc.li'), 'project')).toBe(namesIn('Sichuan').length);
    expect(await countOf(api('sc.li'), 'project', { status: { $eq: 'in_progress' } })).toBe(1);
    expect(await countOf(api('sc.li'), 'project', { region: { $eq: 'Yunnan' } })).toBe(0);
  });

  it('exports only the region’s projects', async () => {
    for (const [username, region] of [['cq.zhang', 'Chongqing'], ['sc.li', 'Sichuan'], ['yn.chen', 'Yunnan']] as const) {
      const csv = await exportCsv(api(username), 'project', 'fields=name,region');
      expect(csv.status).toBe(200);
      expect(column(csv, 'name').sort()).toEqual(namesIn(region));
      expect(new Set(column(csv, 'region'))).toEqual(new Set([region]));
    }
  });

  it('edits the region’s projects, also those a colleague entered, and not another region’s', async () => {
    const colleagues = projectId('Sichuan data centre'); // entered by sc.li
    const current = (await api('sc.wang').get(`/api/records/project/${colleagues}`)).body;
    const updated = await api('sc.wang').patch(`/api/records/project/${colleagues}`, { _version: current._version, status: 'completed' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.status).toBe('completed');

    const chongqing = projectId('Chongqing 5G core upgrade');
    const refused = await api('sc.wang').patch(`/api/records/project/${chongqing}`, { _version: 1, status: 'cancelled' });
    expectStatus(refused, 404, 'NOT_FOUND');
    expect((await t.admin.get(`/api/records/project/${chongqing}`)).body).toMatchObject({ status: 'in_progress', _version: 1 });
  });

  it('deletes the region’s projects and not another region’s', async () => {
    const created = await api('yn.chen').post('/api/records/project', { name: 'Yunnan pilot to drop', region: 'Yunnan', department: 'VND' });
    expect(created.status).toBe(201);
    expectStatus(await api('cq.zhang').delete(`/api/records/project/${created.body.id}`), 404, 'NOT_FOUND');
    expect((await t.admin.get(`/api/records/project/${created.body.id}`)).status).toBe(200);
    expect((await api('yn.chen').delete(`/api/records/project/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/records/project/${created.body.id}`)).status).toBe(404);
  });

  it('files a newly entered project under the region of whoever entered it', async () => {
    const created = await api('cq.zhang').post('/api/records/project', { name: 'Chongqing IoT trial', region: 'Chongqing', department: 'MND' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ _owner: world.users['cq.zhang'].id, _department: world.departments.chongqing });
    expect((await listed(api('cq.zhang'))).map((r) => r.name)).toContain('Chongqing IoT trial');
    expect((await listed(api('sc.li'))).map((r) => r.name)).not.toContain('Chongqing IoT trial');
    expect((await listed(api('exec.zhao'))).map((r) => r.name)).toContain('Chongqing IoT trial');
    expect((await api('cq.zhang').delete(`/api/records/project/${created.body.id}`)).status).toBe(204);
  });
});

describe('executives see everything', () => {
  it('list, count and export every region’s projects', async () => {
    const rows = await listed(api('exec.zhao'));
    expect(rows.map((r) => r.name).sort()).toEqual(namesIn(...REGIONS));
    expect(await countOf(api('exec.zhao'), 'project')).toBe(regionalProjects.length);
    for (const region of REGIONS) expect(await countOf(api('exec.zhao'), 'project', { region: { $eq: region } })).toBe(namesIn(region).length);
    const csv = await exportCsv(api('exec.zhao'), 'project', `fields=name&filter=${q({ region: { $in: ['Yunnan', 'Chongqing'] } })}`);
    expect(column(csv, 'name').sort()).toEqual(namesIn('Chongqing', 'Yunnan'));
  });

  it('edit any region’s project', async () => {
    for (const name of ['Yunnan tourism Wi-Fi', 'Chengdu fibre to the home']) {
      const id = projectId(name);
      const current = (await api('exec.zhao').get(`/api/records/project/${id}`)).body;
      const res = await api('exec.zhao').patch(`/api/records/project/${id}`, { _version: current._version, budget: current.budget + 1000 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });

  it('cannot enter projects: the executive role does not grant create', async () => {
    expectStatus(await api('exec.zhao').post('/api/records/project', { name: 'HQ project', region: 'Sichuan' }), 403, 'FORBIDDEN');
  });
});

describe('explain', () => {
  it('says why a Sichuan user cannot see a Yunnan project: their department_tree does not reach it', async () => {
    const yunnan = projectId('Yunnan rural coverage');
    const res = await t.admin.get(`/api/permissions/explain?user=sc.li&object=project&operation=read&id=${yunnan}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.allowed).toBe(false);
    const byLevel = Object.fromEntries(res.body.levels.map((l: { level: string }) => [l.level, l]));
    expect(byLevel.login.allowed).toBe(true);
    expect(byLevel.role.allowed).toBe(true);
    expect(byLevel.operation.allowed).toBe(true);
    expect(byLevel.department.allowed).toBe(false);
    expect(byLevel.person.allowed).toBe(false);
    expect(byLevel.department.reason).toContain('regional_staff');
    expect(byLevel.department.reason).toContain('department_tree');
  });

  it('lets a regional user ask about themselves, and only about themselves', async () => {
    const sichuan = projectId('Sichuan enterprise VPN');
    const res = await api('sc.li').get(`/api/permissions/explain?user=sc.li&object=project&operation=delete&id=${sichuan}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.allowed).toBe(true);
    const approve = await api('sc.li').get('/api/permissions/explain?user=sc.li&object=project&operation=approve');
    expect(approve.status).toBe(200);
    expect(approve.body.allowed).toBe(false);
    expect(approve.body.levels.find((l: { level: string }) => l.level === 'operation').allowed).toBe(false);
    expectStatus(await api('sc.li').get('/api/permissions/explain?user=yn.chen&object=project&operation=read'), 403, 'FORBIDDEN');
  });

  it('says that an executive reaches it, and that a Sichuan user reaches a Chengdu project', async () => {
    const yunnan = projectId('Yunnan rural coverage');
    const exec = await t.admin.get(`/api/permissions/explain?user=exec.zhao&object=project&operation=update&id=${yunnan}`);
    expect(exec.status).toBe(200);
    expect(exec.body.allowed).toBe(true);
    const chengdu = projectId('Chengdu fibre to the home');
    const sichuan = await t.admin.get(`/api/permissions/explain?user=sc.li&object=project&operation=update&id=${chengdu}`);
    expect(sichuan.body.allowed).toBe(true);
    expect(sichuan.body.levels.find((l: { level: string }) => l.level === 'department').reason).toContain('department_tree');
  });
});
