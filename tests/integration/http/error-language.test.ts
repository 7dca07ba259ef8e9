import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 18: every message is in the caller's language: the user's setting, then
// Accept-Language, then English.

let t: TestApp;
let zhUser: ApiClient;
let enUser: ApiClient;
const PASSWORD = 'Correct-horse-42';

beforeAll(async () => {
  t = await startTestApp();
  for (const [username, language] of [['lang.zh', 'zh-CN'], ['lang.en', 'en']] as const) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, language, roles: [] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  zhUser = await t.login('lang.zh', PASSWORD);
  enUser = await t.login('lang.en', PASSWORD);
});
afterAll(async () => t?.close());

const get = (client: ApiClient, path: string, headers: Record<string, string> = {}) => client.raw(path, { headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe('the language of answers (issue 12 item 18)', () => {
  it('answers a user whose language is zh-CN in Chinese even without Accept-Language', async () => {
    const res = await get(zhUser, '/api/no-such-endpoint');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: '没有这个 API 端点。' });
  });

  it("lets the user's setting win over Accept-Language", async () => {
    expect((await get(zhUser, '/api/no-such-endpoint', { 'accept-language': 'en' })).body.error.message).toBe('没有这个 API 端点。');
    expect((await get(enUser, '/api/no-such-endpoint', { 'accept-language': 'zh-CN' })).body.error.message).toBe('There is no such API endpoint.');
  });

  it('answers in English with Accept-Language: en or without a header when the user chose no language', async () => {
    expect((await get(t.admin, '/api/no-such-endpoint', { 'accept-language': 'en' })).body.error.message).toBe('There is no such API endpoint.');
    expect((await get(t.admin, '/api/no-such-endpoint')).body.error.message).toBe('There is no such API endpoint.');
    expect((await get(t.admin, '/api/no-such-endpoint', { 'accept-language': 'zh-CN,zh;q=0.9' })).body.error.message).toBe('没有这个 API 端点。');
  });

  it('answers an anonymous bad login by Accept-Language', async () => {
    const login = (headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'lang.zh', password: 'wrong-password' }) }).then((r) => r.json() as Promise<any>);
    expect((await login({ 'accept-language': 'zh-CN,zh;q=0.9' })).error.message).toBe('用户名或密码错误。');
    expect((await login({ 'accept-language': 'en' })).error.message).toBe('The username or password is wrong.');
    expect((await login({})).error.message).toBe('The username or password is wrong.');
  });

  it('gives the details of a 422 in Chinese', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ session: 'x' }) });
    const body = (await res.json()) as any;
    expect(res.status).toBe(422);
    expect(body.error.message).toBe('请输入用户名和密码。');
    expect(body.error.details).toEqual([
      { path: '/username', message: '用户名为必填项' },
      { path: '/password', message: '密码为必填项' },
      { path: '/session', message: "必须是 'cookie' 或 'token'" },
    ]);
  });
});
