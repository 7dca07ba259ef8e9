import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 18: every message is in the caller's language: the user's setting, then
// Accept-Language, then English.

let t: TestApp;
let zhUser: ApiClient;
let enUser: ApiClient;
const PASSWORD = 'Correct-horse-42';

const note = {
  label: { en: 'Note', 'zh-CN': '便签' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' } },
    { name: 'pages', type: 'integer', min: 1, label: { en: 'Pages', 'zh-CN': '页数' } },
  ],
};
const noteFlow = {
  name: 'note_flow', object: 'note', initial: 'open',
  states: {
    open: { on: { close: 'closed', review: 'review' } },
    review: { approval: { approvers: { role: 'nobody_holds_this' } }, on: { approve: 'closed', reject: 'open' } },
    closed: { type: 'final', entry: [{ notify: { to: { role: 'note_taker' }, message: { en: 'A note was closed', 'zh-CN': '便签已关闭' } } }] },
  },
};

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/note', note)).status).toBe(201);
  for (const role of ['note_taker', 'nobody_holds_this']) {
    const res = await t.admin.put(`/api/admin/roles/${role}`, { name: role, objects: { note: { operations: ['read', 'create', 'update'] } } });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
  expect((await t.admin.put('/api/meta/workflows/note_flow', noteFlow)).status).toBe(201);
  for (const [username, language] of [['lang.zh', 'zh-CN'], ['lang.en', 'en']] as const) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, language, roles: ['note_taker'] });
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

  it('gives the field details of a 422 on a record in Chinese, with the labels in Chinese', async () => {
    const res = await zhUser.post('/api/records/note', { title: 'x', pages: 0 });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('便签的部分值无效。');
    expect(res.body.error.details).toEqual([{ path: '/pages', message: '页数：不能小于 1' }]);
    const en = await enUser.post('/api/records/note', { title: 'x', pages: 0 });
    expect(en.body.error).toMatchObject({ message: 'Some values for Note are not valid.', details: [{ path: '/pages', message: 'pages must be at least 1' }] });
  });

  it("gives explain's reasons in Chinese", async () => {
    const res = await zhUser.get('/api/permissions/explain?user=lang.zh&object=note&operation=delete');
    expect(res.status).toBe(200);
    const operation = res.body.levels.find((l: { level: string }) => l.level === 'operation');
    expect(operation).toMatchObject({ allowed: false, reason: '没有角色授予删除权限（已授予：read, create, update）' });
    const login = res.body.levels.find((l: { level: string }) => l.level === 'login');
    expect(login.reason).toBe('已启用、未锁定；没有网络或时段规则');
  });

  it("sends a workflow's notification in each recipient's language", async () => {
    const id = String((await t.admin.post('/api/records/note', { title: 'Minutes' })).body.id);
    expect((await t.admin.post(`/api/records/note/${id}/submit`, {})).status).toBeLessThan(300);
    expect((await t.admin.post(`/api/records/note/${id}/transition`, { event: 'close' })).body.state).toBe('closed');
    const zh = (await zhUser.get('/api/notifications')).body.data[0];
    const en = (await enUser.get('/api/notifications')).body.data[0];
    expect(zh).toMatchObject({ text: '便签已关闭', message: { en: 'A note was closed', 'zh-CN': '便签已关闭' } });
    expect(en).toMatchObject({ text: 'A note was closed' });
  });

  it('says in Chinese that no active approver can decide', async () => {
    const id = String((await t.admin.post('/api/records/note', { title: 'Review me' })).body.id);
    expect((await t.admin.post(`/api/records/note/${id}/submit`, {})).status).toBeLessThan(300);
    const res = await t.admin.post(`/api/records/note/${id}/transition`, { event: 'review' }, { 'accept-language': 'zh-CN' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('在“review”中无人可以审批此记录：除记录的提交人和负责人外，工作流的审批人中没有已启用的用户。');
    expect(res.body.error.details).toEqual([{ path: '/states/review/approval/approvers', message: '除记录的提交人和负责人外没有已启用的用户' }]);
  });
});
