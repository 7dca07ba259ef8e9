import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('GET /api/ui/session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  async function cookieLogin() {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD, session: 'cookie' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  it('gives a cookie session its CSRF token again, which then authorises writes', async () => {
    const { cookie, csrfToken } = await cookieLogin();
    const res = await fetch(`${t.baseUrl}/api/ui/session`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { csrfToken: string };
    expect(body.csrfToken).toBe(csrfToken);
    const write = await fetch(`${t.baseUrl}/api/admin/departments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ name: 'Session check' }),
    });
    expect(write.status).toBe(201);
  });

  it('is 401 without a session and 404 for bearer tokens', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/ui/session`);
    expect(anonymous.status).toBe(401);
    const bearer = await t.admin.get('/api/ui/session');
    expect(bearer.status).toBe(404);
    expect(bearer.body.error.code).toBe('NOT_FOUND');
  });

  it('answers nothing after logout', async () => {
    const { cookie, csrfToken } = await cookieLogin();
    const out = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    const res = await fetch(`${t.baseUrl}/api/ui/session`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});
