import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 18: import and export requests, unknown columns, lossy definition changes, stale
// definitions and malformed paths answer in the caller's language too.

let t: TestApp;
const zh = { 'accept-language': 'zh-CN' };

const send = async (path: string, init: RequestInit) => {
  const res = await t.admin.raw(path, init);
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  t = await startTestApp();
  const memo = { label: { en: 'Memo', 'zh-CN': '备忘' }, titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'pages', type: 'text' }] };
  expect((await t.admin.put('/api/meta/objects/memo', memo)).status).toBe(201);
  expect((await t.admin.post('/api/records/memo', { title: 'First', pages: 'many' })).status).toBe(201);
});
afterAll(async () => t?.close());

describe('file and definition errors in the caller language (issue 12 item 18)', () => {
  it('says in Chinese that an upload is empty or not an import file, and English reads as before', async () => {
    const empty = await send('/api/records/memo/import', { method: 'POST', headers: { 'content-type': 'text/csv', ...zh }, body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^上传内容为空。请发送 CSV/);
    expect(empty.body.error.details).toEqual([{ path: '/file', message: '为必填项' }]);
    const english = await send('/api/records/memo/import', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' });
    expect(english.body.error.message).toBe('The upload is not an import file. Send CSV (text/csv), XLSX (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or JSON (an array of records, or {"csv": "..."}).');
  });

  it('names unknown import columns in Chinese with the object label', async () => {
    const res = await send('/api/records/memo/import?dryRun=true', { method: 'POST', headers: { 'content-type': 'text/csv', ...zh }, body: 'title,colour\nA,red\n' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('备忘没有这些列：colour。');
    expect(res.body.error.details).toEqual([{ path: '/columns', message: '“colour”不是备忘的字段' }]);
  });

  it('refuses a bad export format in Chinese', async () => {
    const res = await send('/api/records/memo/export?format=pdf', { headers: zh });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: 'format 必须是 csv、xlsx 或 json。', details: [{ path: '/format', message: '必须是 csv、xlsx 或 json' }] });
  });

  it('explains a lossy definition change in Chinese, and in English as before', async () => {
    const next = { label: { en: 'Memo', 'zh-CN': '备忘' }, titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'pages', type: 'integer' }] };
    const chinese = await send('/api/meta/objects/memo', { method: 'PUT', headers: { 'content-type': 'application/json', ...zh }, body: JSON.stringify(next) });
    expect(chinese.status).toBe(409);
    expect(chinese.body.error.details).toEqual([{ path: '', message: '字段“pages”将从 text 改为 integer：1 条记录的值不是整数，将被清空。' }]);
    const english = await t.admin.put('/api/meta/objects/memo', next);
    expect(english.body.error.details).toEqual([{ path: '', message: "Field 'pages' changes from text to integer: 1 record has values that are not whole numbers and would be cleared." }]);
  });

  it('says in Chinese that a definition was changed since it was read', async () => {
    const current = (await t.admin.get('/api/meta/objects/memo')).body;
    const res = await send('/api/meta/objects/memo', { method: 'PUT', headers: { 'content-type': 'application/json', ...zh }, body: JSON.stringify({ ...current, version: current.version + 5 }) });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`您读取后对象“memo”已被修改（当前 version 为 ${current.version}），请刷新后重新修改。`);
  });

  it('answers a malformed path in Chinese', async () => {
    const res = await send('/api/records/memo/%ZZ', { headers: zh });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('请求路径无效：其中含有格式错误的百分号编码（如“%ZZ”）。');
  });

  it('describes the schema steps of an object change in the caller language', async () => {
    const memo = { label: { en: 'Memo', 'zh-CN': '备忘' }, titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'pages', type: 'text' }, { name: 'due', type: 'date' }] };
    const chinese = await send('/api/meta/objects/memo', { method: 'PUT', headers: { 'content-type': 'application/json', ...zh }, body: JSON.stringify(memo) });
    expect(chinese.status).toBe(200);
    expect(chinese.body.changes).toEqual(['新增列“due”（date）']);
    const english = await t.admin.put('/api/meta/objects/memo', { ...memo, fields: [...memo.fields, { name: 'seen', type: 'boolean' }] });
    expect(english.body.changes).toEqual(["Add column 'seen' (boolean)"]);
  });
});
