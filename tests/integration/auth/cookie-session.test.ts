import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface CookieSession {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

async function cookieLogin(): Promise<CookieSession> {
  const res = await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD, session: 'cookie' });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0], csrfToken: res.body.csrfToken, setCookie };
}

async function send(session: CookieSession, method: string, path: string, body?: unknown, csrf?: string) {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf !== undefined) headers['x-csrf-token'] = csrf;
  const res = await t.client().raw(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('cookie sessions for the UI', () => {
  it('sets an httpOnly, SameSite=Strict cookie limited to /api and answers a CSRF token instead of the token', async () => {
    const session = await cookieLogin();
    expect(session.cookie).toMatch(/^tessera_session=[A-Za-z0-9_-]{40,}$/);
    expect(session.setCookie).toContain('HttpOnly');
    expect(session.setCookie).toContain('SameSite=Strict');
    expect(session.setCookie).toContain('Path=/api');
    expect(session.setCookie).not.toContain('Secure');
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const res = await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD, session: 'cookie' });
    expect(res.body.token).toBeUndefined();
    expect(res.body.user).toMatchObject({ username: 'admin' });
  });

  it('reads without a CSRF token', async () => {
    const session = await cookieLogin();
    const me = await send(session, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
  });

  it('refuses a state-changing request without the CSRF token or with a wrong one, and accepts the right one', async () => {
    const session = await cookieLogin();
    const other = await cookieLogin();
    const missing = await send(session, 'POST', '/api/admin/departments', { name: 'No token' });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toEqual({ code: 'FORBIDDEN', message: 'CSRF token missing or wrong' });
    expect((await send(session, 'POST', '/api/admin/departments', { name: 'Other token' }, other.csrfToken)).status).toBe(403);
    expect((await send(session, 'POST', '/api/admin/departments', { name: 'Garbage' }, 'x')).status).toBe(403);
    const names = (await t.admin.get('/api/admin/departments')).body.data.map((d: { name: string }) => d.name);
    expect(names).not.toContain('No token');

    const created = await send(session, 'POST', '/api/admin/departments', { name: 'With token' }, session.csrfToken);
    expect(created.status).toBe(201);
    const renamed = await send(session, 'PATCH', `/api/admin/departments/${created.body.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(403);
    expect((await send(session, 'DELETE', `/api/admin/departments/${created.body.id}`)).status).toBe(403);
    expect((await send(session, 'DELETE', `/api/admin/departments/${created.body.id}`, undefined, session.csrfToken)).status).toBe(204);
  });

  it('leaves bearer-token requests unaffected', async () => {
    const res = await t.admin.post('/api/admin/departments', { name: 'By bearer' });
    expect(res.status).toBe(201);
  });

  it('ends the session and clears the cookie on logout, which also needs the CSRF token', async () => {
    const session = await cookieLogin();
    expect((await send(session, 'POST', '/api/auth/logout')).status).toBe(403);
    const logout = await send(session, 'POST', '/api/auth/logout', undefined, session.csrfToken);
    expect(logout.status).toBe(204);
    const cleared = logout.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/^tessera_session=;/);
    expect(cleared).toContain('Max-Age=0');
    expect((await send(session, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('marks the cookie Secure when the request came over https through the local proxy', async () => {
    const res = await t.client().raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD, session: 'cookie' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('validates the session kind', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD, session: 'jar' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: '/session', message: "must be 'cookie' or 'token'" }]);
  });
});
