import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addPerson, PERSON_PASSWORD, type Person } from '../helpers/people.ts';

// Issue 17 item 7: exports read like the app by default (labels in the reader's language, option
// labels, lookup titles as far as the reader may read them, names, yes/no, percents); ?codes=true
// keeps the machine form; either form imports back.

let t: TestApp;
let rep: Person;

const firm = {
  label: { en: 'Firm', 'zh-CN': '公司' },
  titleField: 'name',
  fields: [{ name: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } }],
};
const deal = {
  label: { en: 'Deal', 'zh-CN': '商机' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true, label: { en: 'Title', 'zh-CN': '标题' } },
    { name: 'stage', type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: [{ value: 'open', label: { en: 'Open', 'zh-CN': '进行中' } }, { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }] },
    { name: 'tags', type: 'multienum', label: { en: 'Tags', 'zh-CN': '标签' }, options: [{ value: 'vip', label: { en: 'VIP', 'zh-CN': '重要' } }, { value: 'new', label: { en: 'New', 'zh-CN': '新' } }] },
    { name: 'hot', type: 'boolean', label: { en: 'Hot', 'zh-CN': '热门' } },
    { name: 'discount', type: 'percent', label: { en: 'Discount', 'zh-CN': '折扣' } },
    { name: 'firm', type: 'lookup', target: 'firm', label: { en: 'Firm', 'zh-CN': '公司' } },
  ],
};

const FIELDS = 'fields=title,stage,tags,hot,discount,firm,_owner';
const csvOf = async (res: Response) => parse(await res.text(), { bom: true }) as string[][];

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, def] of [['firm', firm], ['deal', deal]] as const) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, def);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // The rep reads deals, and only the firms they own.
  await t.admin.put('/api/admin/roles/deal_rep', { name: 'deal_rep', objects: { deal: { operations: ['read', 'export', 'create', 'import'] }, firm: { operations: ['read'], scope: { read: 'own' } } } });
  const admin = await t.admin.get('/api/auth/me');
  await t.admin.patch(`/api/admin/users/${admin.body.id}`, { name: 'Ada Admin' });
  rep = await addPerson(t, 'export.rep', ['deal_rep']);
  const seen = (await t.admin.post('/api/records/firm', { name: 'Seen Ltd' })).body.id;
  expect((await t.admin.post(`/api/records/firm/${seen}/transfer`, { owner: rep.id })).status).toBe(200);
  const hidden = (await t.admin.post('/api/records/firm', { name: 'Hidden Inc' })).body.id;
  for (const values of [
    { title: 'Alpha', stage: 'won', tags: ['vip', 'new'], hot: true, discount: 0.3, firm: seen },
    { title: 'Beta', stage: 'open', tags: [], hot: false, discount: 0.125, firm: hidden },
  ]) expect((await t.admin.post('/api/records/deal', values)).status).toBe(201);
});
afterAll(() => t?.close());

describe('GET /api/records/:object/export for people (the default)', () => {
  it('writes labels, option labels, names, yes/no and percents in English', async () => {
    const rows = await csvOf(await t.admin.raw(`/api/records/deal/export?sort=title&${FIELDS}`, { headers: { 'accept-language': 'en' } }));
    expect(rows).toEqual([
      ['Title', 'Stage', 'Tags', 'Hot', 'Discount', 'Firm', 'Owner'],
      ['Alpha', 'Won', 'VIP; New', 'Yes', '30%', 'Seen Ltd', 'Ada Admin'],
      ['Beta', 'Open', '', 'No', '12.5%', 'Hidden Inc', 'Ada Admin'],
    ]);
  });

  it('writes Chinese by Accept-Language, and by the user\'s own language setting; a lookup out of the reader\'s scope stays empty', async () => {
    const byHeader = await csvOf(await rep.api.raw(`/api/records/deal/export?sort=title&${FIELDS}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } }));
    expect(byHeader).toEqual([
      ['标题', '阶段', '标签', '热门', '折扣', '公司', '负责人'],
      ['Alpha', '赢单', '重要; 新', '是', '30%', 'Seen Ltd', 'Ada Admin'],
      ['Beta', '进行中', '', '否', '12.5%', '', 'Ada Admin'],
    ]);
    await t.admin.patch(`/api/admin/users/${rep.id}`, { language: 'zh-CN' });
    const zh = await t.login('export.rep', PERSON_PASSWORD);
    const bySetting = await csvOf(await zh.raw(`/api/records/deal/export?sort=title&fields=title,stage`, { headers: { 'accept-language': 'en' } }));
    expect(bySetting[0]).toEqual(['标题', '阶段']);
    await t.admin.patch(`/api/admin/users/${rep.id}`, { language: null });
  });

  it('writes the same in XLSX', async () => {
    const res = await t.admin.raw(`/api/records/deal/export?format=xlsx&sort=title&${FIELDS}`, { headers: { 'accept-language': 'en' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Title', 'Stage', 'Tags', 'Hot', 'Discount', 'Firm', 'Owner']);
    expect(rows[1]).toEqual(['Alpha', 'Won', 'VIP; New', 'Yes', '30%', 'Seen Ltd', 'Ada Admin']);
  });

  it('keeps the machine form with codes=true', async () => {
    const rows = await csvOf(await t.admin.raw(`/api/records/deal/export?codes=true&sort=title&${FIELDS}`, { headers: { 'accept-language': 'zh-CN' } }));
    expect(rows[0]).toEqual(['title', 'stage', 'tags', 'hot', 'discount', 'firm', '_owner']);
    expect(rows[1].slice(0, 5)).toEqual(['Alpha', 'won', 'vip;new', 'true', '0.3']);
    expect(rows[1][5]).toMatch(/^\d+$/);
  });

  it('imports either form back to the same values', async () => {
    const originals = encodeURIComponent(JSON.stringify({ title: { $in: ['Alpha', 'Beta'] } }));
    for (const [query, lang] of [['', 'zh-CN'], ['&codes=true', 'en']]) {
      const csv = await (await t.admin.raw(`/api/records/deal/export?sort=title&fields=title,stage,tags,hot,discount,firm&filter=${originals}${query}`, { headers: { 'accept-language': lang } })).text();
      const copy = csv.replace(/Alpha/, `Alpha ${lang}`).replace(/Beta/, `Beta ${lang}`);
      const job = await t.admin.post('/api/records/deal/import?wait=true', copy, { 'content-type': 'text/csv' });
      expect(job.body, JSON.stringify(job.body)).toMatchObject({ status: 'done', inserted: 2, failed: 0 });
      const back = (await t.admin.get(`/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ title: { $eq: `Alpha ${lang}` } }))}`)).body.data[0];
      expect(back).toMatchObject({ stage: 'won', tags: ['vip', 'new'], hot: true, discount: 0.3 });
      expect(back.firm).toEqual(expect.any(String));
    }
  });
});
