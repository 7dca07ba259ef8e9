import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'Correct-horse-42';
let t: TestApp;
let clock = new Date('2026-11-23T09:00:00Z');
let seq = 0;

beforeAll(async () => {
  t = await startTestApp({ now: () => clock });
});
afterAll(() => t?.close());

async function newUser(fields: Record<string, unknown> = {}) {
  const username = `lock.user${++seq}`;
  const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, username };
}

const attempt = (username: string, password: string) => t.client().post('/api/auth/login', { username, password });

async function failTimes(username: string, times: number) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await attempt(username, 'Wrong-password-1')).status);
  return statuses;
}

describe('lockout after failed logins', () => {
  it('locks after 5 failures, refuses even the right password with 423, and lets an administrator unlock', async () => {
    const user = await newUser();
    expect(await failTimes(user.username, 4)).toEqual([401, 401, 401, 401]);
    const fifth = await attempt(user.username, 'Wrong-password-1');
    expect(fifth.status).toBe(423);
    const right = await attempt(user.username, PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('LOCKED');
    const until = new Date(clock.getTime() + 15 * 60_000).toISOString();
    expect(right.body.error.lockedUntil).toBe(until);
    expect(right.body.error.message).toContain(`until ${until}`);

    const unlock = await t.admin.post(`/api/admin/users/${user.id}/unlock`);
    expect(unlock.status).toBe(204);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
  });

  it('lets only superusers unlock, and answers 404 for an unknown user', async () => {
    const user = await newUser();
    const other = await newUser();
    const client = await t.login(other.username, PASSWORD);
    const refused = await client.post(`/api/admin/users/${user.id}/unlock`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await t.admin.post('/api/admin/users/999999/unlock')).status).toBe(404);
  });

  it('resets the failure count on a successful login', async () => {
    const user = await newUser();
    expect(await failTimes(user.username, 4)).toEqual([401, 401, 401, 401]);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
    expect(await failTimes(user.username, 4)).toEqual([401, 401, 401, 401]);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
  });

  it('counts only failures within 15 minutes and ends the lock after LOCKOUT_MINUTES', async () => {
    const user = await newUser();
    expect(await failTimes(user.username, 4)).toEqual([401, 401, 401, 401]);
    clock = new Date(clock.getTime() + 16 * 60_000);
    // The earlier failures are outside the window: this is the first of a new one.
    expect(await failTimes(user.username, 4)).toEqual([401, 401, 401, 401]);
    expect((await attempt(user.username, 'Wrong-password-1')).status).toBe(423);
    clock = new Date(clock.getTime() + 14 * 60_000);
    expect((await attempt(user.username, PASSWORD)).status).toBe(423);
    clock = new Date(clock.getTime() + 61_000);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
  });

  it('answers unknown usernames like wrong passwords, however often', async () => {
    const statuses = await failTimes('nobody.here', 7);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401]);
    const known = await newUser();
    const wrong = await attempt(known.username, 'Wrong-password-1');
    const unknown = await attempt('nobody.there', 'Wrong-password-1');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('keeps the lock in the database, shared by every server process', async () => {
    const user = await newUser();
    await failTimes(user.username, 5);
    const row = await t.tessera.db('users').where({ id: user.id }).first('failed_logins', 'locked_until');
    expect(row.failed_logins).toBe(5);
    expect(row.locked_until).not.toBeNull();
  });
});

describe('login rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    // The helper's own admin login is the first of the five.
    limited = await startTestApp({ config: { loginRateLimit: 5 } });
  });
  afterAll(() => limited?.close());

  it('answers 429 RATE_LIMITED in the error shape once an address exceeds the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.client().post('/api/auth/login', { username: 'ghost', password: 'nope' })).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const res = await limited.client().post('/api/auth/login', { username: 'ghost', password: 'nope' });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(res.body.error.message).toMatch(/Too many login attempts/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Requests other than logins are not limited.
    expect((await limited.admin.get('/api/auth/me')).status).toBe(200);
  });
});
