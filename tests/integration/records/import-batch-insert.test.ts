import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;

const item = {
  fields: [
    { name: 'code', type: 'text', required: true, unique: true },
    { name: 'note', type: 'text' },
    { name: 'qty', type: 'integer' },
    { name: 'price', type: 'number' },
    { name: 'ok', type: 'boolean' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'datetime' },
    { name: 'meta', type: 'json' },
    { name: 'rep', type: 'lookup', target: 'user' },
  ],
  history: ['code', 'qty'],
  validationRules: [{ name: 'no_negative', errorWhen: { qty: { $lt: 0 } }, message: { en: 'qty must not be negative' }, field: 'qty' }],
};

const dated = {
  fields: [
    { name: 'code', type: 'text', required: true },
    { name: 'since', type: 'date', defaultExpression: { $today: [] } },
  ],
};

const NOTES = ['a "quoted", note', '{braces}', 'back\\slash', 'NULL', '多语言 ✓', "it's"];

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

function itemsCsv(count: number, negative: Set<number>): string {
  const lines = ['code,note,qty,price,ok,day,at,meta,rep'];
  for (let i = 0; i < count; i++) {
    const qty = negative.has(i) ? -i : i;
    const meta = i % 3 ? csvCell(JSON.stringify({ i, tags: ['x', i] })) : '';
    const note = i % 7 ? csvCell(NOTES[i % NOTES.length]) : '';
    lines.push(`I${i},${note},${qty},${i % 5 ? i / 4 : ''},${i % 2 ? 'true' : 'false'},2024-01-${String((i % 28) + 1).padStart(2, '0')},2024-03-01T10:00:${String(i % 60).padStart(2, '0')}Z,${meta},admin`);
  }
  return lines.join('\n');
}

const importCsv = (object: string, csv: string, query: string) =>
  app.admin.post(`/api/records/${object}/import${query}`, csv, { 'content-type': 'text/csv' });

beforeAll(async () => {
  app = await startTestApp();
  for (const [name, definition] of Object.entries({ item, dated })) {
    const res = await app.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
});

afterAll(async () => {
  await app?.close();
});

describe('import batch insert', () => {
  it('maps each inserted id to its own row when validation rules run', async () => {
    const negative = new Set([3, 417, 998, 1001, 1299]);
    const res = await importCsv('item', itemsCsv(1300, negative), '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ total: 1300, valid: 1295, invalid: 5 });
    expect(res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([...negative].map((i) => [i + 2, 'qty']));
  });

  it('stores every value of every row as given, in file order, with its create history', async () => {
    const res = await importCsv('item', itemsCsv(400, new Set()), '?wait=true');
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ status: 'done', inserted: 400, failed: 0 });
    const rows: Record<string, unknown>[] = [];
    for (const from of [0, 200]) {
      const filter = encodeURIComponent(JSON.stringify({ qty: { $gte: from, $lt: from + 200 } }));
      const page = await app.admin.get(`/api/records/item?sort=id&limit=200&filter=${filter}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      rows.push(...page.body.data);
    }
    const adminId = rows[0]._owner;
    rows.forEach((r, i) => {
      expect(r).toMatchObject({
        code: `I${i}`,
        note: i % 7 ? NOTES[i % NOTES.length] : null,
        qty: i,
        price: i % 5 ? i / 4 : null,
        ok: i % 2 === 1,
        day: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
        meta: i % 3 ? { i, tags: ['x', i] } : null,
        rep: adminId,
        _created_by: adminId,
      });
      expect(new Date(r.at as string).toISOString()).toBe(`2024-03-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`);
    });
    for (const i of [0, 199, 399]) {
      const history = await app.admin.get(`/api/records/item/${rows[i].id}/history`);
      expect(history.body.data).toEqual([expect.objectContaining({ action: 'create', new: { code: `I${i}`, qty: i } })]);
    }
  });

  it('computes default expressions in the insert', async () => {
    const res = await importCsv('dated', 'code,since\nA,\nB,2020-05-06', '?wait=true');
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ status: 'done', inserted: 2, failed: 0 });
    const rows = (await app.admin.get('/api/records/dated?sort=id')).body.data;
    expect(rows.map((r: Record<string, unknown>) => r.code)).toEqual(['A', 'B']);
    expect(rows[0].since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[1].since).toBe('2020-05-06');
  });
});
