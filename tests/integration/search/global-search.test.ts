import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addDepartment, addUser, putRole, seed, type Person } from '../permissions/permission-helpers.ts';

// Issue 17 item 1: global search across the objects a caller may read, permission-scoped in SQL.

let t: TestApp;
let rep: Person;
let other: Person;
let ids: Record<string, string>;

const search = (api: ApiClient, q: string, extra = '') => api.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);

/** `{object: [titles]}` of the records found. */
async function found(api: ApiClient, q: string): Promise<Record<string, (string | null)[]>> {
  const res = await search(api, q);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.data.map((g: { object: string; records: { title: string | null }[] }) => [g.object, g.records.map((r) => r.title).sort()]));
}

beforeAll(async () => {
  t = await startTestApp();
  const firm = {
    titleField: 'name',
    searchFields: ['phone', 'email', 'secret'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'phone', type: 'phone' },
      { name: 'email', type: 'email' },
      { name: 'secret', type: 'text' },
      { name: 'notes', type: 'text' },
    ],
  };
  expect((await t.admin.put('/api/meta/objects/firm', firm)).status).toBe(201);
  const person = { titleField: 'full_name', fields: [{ name: 'full_name', type: 'text' }, { name: 'mobile', type: 'phone' }], searchFields: ['mobile'] };
  expect((await t.admin.put('/api/meta/objects/person', person)).status).toBe(201);
  const freeze = { name: 'firm_freeze', object: 'firm', initial: 'frozen', states: { frozen: { on: { thaw: 'open' } }, open: { type: 'final' } } };
  expect((await t.admin.put('/api/meta/workflows/firm_freeze', freeze)).status).toBe(201);
  await putRole(t, 'firm_rep', {
    firm: { operations: ['read', 'create'], scope: { read: 'own' }, fields: { secret: 'none' }, states: { frozen: { fields: { email: 'none' } } } },
  });
  const sales = await addDepartment(t, 'Sales');
  rep = await addUser(t, { roles: ['firm_rep'], department: sales });
  other = await addUser(t, { roles: ['firm_rep'], department: sales });
  ids = {
    yutong: await seed(t, 'firm', { name: '渝通机械有限公司', phone: '+86 138-0013-8000', email: 'sales@yutong.cn', secret: 'vault-77' }, { owner: rep.id }),
    acme: await seed(t, 'firm', { name: 'Acme Trading', phone: '021 5555 0101', email: 'hello@acme.com', notes: '渝通 in notes only' }, { owner: rep.id }),
    frozen: await seed(t, 'firm', { name: 'Glacier Works', email: 'ice@frozenmail.com' }, { owner: rep.id, state: 'frozen' }),
    others: await seed(t, 'firm', { name: '渝通物流', phone: '+86 139 0000 1111', email: 'ops@yutong-logistics.cn' }, { owner: other.id }),
    wild: await seed(t, 'firm', { name: '100% Cotton_Mill', email: 'mill@cotton.com' }, { owner: rep.id }),
    plain: await seed(t, 'firm', { name: '100 Cotton Mill', email: 'plain@cotton.com' }, { owner: rep.id }),
  };
  await seed(t, 'person', { full_name: '王渝通', mobile: '13800138000' });
});
afterAll(() => t?.close());

describe('global search (issue 17 item 1)', () => {
  it('finds Chinese substrings of two and four characters, English fragments case-insensitively', async () => {
    expect(await found(t.admin, '渝通')).toEqual({ firm: ['渝通机械有限公司', '渝通物流'], person: ['王渝通'] });
    expect(await found(t.admin, '渝通机械')).toEqual({ firm: ['渝通机械有限公司'] });
    expect(await found(t.admin, 'acme TRAD')).toEqual({ firm: ['Acme Trading'] });
    // A field that is not searched (notes) does not match.
    expect((await found(t.admin, 'in notes'))).toEqual({});
  });

  it('finds e-mail and phone fragments, phones by their digits whatever the separators', async () => {
    expect(await found(t.admin, '@yutong.')).toEqual({ firm: ['渝通机械有限公司'] });
    expect(await found(t.admin, '@yutong')).toEqual({ firm: ['渝通机械有限公司', '渝通物流'] });
    const res = await search(t.admin, '1380013');
    expect(res.status).toBe(200);
    const firm = res.body.data.find((g: { object: string }) => g.object === 'firm');
    expect(firm.records).toEqual([{ id: ids.yutong, title: '渝通机械有限公司', field: 'phone', value: '+86 138-0013-8000' }]);
    expect(res.body.data.find((g: { object: string }) => g.object === 'person').records[0]).toMatchObject({ title: '王渝通', field: 'mobile' });
    expect(await found(t.admin, '138-0013')).toEqual({ firm: ['渝通机械有限公司'], person: ['王渝通'] });
    expect(await found(t.admin, '５５５５ ０１０１')).toEqual({ firm: ['Acme Trading'] });
  });

  it('matches LIKE wildcards in the query as themselves', async () => {
    expect(await found(t.admin, '100%')).toEqual({ firm: ['100% Cotton_Mill'] });
    expect(await found(t.admin, 'n_m')).toEqual({ firm: ['100% Cotton_Mill'] });
    expect(await found(t.admin, '0 c')).toEqual({ firm: ['100 Cotton Mill'] });
  });

  it("a rep never finds another owner's records", async () => {
    expect(await found(rep.api, '渝通')).toEqual({ firm: ['渝通机械有限公司'] });
    expect(await found(other.api, '渝通')).toEqual({ firm: ['渝通物流'] });
    expect(await found(rep.api, '0000 1111')).toEqual({});
  });

  it('never matches or shows a field hidden from the caller, by role or in the workflow state', async () => {
    expect(await found(t.admin, 'vault-77')).toEqual({ firm: ['渝通机械有限公司'] });
    expect(await found(rep.api, 'vault')).toEqual({});
    // The e-mail is hidden in the frozen state only.
    expect(await found(t.admin, 'frozenmail')).toEqual({ firm: ['Glacier Works'] });
    expect(await found(rep.api, 'frozenmail')).toEqual({});
    const byTitle = await search(rep.api, 'Glacier');
    expect(byTitle.body.data[0].records).toEqual([{ id: ids.frozen, title: 'Glacier Works', field: 'name', value: 'Glacier Works' }]);
    expect(await found(rep.api, '@yutong')).toEqual({ firm: ['渝通机械有限公司'] });
  });

  it('says when an object has more matches than the limit', async () => {
    const res = await search(t.admin, 'cotton', '&limit=1');
    expect(res.body.data).toEqual([{ object: 'firm', records: [expect.objectContaining({ field: 'name' })], more: true }]);
  });

  it('refuses a missing, short, long query and a bad limit in the caller\'s language', async () => {
    for (const path of ['/api/search', '/api/search?q=', '/api/search?q=%20a%20', `/api/search?q=${'x'.repeat(101)}`, '/api/search?q=ab&limit=0', '/api/search?q=ab&limit=51', '/api/search?q=ab&limit=x', '/api/search?q=ab&q=cd']) {
      const res = await t.admin.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('BAD_REQUEST');
      expect(res.body.error.details[0].path, path).toMatch(/^\/(q|limit)$/);
    }
    const zh = await t.admin.raw('/api/search?q=a', { headers: { 'accept-language': 'zh-CN' } });
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe('搜索文字须为 2 到 100 个字符。');
  });

  it('rejects search fields that are not text, e-mail, phone or url fields, or do not exist', async () => {
    const res = await t.admin.put('/api/meta/objects/gadget', { fields: [{ name: 'name', type: 'text' }, { name: 'size', type: 'integer' }], searchFields: ['size', 'colour'] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/searchFields/0', '/searchFields/1']);
  });
});
