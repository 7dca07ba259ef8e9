import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Demo records of objects without after-create hooks go in through the system's bulk create in runs
// (docs/plugins.md, "Install"): owners, creation times and lookups to records of the same file come
// out as one at a time, and a bad record still fails the install with that record's own error.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-demo-packs-'));
const RECORDS = 2_500;

function writePack(name: string, items: Record<string, unknown>[]): void {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'metadata/objects'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'demo'), { recursive: true });
  const object = `${name}_item`;
  fs.writeFileSync(path.join(dir, 'pack.json'), JSON.stringify({ name, version: '1.0.0', label: { en: name, 'zh-CN': name }, description: { en: 'test', 'zh-CN': '测试' }, demo: 'demo' }));
  fs.writeFileSync(path.join(dir, 'metadata/objects', `${object}.json`), JSON.stringify({
    name: object, label: { en: 'Item', 'zh-CN': '条目' }, titleField: 'code',
    fields: [
      { name: 'code', type: 'text', required: true, unique: true, label: { en: 'Code', 'zh-CN': '编码' } },
      { name: 'kind', type: 'enum', options: [{ value: 'a' }, { value: 'b' }], label: { en: 'Kind', 'zh-CN': '类型' } },
      { name: 'parent', type: 'lookup', target: object, label: { en: 'Parent', 'zh-CN': '上级' } },
    ],
    history: ['kind'],
  }));
  fs.writeFileSync(path.join(dir, 'demo/users.json'), JSON.stringify([{ username: `${name}.clerk`, password: 'Demo-password-1', name: 'Clerk', roles: [] }]));
  fs.writeFileSync(path.join(dir, 'demo', `${object}.json`), JSON.stringify(items));
  fs.writeFileSync(path.join(dir, 'demo/load-order.json'), JSON.stringify(['users.json', `${object}.json`]));
}

/**
 * Records 0–999 have an owner and a creation time, the rest neither (two runs of each shape); 1500–1599
 * point at a record of an earlier run, 2000 at the record just before it (in its own run).
 */
const itemsOf = (pack: string) => Array.from({ length: RECORDS }, (_, i) => ({
  $key: `k${i}`, code: `C-${i}`, kind: i % 2 ? 'a' : 'b',
  ...(i >= 1500 && i < 1600 ? { parent: { $key: `k${i - 1000}` } } : i === 2000 ? { parent: { $key: 'k1999' } } : {}),
  ...(i < 1000 ? { $owner: `${pack}.clerk`, $createdAt: '2025-03-01T08:00:00.000Z' } : {}),
}));
writePack('bulk_ok', itemsOf('bulk_ok'));
writePack('bulk_bad_value', itemsOf('bulk_bad_value').map((item, i) => (i === 1_203 ? { ...item, kind: 'zzz' } : item)));
writePack('bulk_bad_unique', itemsOf('bulk_bad_unique').map((item, i) => (i === 1_900 ? { ...item, code: 'C-1899' } : item)));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [root] } });
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const count = async (object: string, filter?: unknown) => (await t.admin.get(`/api/records/${object}?count=true&limit=1${filter ? `&filter=${q(filter)}` : ''}`)).body.total;

describe('bulk demo loading', () => {
  it('creates every record with its owner, creation time, history and lookups to records of the same file', async () => {
    const res = await t.admin.post('/api/packs/bulk_ok/install?demo=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await count('bulk_ok_item')).toBe(RECORDS);
    const clerk = (await t.admin.get('/api/admin/users?search=bulk_ok.clerk')).body.data.find((u: { username: string }) => u.username === 'bulk_ok.clerk');
    expect(await count('bulk_ok_item', { _owner: { $eq: clerk.id } })).toBe(1000);
    expect(await count('bulk_ok_item', { _created_at: { $lt: '2025-03-02T00:00:00Z' } })).toBe(1000);
    const children = (await t.admin.get(`/api/records/bulk_ok_item?filter=${q({ parent: { $null: false } })}&sort=code&limit=500&fields=code,parent`)).body.data;
    expect(children).toHaveLength(101);
    const byCode = new Map((await t.admin.get(`/api/records/bulk_ok_item?filter=${q({ code: { $in: children.map((c: { code: string }) => (c.code === 'C-2000' ? 'C-1999' : `C-${Number(c.code.slice(2)) - 1000}`)) } })}&limit=500&fields=code`)).body.data.map((r: { id: string; code: string }) => [r.code, r.id]));
    for (const child of children) {
      const n = Number(child.code.slice(2));
      expect(child.parent, child.code).toBe(byCode.get(`C-${n === 2000 ? 1999 : n - 1000}`));
    }
    const any = (await t.admin.get('/api/records/bulk_ok_item?limit=1&sort=-code')).body.data[0];
    const history = (await t.admin.get(`/api/records/bulk_ok_item/${any.id}/history`)).body.data;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create']);
  });

  it("fails the install with the bad record's own error, leaving nothing behind", async () => {
    const badValue = await t.admin.post('/api/packs/bulk_bad_value/install?demo=true');
    expect(badValue.status).toBe(422);
    expect(JSON.stringify(badValue.body.error.details)).toContain('/kind');
    const badUnique = await t.admin.post('/api/packs/bulk_bad_unique/install?demo=true');
    expect(badUnique.status).toBe(409);
    const packs = (await t.admin.get('/api/packs')).body.data.filter((p: { name: string }) => p.name.startsWith('bulk_bad'));
    expect(packs.map((p: { installed: boolean }) => p.installed)).toEqual([false, false]);
    expect((await t.admin.get('/api/meta/objects/bulk_bad_value_item')).status).toBe(404);
  });
});
