import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, seed, type Person } from '../permissions/permission-helpers.ts';

// The reporting pack (SPEC 5.6): report and dashboard definitions, runs, exports and dashboards,
// always under the caller's permissions.

let t: TestApp;
let rep: Person;
let stranger: Person;

const thisMonth = new Date().toISOString().slice(0, 7);

const bySalesRegion = {
  label: { en: 'Sales by region', 'zh-CN': '各区域销售额' },
  object: 'deal',
  groupBy: [{ field: 'region' }],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount', percent: true }],
  sort: '-sum_amount',
  chart: { type: 'bar' },
};

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'reporting' }] });
  const res = await t.admin.put('/api/meta/objects/deal', {
    label: { en: 'Deal', 'zh-CN': '商机' },
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'region', type: 'enum', options: ['Chongqing', 'Sichuan', 'Yunnan'], label: { en: 'Region', 'zh-CN': '区域' } },
      { name: 'stage', type: 'enum', options: [{ value: 'open', label: { en: 'Open', 'zh-CN': '进行中' } }, { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }, { value: 'lost', label: { en: 'Lost', 'zh-CN': '丢单' } }], label: { en: 'Stage', 'zh-CN': '阶段' } },
      { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } },
      { name: 'margin', type: 'number' },
      { name: 'closed', type: 'date' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await putRole(t, 'deal_rep', { deal: { operations: ['read'], scope: { read: 'own' }, fields: { margin: 'none' } } });
  rep = await addUser(t, { roles: ['deal_rep'] });
  stranger = await addUser(t, { roles: [] });
  const deals: [string, string, number, string, boolean][] = [
    ['Chongqing', 'won', 100, `${thisMonth}-01`, true],
    ['Chongqing', 'open', 300, `${thisMonth}-02`, true],
    ['Sichuan', 'won', 200, '2025-03-01', true],
    ['Sichuan', 'lost', 50, `${thisMonth}-03`, false],
    ['Yunnan', 'won', 400, '2025-05-05', false],
  ];
  for (const [i, [region, stage, amount, closed, mine]] of deals.entries()) {
    await seed(t, 'deal', { name: `Deal ${i}`, region, stage, amount, margin: amount / 10, closed }, mine ? { owner: rep.id } : {});
  }
});
afterAll(() => t?.close());

describe('report definitions', () => {
  it('stores a report, versions it, and lists it to every logged-in user', async () => {
    const put = await t.admin.put('/api/meta/reports/sales_by_region', bySalesRegion);
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    expect(put.body).toMatchObject({ name: 'sales_by_region', version: 1 });
    const again = await t.admin.put('/api/meta/reports/sales_by_region', { ...bySalesRegion, limit: 50 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const list = await rep.api.get('/api/meta/reports');
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { name: string }) => r.name)).toContain('sales_by_region');
    expect((await t.admin.get('/api/meta/reports/sales_by_region/versions')).body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses an invalid report with every problem and its JSON pointer, storing nothing', async () => {
    const res = await t.admin.put('/api/meta/reports/broken', {
      object: 'deal',
      groupBy: [{ field: 'nope' }, { field: 'region', bucket: 'month' }],
      measures: [{ fn: 'sum', field: 'region' }, { fn: 'avg' }],
      chart: { type: 'pie' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/chart/type', '/groupBy/0/field', '/groupBy/1/bucket', '/measures/0/field', '/measures/1/field']);
    const schema = await t.admin.put('/api/meta/reports/broken', { object: 'deal', measures: [{ fn: 'median' }], chart: { type: 'radar' } });
    expect(schema.status).toBe(422);
    expect(schema.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/chart/type', '/measures/0/fn']);
    expect((await t.admin.get('/api/meta/reports/broken')).status).toBe(404);
  });

  it('lets only administrators change reports', async () => {
    const res = await rep.api.put('/api/meta/reports/mine', bySalesRegion);
    expect(res.status).toBe(403);
    expect((await rep.api.delete('/api/meta/reports/sales_by_region')).status).toBe(403);
  });
});

describe('running reports', () => {
  it('runs a stored report with labels, sums and percentages of the total', async () => {
    const res = await t.admin.get('/api/reports/sales_by_region/run');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.report).toMatchObject({ name: 'sales_by_region', object: 'deal', filter: null, chart: { type: 'bar' } });
    expect(res.body.columns[0]).not.toHaveProperty('options');
    expect(res.body.rows).toEqual([
      { region: 'Chongqing', count: 2, sum_amount: 400, sum_amount_pct: 38.1 },
      { region: 'Yunnan', count: 1, sum_amount: 400, sum_amount_pct: 38.1 },
      { region: 'Sichuan', count: 2, sum_amount: 250, sum_amount_pct: 23.81 },
    ]);
  });

  it('counts only the rows in the caller scope', async () => {
    const res = await rep.api.get('/api/reports/sales_by_region/run');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { region: 'Chongqing', count: 2, sum_amount: 400, sum_amount_pct: 66.67 },
      { region: 'Sichuan', count: 1, sum_amount: 200, sum_amount_pct: 33.33 },
    ]);
    expect((await stranger.api.get('/api/reports/sales_by_region/run')).status).toBe(403);
  });

  it('refuses with 403 a report that groups, measures or filters on a field the caller cannot read', async () => {
    expect((await t.admin.put('/api/meta/reports/margins', { object: 'deal', groupBy: [{ field: 'stage' }], measures: [{ fn: 'sum', field: 'margin' }] })).status).toBe(201);
    const stored = await rep.api.get('/api/reports/margins/run');
    expect(stored.status).toBe(403);
    expect(stored.body.error.message).toContain('margin');
    for (const body of [
      { object: 'deal', groupBy: [{ field: 'margin' }], measures: [{ fn: 'count' }] },
      { object: 'deal', filter: { margin: { $gt: 1 } }, measures: [{ fn: 'count' }] },
    ]) {
      const res = await rep.api.post('/api/reports/run', body);
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
    expect((await rep.api.get('/api/reports/margins/export?format=csv')).status).toBe(403);
  });

  it('runs an ad hoc cross-tab with a date bucket and an extra filter', async () => {
    const res = await t.admin.post(`/api/reports/run?filter=${encodeURIComponent(JSON.stringify({ stage: { $ne: 'lost' } }))}`, {
      object: 'deal',
      groupBy: [{ field: 'closed', bucket: 'year' }, { field: 'stage' }],
      measures: [{ fn: 'sum', field: 'amount' }],
      chart: { type: 'stacked_bar' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const year = thisMonth.slice(0, 4);
    expect(res.body.rows).toEqual([
      { closed_year: '2025-01-01', stage: 'won', sum_amount: 600 },
      { closed_year: `${year}-01-01`, stage: 'open', sum_amount: 300 },
      { closed_year: `${year}-01-01`, stage: 'won', sum_amount: 100 },
    ]);
    expect(res.body.report).toMatchObject({ name: null, chart: { type: 'stacked_bar' } });
  });

  it('answers bad ad hoc reports and unknown reports in the error shape', async () => {
    const unknownKey = await t.admin.post('/api/reports/run', { object: 'deal', colour: 'red' });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.details[0].path).toBe('/colour');
    expect((await t.admin.post('/api/reports/run', { groupBy: [] })).body.error.details[0].path).toBe('/object');
    expect((await t.admin.post('/api/reports/run', { object: 'nothing' })).status).toBe(404);
    expect((await t.admin.get('/api/reports/nothing/run')).status).toBe(404);
    const badFilter = await t.admin.get('/api/reports/sales_by_region/run?filter=%7Bnot-json');
    expect(badFilter.status).toBe(400);
  });
});

describe('exports', () => {
  it('exports CSV with headers in the caller language', async () => {
    const res = await t.admin.raw('/api/reports/sales_by_region/export?format=csv', { headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['区域', '数量', '合计·金额', '合计·金额 %']);
    expect(rows.slice(1)).toEqual([['Chongqing', '2', '400', '38.1'], ['Yunnan', '1', '400', '38.1'], ['Sichuan', '2', '250', '23.81']]);
  });

  it('exports an XLSX workbook that opens and reads back, numbers as numbers', async () => {
    const res = await rep.api.raw('/api/reports/sales_by_region/export?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Sales by region');
    const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([['Region', 'Count', 'Sum of Amount', 'Sum of Amount %'], ['Chongqing', 2, 400, 66.67], ['Sichuan', 1, 200, 33.33]]);
  });

  it('exports an ad hoc report and refuses an unknown format', async () => {
    const res = await t.admin.raw('/api/reports/export?format=csv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'deal', groupBy: [{ field: 'stage' }] }) });
    expect(res.status).toBe(200);
    expect(parse((await res.text()).replace(/^\uFEFF/, ''))).toEqual([['Stage', 'Count'], ['Open', '1'], ['Won', '3'], ['Lost', '1']]);
    const zh = await t.admin.raw('/api/reports/export?format=csv', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ object: 'deal', groupBy: [{ field: 'closed', bucket: 'year' }, { field: 'stage' }] }) });
    const zhRows = parse((await zh.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(zhRows[0]).toEqual(['closed（按年）', '阶段', '数量']);
    expect(zhRows.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['赢单', '进行中', '丢单']));
    expect((await t.admin.get('/api/reports/sales_by_region/export?format=pdf')).status).toBe(400);
  });
});

describe('dashboards', () => {
  beforeAll(async () => {
    expect((await t.admin.put('/api/meta/reports/deals_by_stage', { object: 'deal', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }], chart: { type: 'pie' } })).status).toBe(201);
    const res = await t.admin.put('/api/meta/dashboards/sales', {
      label: { en: 'Sales', 'zh-CN': '销售' },
      filters: [
        { name: 'period', field: 'closed', kind: 'period' },
        { name: 'region', field: 'region', kind: 'value', options: ['Chongqing', 'Sichuan', 'Yunnan'] },
      ],
      widgets: [{ report: 'sales_by_region', w: 6 }, { report: 'deals_by_stage', w: 6 }, { report: 'margins', w: 12 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('refuses a dashboard naming a missing report', async () => {
    const res = await t.admin.put('/api/meta/dashboards/broken', { widgets: [{ report: 'no_such_report' }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: '/widgets/0/report', message: "there is no report named 'no_such_report'" }]);
  });

  it('runs every widget with the dashboard filters', async () => {
    const res = await t.admin.get('/api/dashboards/sales/run?period=this_month&region=Chongqing');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.filters).toEqual({ period: 'this_month', region: 'Chongqing' });
    const [byRegion, byStage, margins] = res.body.widgets;
    expect(byRegion.result.rows).toEqual([{ region: 'Chongqing', count: 2, sum_amount: 400, sum_amount_pct: 100 }]);
    expect(byStage.result.rows).toEqual([{ stage: 'open', count: 1 }, { stage: 'won', count: 1 }]);
    expect(byStage.result.columns[0].options).toEqual({ open: { en: 'Open', 'zh-CN': '进行中' }, won: { en: 'Won', 'zh-CN': '赢单' }, lost: { en: 'Lost', 'zh-CN': '丢单' } });
    expect(margins.result.rows.length).toBeGreaterThan(0);
    expect(byRegion.layout).toMatchObject({ w: 6 });
  });

  it('shows a widget the caller may not see as an error while the others still run', async () => {
    const res = await rep.api.get('/api/dashboards/sales/run?period=2025-01-01..2025-12-31');
    expect(res.status).toBe(200);
    const [byRegion, byStage, margins] = res.body.widgets;
    expect(byRegion.result.rows).toEqual([{ region: 'Sichuan', count: 1, sum_amount: 200, sum_amount_pct: 100 }]);
    expect(byStage.result.rows).toEqual([{ stage: 'won', count: 1 }]);
    expect(margins).toMatchObject({ result: null, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a bad period or an option the filter does not offer', async () => {
    const period = await t.admin.get('/api/dashboards/sales/run?period=someday');
    expect(period.status).toBe(400);
    expect(period.body.error.details[0].path).toBe('/period');
    expect((await t.admin.get('/api/dashboards/sales/run?period=2025-05-01..2025-01-01')).status).toBe(400);
    expect((await t.admin.get('/api/dashboards/sales/run?region=Tibet')).status).toBe(400);
    expect((await t.admin.get('/api/dashboards/nothing/run')).status).toBe(404);
  });
});

describe('pack messages in the caller language (issue 12 item 18)', () => {
  const zh = async (path: string, init: RequestInit = {}) => {
    const res = await t.admin.raw(path, { ...init, headers: { 'accept-language': 'zh-CN', 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("answers the pack's own errors and definition problems in Chinese", async () => {
    const period = await zh('/api/dashboards/sales/run?period=someday');
    expect(period.status).toBe(400);
    expect(period.body.error.message).toBe('“someday”不是有效的期间。');
    const report = await zh('/api/meta/reports/broken', { method: 'PUT', body: JSON.stringify({ object: 'deal', measures: [{ fn: 'avg' }], chart: { type: 'pie' } }) });
    expect(report.status).toBe(422);
    expect(report.body.error.details.map((d: { message: string }) => d.message).sort()).toEqual(['avg 需要一个字段', 'pie 图表需要恰好一个分组']);
    const english = await t.admin.put('/api/meta/reports/broken', { object: 'deal', measures: [{ fn: 'avg' }], chart: { type: 'pie' } });
    expect(english.body.error.details.map((d: { message: string }) => d.message).sort()).toEqual(['a pie chart needs exactly one grouping', 'avg needs a field']);
  });

  it('names reports and dashboards in Chinese by the labels the pack registered them with', async () => {
    expect((await zh('/api/meta/reports/nowhere')).body.error.message).toBe('没有名为“nowhere”的报表。');
    expect((await zh('/api/meta/dashboards/nowhere')).body.error.message).toBe('没有名为“nowhere”的仪表板。');
  });
});
