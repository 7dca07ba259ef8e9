import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
const company = (tags: Record<string, unknown>) => ({
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'tags', type: 'multienum', ...tags },
  ],
});
const SUGGESTED = [{ value: 'vip', label: { en: 'VIP', 'zh-CN': '重要客户' }, color: '#e6a23c' }, 'wine'];

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/company', company({ freeValues: true, options: SUGGESTED }))).status).toBe(201);
});
afterAll(() => t?.close());

describe('multienum fields with free values (tags)', () => {
  it('takes values beyond the options, trimmed and without repeats, and finds records by them', async () => {
    const created = await t.admin.post('/api/records/company', { name: 'Maotai Trading', tags: ['vip', '  白酒 ', 'Spring 2026', '白酒'] });
    expect(created.status).toBe(201);
    expect(created.body.tags).toEqual(['vip', '白酒', 'Spring 2026']);
    await t.admin.post('/api/records/company', { name: 'Sugar Mill', tags: ['sugar'] });
    const found = await t.admin.get(`/api/records/company?filter=${q({ tags: { $contains: '白酒' } })}`);
    expect(found.body.data.map((r: any) => r.name)).toEqual(['Maotai Trading']);
  });

  it('refuses empty, overlong or non-text values with the reason, in the caller\'s language', async () => {
    for (const tags of [[''], ['x'.repeat(51)], [42], ['a\u0001b']]) {
      const res = await t.admin.post('/api/records/company', { name: 'Bad', tags });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({ path: '/tags', message: expect.stringContaining('1 to 50 characters') });
    }
    const zh = await t.admin.raw('/api/records/company', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ name: 'Bad', tags: [''] }) });
    expect(((await zh.json()) as any).error.details[0].message).toContain('1 到 50 个字符');
    expect((await t.admin.get(`/api/records/company?filter=${q({ name: 'Bad' })}`)).body.data).toEqual([]);
  });

  it('keeps free values when a suggestion is removed, and removes them only when free values are switched off, forced', async () => {
    expect((await t.admin.put('/api/meta/objects/company', company({ freeValues: true, options: ['vip'] }))).status).toBe(200);
    const kept = await t.admin.get(`/api/records/company?filter=${q({ name: 'Maotai Trading' })}`);
    expect(kept.body.data[0].tags).toEqual(['vip', '白酒', 'Spring 2026']);
    const closing = await t.admin.put('/api/meta/objects/company', company({ options: ['vip', 'sugar'] }));
    expect(closing.status).toBe(409);
    expect(closing.body.error.code).toBe('LOSSY_CHANGE');
    expect((await t.admin.put('/api/meta/objects/company?force=true', company({ options: ['vip', 'sugar'] }))).status).toBe(200);
    const after = await t.admin.get('/api/records/company?sort=name');
    expect(after.body.data.map((r: any) => [r.name, r.tags])).toEqual([['Maotai Trading', ['vip']], ['Sugar Mill', ['sugar']]]);
    const refused = await t.admin.post('/api/records/company', { name: 'Closed', tags: ['new'] });
    expect(refused.status).toBe(422);
  });

  it('refuses free values on a field that is not a multienum', async () => {
    const res = await t.admin.put('/api/meta/objects/company', { fields: [{ name: 'name', type: 'text', freeValues: true }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/fields/0/freeValues' })]));
  });
});
