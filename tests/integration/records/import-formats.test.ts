import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Import takes CSV, XLSX and JSON through the same checks, dry run, error report and background job;
// export gives CSV, XLSX and JSON (issue 12 item 17).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let app: TestApp;

const supplier = { titleField: 'name', fields: [{ name: 'name', type: 'text', required: true, unique: true }] };
const part = {
  titleField: 'code',
  fields: [
    { name: 'code', type: 'text', required: true, unique: true },
    { name: 'qty', type: 'integer', min: 0, label: { en: 'Quantity', 'zh-CN': '数量' } },
    { name: 'price', type: 'currency' },
    { name: 'active', type: 'boolean' },
    { name: 'since', type: 'date' },
    { name: 'tags', type: 'multienum', options: ['red', 'blue', 'green'] },
    { name: 'extra', type: 'json' },
    { name: 'supplier', type: 'lookup', target: 'supplier' },
  ],
};

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Parts');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(object: string, body: string | Buffer, type: string, query = ''): Promise<{ status: number; body: any }> {
  const res = await app.admin.raw(`/api/records/${object}/import${query}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: await res.json() };
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
async function parts(codes: string[]): Promise<Record<string, any>[]> {
  const res = await app.admin.get(`/api/records/part?sort=code&filter=${q({ code: { $in: codes } })}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

let acme: string;
beforeAll(async () => {
  app = await startTestApp();
  for (const [name, definition] of Object.entries({ supplier, part, part_copy: part })) {
    const res = await app.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  acme = (await app.admin.post('/api/records/supplier', { name: 'Acme' })).body.id;
});
afterAll(() => app?.close());

describe('XLSX import', () => {
  it('dry-runs with sheet row numbers, then imports typed cells (numbers, booleans, dates, labels, lookups)', async () => {
    const file = await workbook([
      ['code', 'Quantity', 'price', 'active', 'since', 'tags', 'extra', 'supplier'],
      ['X-1', 5, 12.5, true, new Date(Date.UTC(2024, 2, 5)), 'red;blue', '{"k":1}', 'Acme'],
      [],
      ['X-2', -1, 3, false, '2024/3/6', '', '', 'Nobody'],
      ['X-3', 7, { formula: '2*3', result: 6 }, 'yes', '', 'green', '', acme],
    ]);
    const dry = await upload('part', file, XLSX, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, valid: 2, invalid: 1 });
    expect(dry.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`).sort()).toEqual(['4:qty', '4:supplier']);
    expect(await parts(['X-1', 'X-2', 'X-3'])).toEqual([]);

    const fixed = await workbook([
      ['code', 'Quantity', 'price', 'active', 'since', 'tags', 'extra', 'supplier'],
      ['X-1', 5, 12.5, true, new Date(Date.UTC(2024, 2, 5)), 'red;blue', '{"k":1}', 'Acme'],
      ['X-3', 7, { formula: '2*3', result: 6 }, 'yes', '', 'green', '', acme],
    ]);
    const run = await upload('part', fixed, XLSX, '?wait=true');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ status: 'done', total: 2, inserted: 2, failed: 0 });
    const [x1, x3] = await parts(['X-1', 'X-3']);
    expect(x1).toMatchObject({ code: 'X-1', qty: 5, price: 12.5, active: true, since: '2024-03-05', tags: ['red', 'blue'], extra: { k: 1 }, supplier: acme });
    expect(x3).toMatchObject({ price: 6, active: true, tags: ['green'], supplier: acme });
  });

  it('also takes a workbook sent as application/octet-stream, and runs in the background', async () => {
    const file = await workbook([['code', 'qty'], ['BG-1', 1], ['BG-2', 2]]);
    const started = await upload('part', file, 'application/octet-stream');
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let job = started.body;
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await app.admin.get(`/api/records/part/import/${started.body.id}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2, inserted: 2 });
  });

  it('refuses a file that is not a workbook with 400', async () => {
    const res = await upload('part', Buffer.from('PK\u0003\u0004 not really a zip'), XLSX, '?dryRun=true');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('XLSX');
  });
});

describe('JSON import', () => {
  it('dry-runs an array of records with each record\'s position, then imports it', async () => {
    const records = [
      { code: 'J-1', qty: 3, active: true, tags: ['red', 'green'], extra: { deep: [1, 2] }, supplier: 'Acme', since: '2025-01-02' },
      { code: 'J-2', qty: 'many' },
      { code: 'J-3', price: 1 },
    ];
    const dry = await upload('part', JSON.stringify(records), 'application/json', '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, valid: 2, invalid: 1 });
    expect(dry.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'qty' })]);
    // Keys are matched like CSV headers: 'Quantity' (a label) and 'qty' (its name) fill the same field.
    const clash = await upload('part', JSON.stringify([{ code: 'J-9', qty: 1 }, { code: 'J-10', Quantity: 2 }]), 'application/json', '?dryRun=true');
    expect(clash.status).toBe(422);

    const good = [records[0], { code: 'J-3', qty: null, price: 9.99 }];
    const run = await upload('part', JSON.stringify(good), 'application/json', '?wait=true');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ status: 'done', inserted: 2, failed: 0 });
    const [j1, j3] = await parts(['J-1', 'J-3']);
    expect(j1).toMatchObject({ qty: 3, active: true, tags: ['red', 'green'], extra: { deep: [1, 2] }, supplier: acme, since: '2025-01-02' });
    expect(j3).toMatchObject({ qty: null, price: 9.99 });
  });

  it('still takes {"csv": "..."}, and refuses other JSON, malformed JSON and unknown formats with 400', async () => {
    expect((await upload('part', JSON.stringify({ csv: 'code\nC-1' }), 'application/json', '?dryRun=true')).body).toMatchObject({ total: 1, valid: 1 });
    expect((await upload('part', JSON.stringify({ rows: [] }), 'application/json')).status).toBe(400);
    expect((await upload('part', JSON.stringify([1, 2]), 'application/json')).status).toBe(400);
    expect((await upload('part', '[{"code": ', 'application/json')).status).toBe(400);
    expect((await upload('part', '<parts/>', 'application/xml')).status).toBe(400);
    expect((await upload('part', '', 'text/csv')).status).toBe(400);
  });
});

describe('JSON export', () => {
  it('exports the records as a JSON array that a JSON import takes back unchanged', async () => {
    const res = await app.admin.raw(`/api/records/part/export?format=json&sort=code&fields=code,qty,price,active,since,tags,extra,supplier&filter=${q({ code: { $in: ['X-1', 'J-1'] } })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toContain('part.json');
    const exported = (await res.json()) as Record<string, unknown>[];
    expect(exported).toEqual([
      { code: 'J-1', qty: 3, price: null, active: true, since: '2025-01-02', tags: ['red', 'green'], extra: { deep: [1, 2] }, supplier: acme },
      { code: 'X-1', qty: 5, price: 12.5, active: true, since: '2024-03-05', tags: ['red', 'blue'], extra: { k: 1 }, supplier: acme },
    ]);
    const back = await upload('part_copy', JSON.stringify(exported), 'application/json', '?wait=true');
    expect(back.body).toMatchObject({ status: 'done', inserted: 2 });
    const copies = await app.admin.get('/api/records/part_copy?sort=code&fields=code,qty,price,active,since,tags,extra,supplier');
    expect(copies.body.data.map(({ id: _id, _version: _v, ...rest }: Record<string, unknown>) => rest)).toEqual(exported);
  });

  it('exports an empty array when nothing matches, and refuses an unknown format', async () => {
    const res = await app.admin.raw(`/api/records/part/export?format=json&filter=${q({ code: { $eq: 'none' } })}`);
    expect(await res.json()).toEqual([]);
    expect((await app.admin.get('/api/records/part/export?format=yaml')).status).toBe(400);
  });
});
