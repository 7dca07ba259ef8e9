import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'Correct-horse-42';
let t: TestApp;
let clock = new Date('2026-11-23T10:00:00Z');
let seq = 0;

beforeAll(async () => {
  t = await startTestApp({ now: () => clock });
});
afterAll(() => t?.close());

async function role(name: string, login?: Record<string, unknown>) {
  const res = await t.admin.put(`/api/admin/roles/${name}`, { name, ...(login ? { login } : {}), objects: {} });
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
}

async function userWith(roles: string[]) {
  const username = `level.user${++seq}`;
  const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return username;
}

const login = (username: string) => t.client().post('/api/auth/login', { username, password: PASSWORD });

async function loginAt(iso: string, username: string) {
  clock = new Date(iso);
  return login(username);
}

beforeAll(async () => {
  await role('office_net', { allowedCidrs: ['10.0.0.0/8'] });
  await role('loopback_net', { allowedCidrs: ['127.0.0.0/8', '::1/128'] });
  await role('no_login_rules');
  await role('day_utc', { allowedHours: { from: '08:00', to: '20:00', tz: 'UTC' } });
  await role('night_utc', { allowedHours: { from: '22:00', to: '06:00', tz: 'UTC' } });
  await role('day_shanghai', { allowedHours: { from: '08:00', to: '20:00', tz: 'Asia/Shanghai' } });
  await role('loopback_day', { allowedCidrs: ['127.0.0.0/8'], allowedHours: { from: '08:00', to: '20:00', tz: 'UTC' } });
});

describe('login level: networks', () => {
  it('refuses a login from outside every allowed network with 403 naming the reason', async () => {
    const res = await login(await userWith(['office_net']));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toContain('outside allowed network');
  });

  it('admits a login from inside an allowed network', async () => {
    expect((await login(await userWith(['loopback_net']))).status).toBe(200);
  });

  it('combines roles as a union: any role that allows it, including one without login rules', async () => {
    expect((await login(await userWith(['office_net', 'loopback_net']))).status).toBe(200);
    expect((await login(await userWith(['office_net', 'no_login_rules']))).status).toBe(200);
    expect((await login(await userWith(['office_net', 'admin']))).status).toBe(200);
  });

  it('does not restrict users whose roles have no login rules', async () => {
    expect((await login(await userWith(['no_login_rules']))).status).toBe(200);
    expect((await login(await userWith([]))).status).toBe(200);
  });

  it('still refuses a wrong password before saying anything about networks', async () => {
    const username = await userWith(['office_net']);
    const res = await t.client().post('/api/auth/login', { username, password: 'Wrong-password-1' });
    expect(res.status).toBe(401);
  });
});

describe('login level: hours', () => {
  it('admits inside the window and refuses outside it, the end excluded', async () => {
    const username = await userWith(['day_utc']);
    expect((await loginAt('2026-11-23T08:00:00Z', username)).status).toBe(200);
    expect((await loginAt('2026-11-23T19:59:00Z', username)).status).toBe(200);
    const late = await loginAt('2026-11-23T20:00:00Z', username);
    expect(late.status).toBe(403);
    expect(late.body.error.message).toContain('outside allowed hours');
    expect((await loginAt('2026-11-23T07:59:00Z', username)).status).toBe(403);
  });

  it('supports a window over midnight', async () => {
    const username = await userWith(['night_utc']);
    expect((await loginAt('2026-11-23T23:30:00Z', username)).status).toBe(200);
    expect((await loginAt('2026-11-24T00:00:00Z', username)).status).toBe(200);
    expect((await loginAt('2026-11-24T05:59:00Z', username)).status).toBe(200);
    expect((await loginAt('2026-11-24T06:00:00Z', username)).status).toBe(403);
    expect((await loginAt('2026-11-24T12:00:00Z', username)).status).toBe(403);
    expect((await loginAt('2026-11-24T21:59:00Z', username)).status).toBe(403);
  });

  it('reads the window in the role’s time zone', async () => {
    const username = await userWith(['day_shanghai']);
    // 01:00 UTC is 09:00 in Shanghai; 13:00 UTC is 21:00 there.
    expect((await loginAt('2026-11-23T01:00:00Z', username)).status).toBe(200);
    expect((await loginAt('2026-11-23T13:00:00Z', username)).status).toBe(403);
    // 23:30 UTC is 07:30 the next morning there, 00:30 UTC is 08:30.
    expect((await loginAt('2026-11-23T23:30:00Z', username)).status).toBe(403);
    expect((await loginAt('2026-11-24T00:30:00Z', username)).status).toBe(200);
  });

  it('needs network and hours of the same role', async () => {
    const username = await userWith(['loopback_day']);
    expect((await loginAt('2026-11-23T10:00:00Z', username)).status).toBe(200);
    const night = await loginAt('2026-11-23T22:00:00Z', username);
    expect(night.status).toBe(403);
    expect(night.body.error.message).toContain('outside allowed hours');
    const either = await userWith(['office_net', 'day_utc']);
    expect((await loginAt('2026-11-23T22:00:00Z', either)).status).toBe(403);
    expect((await loginAt('2026-11-23T10:00:00Z', either)).status).toBe(200);
  });
});

describe('login level: on each request', () => {
  it('refuses the next request of a session once the hours have passed, and admits it again inside them', async () => {
    const username = await userWith(['day_utc']);
    clock = new Date('2026-11-23T19:00:00Z');
    const client = await t.login(username, PASSWORD);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    clock = new Date('2026-11-23T20:30:00Z');
    const after = await client.get('/api/auth/me');
    expect(after.status).toBe(403);
    expect(after.body.error.message).toContain('outside allowed hours');
    clock = new Date('2026-11-24T09:00:00Z');
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('reads a changed role at the next login', async () => {
    await role('changing', { allowedCidrs: ['127.0.0.0/8'] });
    const username = await userWith(['changing']);
    const client = await t.login(username, PASSWORD);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await role('changing', { allowedCidrs: ['10.0.0.0/8'] });
    expect((await login(username)).status).toBe(403);
  });

  it('leaves superusers unrestricted at any hour', async () => {
    clock = new Date('2026-11-23T03:00:00Z');
    expect((await t.admin.get('/api/auth/me')).status).toBe(200);
  });
});
