import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('auth (minimum)', () => {
  it('logs the bootstrap admin in and reports who they are', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    const me = await t.client(res.body.token).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', superuser: true });
  });

  it('refuses a wrong password and a missing token in the error shape', async () => {
    const wrong = await t.client().post('/api/auth/login', { username: 'admin', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    const unknownUser = await t.client().post('/api/auth/login', { username: 'ghost', password: 'nope' });
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body.error.message).toBe(wrong.body.error.message);
    const anonymous = await t.client().get('/api/meta/objects');
    expect(anonymous.status).toBe(401);
    const garbage = await t.client('x'.repeat(43)).get('/api/meta/objects');
    expect(garbage.status).toBe(401);
  });

  it('refuses a token whose signature was tampered with, and a well-signed token the server never stored', async () => {
    const { token } = (await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body;
    expect(token).toHaveLength(86);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await t.client(flipped).get('/api/auth/me')).status).toBe(401);
    const otherRandom = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect((await t.client(otherRandom).get('/api/auth/me')).status).toBe(401);
    const { token: issued } = await t.tessera.services.sessions.create('1');
    await t.tessera.db('auth_sessions').where({ id: createHash('sha256').update(issued).digest('base64url') }).delete();
    expect((await t.client(issued).get('/api/auth/me')).status).toBe(401);
  });

  it('validates the login body', async () => {
    const res = await t.client().post('/api/auth/login', { username: 5 });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/password', '/username']);
    const malformed = await t.client().raw('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.code).toBe('BAD_REQUEST');
  });

  it('ends the session on logout', async () => {
    const client = await t.login('admin', ADMIN_PASSWORD);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('x-content-type-options')).toBe('nosniff');
    expect(logout.headers.get('cache-control')).toBe('no-store');
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('sends security headers and never the framework name', async () => {
    const res = await t.client().raw('/api/auth/me');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
