import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../platform/src/auth/passwords.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;

const company = {
  label: { en: 'Company', 'zh-CN': '公司' },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'city', type: 'text' },
  ],
  titleField: 'name',
};

const contact = {
  label: { en: 'Contact', 'zh-CN': '联系人' },
  fields: [
    { name: 'name', type: 'text', required: true, label: { en: 'Full name', 'zh-CN': '姓名' } },
    { name: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
    { name: 'age', type: 'integer', min: 0, label: { en: 'Age', 'zh-CN': '年龄' } },
    { name: 'score', type: 'number' },
    { name: 'active', type: 'boolean', label: { en: 'Active', 'zh-CN': '有效' } },
    { name: 'birthday', type: 'date' },
    { name: 'stage', type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: [{ value: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } }, { value: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } }] },
    { name: 'tags', type: 'multienum', options: ['vip', 'new', 'cold'] },
    { name: 'company', type: 'lookup', target: 'company', label: { en: 'Company', 'zh-CN': '公司' } },
    { name: 'extra', type: 'json' },
  ],
  titleField: 'name',
  history: ['name', 'stage'],
  dedup: [{ name: 'same_email', fields: [{ field: 'email', normalize: 'email' }] }],
};

const deal = {
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'amount', type: 'currency' },
    { name: 'status', type: 'enum', options: ['open', 'closed'], default: 'open' },
    { name: 'rep', type: 'lookup', target: 'user' },
  ],
  validationRules: [{ name: 'no_negative', errorWhen: { amount: { $lt: 0 } }, message: { en: 'Amount must not be negative', 'zh-CN': '金额不能为负' }, field: 'amount' }],
};

const bulk = {
  fields: [
    { name: 'code', type: 'text', required: true, unique: true },
    { name: 'n', type: 'integer', min: 0 },
  ],
};

async function count(object: string, filter?: unknown): Promise<number> {
  const query = filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : '';
  const res = await app.admin.get(`/api/records/${object}?count=true&limit=1${query}`);
  expect(res.status).toBe(200);
  return res.body.total;
}

const importCsv = (object: string, csv: string, query = '') =>
  app.admin.post(`/api/records/${object}/import${query}`, csv, { 'content-type': 'text/csv' });

function bulkCsv(from: number, to: number, bad: Set<number> = new Set()): string {
  const lines = ['code,n'];
  for (let i = from; i < to; i++) lines.push(`C${i},${bad.has(i) ? -1 : i}`);
  return lines.join('\n');
}

beforeAll(async () => {
  app = await startTestApp();
  for (const [name, definition] of Object.entries({ company, contact, deal, bulk, bulk_bg: bulk })) {
    const res = await app.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
  for (const name of ['Acme', 'Globex']) {
    expect((await app.admin.post('/api/records/company', { name, city: 'Shanghai' })).status).toBe(201);
  }
  expect((await app.admin.post('/api/records/contact', { name: 'Existing', email: 'taken@example.com' })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
});

describe('CSV import', () => {
  it('dry run reports every bad row with its spreadsheet row number and writes nothing', async () => {
    const before = await count('contact');
    const csv = [
      'name,email,age,stage,company,tags,active',
      'Ann,ann@example.com,30,lead,Acme,vip;new,yes',
      ',nobody@example.com,20,lead,,,',
      'Bob,bob@example.com,-5,lead,Acme,,',
      'Cid,cid@example.com,40,prospect,Acme,,',
      'Dee,dee@example.com,41,lead,Initech,,',
      'Eve,ANN@example.com,42,lead,,,',
      'Fay,TAKEN@example.com,43,customer,,,no',
      'Gus,gus@example.com,44,客户,Globex,cold,maybe',
    ].join('\n');
    const res = await importCsv('contact', `\ufeff${csv}`, '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, total: 8, valid: 1, invalid: 7 });
    const byRow = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([expect.objectContaining({ field: 'name', message: expect.stringContaining('required') })]);
    expect(byRow(4)).toEqual([expect.objectContaining({ field: 'age' })]);
    expect(byRow(5)).toEqual([expect.objectContaining({ field: 'stage' })]);
    expect(byRow(6)).toEqual([expect.objectContaining({ field: 'company', message: expect.stringContaining('Initech') })]);
    expect(byRow(7)).toEqual([expect.objectContaining({ field: 'email', message: expect.stringContaining('earlier row') })]);
    expect(byRow(8)).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(byRow(9)).toEqual([expect.objectContaining({ field: 'active' })]);
    expect(await count('contact')).toBe(before);
  });

  it('refuses unknown columns with 422 naming them', async () => {
    const res = await importCsv('contact', 'name,shoe_size,colour\nAnn,42,red', '?dryRun=true');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('shoe_size');
    expect(res.body.error.message).toContain('colour');
  });

  it('refuses a format other than CSV text with 400', async () => {
    const res = await app.admin.post('/api/records/contact/import', { rows: [] });
    expect(res.status).toBe(400);
  });

  it('imports with labels as headers, resolves lookups by title and records create history', async () => {
    const csv = [
      '姓名,Email,年龄,阶段,公司,tags,有效,birthday,extra,score',
      '"Li, Lei",lilei@example.com,"1,234",线索,Acme,vip;new,是,2001/2/3,"{""k"":1}","1,234.5"',
      'Han Meimei,hmm@example.com,28,Customer,Globex,,否,2000-12-31,,',
    ].join('\r\n');
    const res = await importCsv('contact', csv, '?wait=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', total: 2, processed: 2, inserted: 2, failed: 0, errors: [] });
    expect(res.body.finishedAt).toEqual(expect.any(String));

    const companies = await app.admin.get('/api/records/company?sort=name');
    const acme = companies.body.data.find((c: { name: string }) => c.name === 'Acme').id;
    const list = await app.admin.get(`/api/records/contact?filter=${encodeURIComponent(JSON.stringify({ email: { $eq: 'lilei@example.com' } }))}`);
    expect(list.body.data).toHaveLength(1);
    const li = list.body.data[0];
    expect(li).toMatchObject({ name: 'Li, Lei', age: 1234, stage: 'lead', company: acme, tags: ['vip', 'new'], active: true, birthday: '2001-02-03', extra: { k: 1 }, score: 1234.5 });
    expect(li._owner).toBeTruthy();
    expect(li._created_by).toBe(li._owner);

    const history = await app.admin.get(`/api/records/contact/${li.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.data.some((h: { action: string }) => h.action === 'create')).toBe(true);
  });

  it('accepts JSON {csv} bodies', async () => {
    const res = await app.admin.post('/api/records/company/import?wait=true', { csv: 'name,city\nInitech,Beijing' });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
    expect(await count('company', { name: { $eq: 'Initech' } })).toBe(1);
  });

  it('reports unique values already in the database or repeated in the file', async () => {
    const res = await importCsv('company', 'name\nAcme\nUmbrella\nUmbrella', '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, valid: 1, invalid: 2 });
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 4]);
  });

  it('runs validation rules in the dry run without keeping anything, and in the real run per batch', async () => {
    const csv = 'title,amount,status\nA,10,\nB,-3,closed\nC,5.005,';
    const dry = await importCsv('deal', csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: 3, valid: 2, invalid: 1, errors: [{ row: 3, field: 'amount', message: 'Amount must not be negative' }] });
    expect(await count('deal')).toBe(0);

    const refused = await importCsv('deal', csv, '?wait=true');
    expect(refused.body).toMatchObject({ status: 'done', inserted: 0, failed: 3, errors: [{ row: 3, field: 'amount' }] });
    expect(await count('deal')).toBe(0);

    const accepted = await importCsv('deal', 'title,amount,status,rep\nA,10,,admin\nC,5.005,closed,Administrator', '?wait=true');
    expect(accepted.body).toMatchObject({ status: 'done', inserted: 2, failed: 0 });
    const rows = (await app.admin.get('/api/records/deal?sort=title')).body.data;
    const adminId = rows[0]._owner;
    expect(rows.map((r: Record<string, unknown>) => [r.title, r.amount, r.status, r.rep])).toEqual([['A', 10, 'open', adminId], ['C', 5.01, 'closed', adminId]]);
  });

  it('imports the good rows of a file with bad ones when asked to (skipInvalid), reporting the others', async () => {
    // Issue 17: "import anyway" imported nothing of 3 good rows and 1 bad one.
    const csv = 'title,amount,status\nGood 1,10,\nGood 2,20,\nBad rule,-3,\nBad value,ten,\nGood 3,30,closed';
    const res = await importCsv('deal', csv, '?wait=true&skipInvalid=true');
    expect(res.body).toMatchObject({ status: 'done', total: 5, inserted: 3, failed: 2 });
    expect(res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[4, 'amount'], [5, 'amount']]);
    const titles = (await app.admin.get(`/api/records/deal?sort=title&filter=${encodeURIComponent(JSON.stringify({ title: { $startsWith: 'Good' } }))}`)).body.data.map((r: { title: string }) => r.title);
    expect(titles).toEqual(['Good 1', 'Good 2', 'Good 3']);
    expect(await count('deal', { title: { $startsWith: 'Bad' } })).toBe(0);
  });

  it('inserts nothing of a batch with a bad row while the other batches land', async () => {
    const res = await importCsv('bulk', bulkCsv(0, 2500, new Set([1500])), '?wait=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', total: 2500, processed: 2500, inserted: 1500, failed: 1000 });
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 1502, field: 'n' })]);
    expect(await count('bulk')).toBe(1500);
    expect(await count('bulk', { code: { $in: ['C999', 'C1000', 'C1999', 'C2000', 'C2499'] } })).toBe(3);
  });

  it('catches a key repeated across batches and one taken by an earlier import', async () => {
    const lines = ['code,n'];
    for (let i = 0; i < 1200; i++) lines.push(`X${i},${i}`);
    lines[1101] = 'X10,1100';
    lines[1151] = 'C5,1150';
    const dry = await importCsv('bulk', lines.join('\n'), '?dryRun=true');
    expect(dry.body).toMatchObject({ total: 1200, valid: 1198, invalid: 2 });
    expect(dry.body.errors).toEqual([
      { row: 1102, field: 'code', message: expect.stringContaining('earlier row') },
      { row: 1152, field: 'code', message: expect.stringContaining('Another record') },
    ]);
    const real = await importCsv('bulk', lines.join('\n'), '?wait=true');
    expect(real.body).toMatchObject({ status: 'done', inserted: 1000, failed: 200 });
    expect(real.body.errors.map((e: { row: number }) => e.row)).toEqual([1102, 1152]);
    expect(await count('bulk')).toBe(2500);
  });

  it('refuses a repeat of an earlier row of the file even when that row\'s batch did not land, as the dry run does', async () => {
    const lines = ['code,n'];
    for (let i = 0; i < 1500; i++) lines.push(`R${i},${i}`);
    lines[501] = 'R500,not a number';
    lines[1201] = 'R7,1200';
    const dry = await importCsv('bulk', lines.join('\n'), '?dryRun=true');
    const real = await importCsv('bulk', lines.join('\n'), '?wait=true');
    for (const report of [dry.body, real.body]) {
      expect(report.errors.map((e: { row: number }) => e.row)).toEqual([502, 1202]);
      expect(report.errors[1].message).toMatch(/earlier row/);
    }
    expect(real.body).toMatchObject({ status: 'done', inserted: 0, failed: 1500 });
    expect(await count('bulk', { code: { $startsWith: 'R' } })).toBe(0);
  });

  it('runs in the background and progresses to done', async () => {
    const res = await importCsv('bulk_bg', bulkCsv(0, 3000));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'running', total: 3000 });
    let job = res.body;
    for (let i = 0; i < 300 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const poll = await app.admin.get(`/api/records/bulk_bg/import/${res.body.id}`);
      expect(poll.status).toBe(200);
      expect(poll.body.processed).toBeGreaterThanOrEqual(job.processed ?? 0);
      job = poll.body;
    }
    expect(job).toMatchObject({ object: 'bulk_bg', status: 'done', total: 3000, processed: 3000, inserted: 3000, failed: 0 });
    expect(await count('bulk_bg')).toBe(3000);
    expect((await app.admin.get(`/api/records/bulk/import/${res.body.id}`)).status).toBe(404);
  });
});

describe('permissions', () => {
  it('refuses import, export and other users\' jobs to a user without the permissions', async () => {
    await app.tessera.db('users').insert({ username: 'plain', name: 'Plain User', password_hash: await hashPassword('plain-password-1'), roles: [] });
    const plain = await app.login('plain', 'plain-password-1');
    const job = await importCsv('company', 'name\nHooli', '?wait=true');
    expect(job.status).toBe(200);
    expect((await plain.post('/api/records/company/import?dryRun=true', 'name\nPied Piper', { 'content-type': 'text/csv' })).status).toBe(403);
    expect((await plain.get('/api/records/company/export')).status).toBe(403);
    expect((await plain.get(`/api/records/company/import/${job.body.id}`)).status).toBe(404);
    expect((await app.admin.get(`/api/records/company/import/${job.body.id}`)).body).toMatchObject({ status: 'done', inserted: 1 });
  });
});

describe('export', () => {
  it('exports CSV honouring filter, sort and field projection', async () => {
    const filter = encodeURIComponent(JSON.stringify({ n: { $lt: 5 }, code: { $startsWith: 'C' } }));
    const res = await app.admin.raw(`/api/records/bulk/export?format=csv&codes=true&filter=${filter}&sort=-n&fields=n,code`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('bulk.csv');
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows).toEqual([['n', 'code'], ['4', 'C4'], ['3', 'C3'], ['2', 'C2'], ['1', 'C1'], ['0', 'C0']]);
  });

  it('exports every matching row across pages', async () => {
    const res = await app.admin.raw('/api/records/bulk_bg/export?fields=code');
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows).toHaveLength(3001);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(3000);
  });

  it('formats multienum, json, dates and booleans plainly', async () => {
    const filter = encodeURIComponent(JSON.stringify({ email: { $eq: 'lilei@example.com' } }));
    const res = await app.admin.raw(`/api/records/contact/export?codes=true&filter=${filter}&fields=name,tags,extra,birthday,active,company`);
    const [header, row] = parse(await res.text(), { bom: true }) as string[][];
    expect(header).toEqual(['name', 'tags', 'extra', 'birthday', 'active', 'company']);
    expect(row.slice(0, 5)).toEqual(['Li, Lei', 'vip;new', '{"k":1}', '2001-02-03', 'true']);
    expect(row[5]).toMatch(/^\d+$/);
  });

  it('exports XLSX that reads back to the same rows', async () => {
    const res = await app.admin.raw('/api/records/company/export?format=xlsx&codes=true&sort=name&fields=name,city');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('company.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([['name', 'city'], ['Acme', 'Shanghai'], ['Globex', 'Shanghai'], ['Hooli'], ['Initech', 'Beijing']]);
  });

  it('refuses an unknown format, field or filter before sending anything', async () => {
    expect((await app.admin.get('/api/records/company/export?format=pdf')).status).toBe(400);
    expect((await app.admin.get('/api/records/company/export?fields=nope')).status).toBe(400);
    expect((await app.admin.get(`/api/records/company/export?filter=${encodeURIComponent('{"nope":{"$eq":1}}')}`)).status).toBe(400);
  });
});
