import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';

const TTL_SECONDS = 2;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ config: { tokenTtlSeconds: TTL_SECONDS } });
});
afterAll(() => t?.close());

describe('token expiry', () => {
  it('answers 401 once TOKEN_TTL_SECONDS have passed, even for a session the process has cached', async () => {
    const before = Date.now();
    const res = await t.client().post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    const expiresAt = Date.parse(res.body.expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(TTL_SECONDS * 1000 - 50);
    expect(expiresAt - before).toBeLessThan(TTL_SECONDS * 1000 + 5000);

    const client = t.client(res.body.token);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 200));
    const expired = await client.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  });
});
