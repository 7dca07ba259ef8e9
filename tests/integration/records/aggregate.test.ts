import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, seed, type Person } from '../permissions/permission-helpers.ts';

// POST /api/records/:object/aggregate: one GROUP BY under the caller's permissions.

let t: TestApp;
let rep: Person;
let stranger: Person;

const sale = (region: string, stage: string, amount: number, closed: string, values: Record<string, unknown> = {}) => ({ region, stage, amount, closed, ...values });

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, definition] of Object.entries({
    customer: { titleField: 'name', fields: [{ name: 'name', type: 'text' }] },
    sale: {
      titleField: 'region',
      fields: [
        { name: 'region', type: 'enum', options: ['Chongqing', 'Sichuan', 'Yunnan'] },
        { name: 'stage', type: 'enum', options: ['lead', 'won', 'lost'] },
        { name: 'amount', type: 'currency' },
        { name: 'cost', type: 'number' },
        { name: 'closed', type: 'date' },
        { name: 'tags', type: 'multienum', options: ['a', 'b'] },
        { name: 'customer', type: 'lookup', target: 'customer' },
      ],
    },
  })) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const acme = await seed(t, 'customer', { name: 'Acme' });
  const globex = await seed(t, 'customer', { name: 'Globex' });
  await putRole(t, 'sale_rep', { sale: { operations: ['read'], scope: { read: 'own' }, fields: { cost: 'none' } }, customer: { operations: ['read'] } });
  rep = await addUser(t, { roles: ['sale_rep'] });
  stranger = await addUser(t, { roles: [] });
  const rows = [
    sale('Chongqing', 'won', 100, '2026-01-15', { customer: acme, cost: 10 }),
    sale('Chongqing', 'won', 300, '2026-02-03', { customer: acme, cost: 10 }),
    sale('Chongqing', 'lost', 50, '2026-04-20', { customer: globex }),
    sale('Sichuan', 'won', 200, '2026-02-28', { customer: globex }),
    sale('Sichuan', 'lead', 0, '2025-12-31'),
    sale('Yunnan', 'lead', 350, '2026-07-01'),
  ];
  for (const [i, values] of rows.entries()) await seed(t, 'sale', values, { owner: i < 3 ? rep.id : undefined });
});
afterAll(() => t?.close());

const aggregate = (api = t.admin, body: unknown = {}) => api.post('/api/records/sale/aggregate', body);

describe('grouping and measures', () => {
  it('counts and sums per region, sorted by group, with columns labelled in both languages', async () => {
    const res = await aggregate(t.admin, { groupBy: [{ field: 'region' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }, { fn: 'avg', field: 'amount' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns.map((c: { key: string }) => c.key)).toEqual(['region', 'count', 'sum_amount', 'avg_amount']);
    expect(res.body.columns[2].label).toEqual({ en: 'Sum of amount', 'zh-CN': '合计·amount' });
    expect(res.body.rows).toEqual([
      { region: 'Chongqing', count: 3, sum_amount: 450, avg_amount: 150 },
      { region: 'Sichuan', count: 2, sum_amount: 200, avg_amount: 100 },
      { region: 'Yunnan', count: 1, sum_amount: 350, avg_amount: 350 },
    ]);
    expect(res.body.truncated).toBe(false);
  });

  it('cross-tabulates two groupings with min, max, distinct counts and percentages of the total', async () => {
    const res = await aggregate(t.admin, {
      groupBy: [{ field: 'region' }, { field: 'stage' }],
      measures: [{ fn: 'count', percent: true }, { fn: 'max', field: 'closed' }, { fn: 'count_distinct', field: 'customer' }],
      sort: '-count,region,stage',
      filter: { amount: { $gt: 0 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      { region: 'Chongqing', stage: 'won', count: 2, count_pct: 40, max_closed: '2026-02-03', count_distinct_customer: 1 },
      { region: 'Chongqing', stage: 'lost', count: 1, count_pct: 20, max_closed: '2026-04-20', count_distinct_customer: 1 },
      { region: 'Sichuan', stage: 'won', count: 1, count_pct: 20, max_closed: '2026-02-28', count_distinct_customer: 1 },
      { region: 'Yunnan', stage: 'lead', count: 1, count_pct: 20, max_closed: '2026-07-01', count_distinct_customer: 0 },
    ]);
  });

  it('buckets dates by month, quarter and year, naming each bucket by its first day', async () => {
    const months = await aggregate(t.admin, { groupBy: [{ field: 'closed', bucket: 'month' }], measures: [{ fn: 'sum', field: 'amount' }] });
    expect(months.body.rows).toEqual([
      { closed_month: '2025-12-01', sum_amount: 0 },
      { closed_month: '2026-01-01', sum_amount: 100 },
      { closed_month: '2026-02-01', sum_amount: 500 },
      { closed_month: '2026-04-01', sum_amount: 50 },
      { closed_month: '2026-07-01', sum_amount: 350 },
    ]);
    const quarters = await aggregate(t.admin, { groupBy: [{ field: 'closed', bucket: 'quarter' }], measures: [{ fn: 'count' }] });
    expect(quarters.body.rows).toEqual([
      { closed_quarter: '2025-10-01', count: 1 },
      { closed_quarter: '2026-01-01', count: 3 },
      { closed_quarter: '2026-04-01', count: 1 },
      { closed_quarter: '2026-07-01', count: 1 },
    ]);
    const years = await aggregate(t.admin, { groupBy: [{ field: 'closed', bucket: 'year' }], sort: '-closed_year' });
    expect(years.body.rows).toEqual([{ closed_year: '2026-01-01', count: 5 }, { closed_year: '2025-01-01', count: 1 }]);
    const weeks = await aggregate(t.admin, { groupBy: [{ field: 'closed', bucket: 'week' }], filter: { closed: { $lt: '2026-01-20' } } });
    expect(weeks.body.rows).toEqual([{ closed_week: '2025-12-29', count: 1 }, { closed_week: '2026-01-12', count: 1 }]);
  });

  it('shows the title of a lookup grouping and groups through lookup paths', async () => {
    const res = await aggregate(t.admin, { groupBy: [{ field: 'customer' }], measures: [{ fn: 'sum', field: 'amount' }], sort: '-sum_amount' });
    expect(res.body.rows.map((r: Record<string, unknown>) => [r.customer__title, r.sum_amount])).toEqual([['Acme', 400], [null, 350], ['Globex', 250]]);
    const byName = await aggregate(t.admin, { groupBy: [{ field: 'customer.name' }], measures: [{ fn: 'count' }] });
    expect(byName.body.rows).toEqual([{ 'customer.name': 'Acme', count: 2 }, { 'customer.name': 'Globex', count: 2 }, { 'customer.name': null, count: 2 }]);
  });

  it('sorts enum groups in the order of their options, as a funnel needs', async () => {
    const res = await aggregate(t.admin, { groupBy: [{ field: 'stage' }] });
    expect(res.body.rows.map((r: { stage: string }) => r.stage)).toEqual(['lead', 'won', 'lost']);
    const reversed = await aggregate(t.admin, { groupBy: [{ field: 'stage' }], sort: '-stage' });
    expect(reversed.body.rows.map((r: { stage: string }) => r.stage)).toEqual(['lost', 'won', 'lead']);
  });

  it('limits the groups and says the answer was cut', async () => {
    const res = await aggregate(t.admin, { groupBy: [{ field: 'region' }], limit: 2 });
    expect(res.body.rows).toHaveLength(2);
    expect(res.body.truncated).toBe(true);
  });
});

describe('permissions', () => {
  it('counts only rows in the caller scope', async () => {
    const res = await aggregate(rep.api, { groupBy: [{ field: 'region' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([{ region: 'Chongqing', count: 3, sum_amount: 450 }]);
  });

  it('refuses with 403 a hidden field in a grouping, a measure or the filter', async () => {
    for (const body of [
      { groupBy: [{ field: 'cost' }] },
      { measures: [{ fn: 'sum', field: 'cost' }] },
      { filter: { cost: { $gt: 1 } } },
    ]) {
      const res = await aggregate(rep.api, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).toContain('cost');
    }
  });

  it('refuses with 403 a user no role lets read the object', async () => {
    expect((await aggregate(stranger.api, {})).status).toBe(403);
  });
});

describe('bad input', () => {
  it.each([
    [{ groupBy: [{ field: 'nope' }] }, 400, '/groupBy/0/field'],
    [{ groupBy: [{ field: 'region', bucket: 'month' }] }, 400, '/groupBy/0/bucket'],
    [{ groupBy: [{ field: 'tags' }] }, 400, '/groupBy/0/field'],
    [{ groupBy: [{ field: 'closed', bucket: 'decade' }] }, 400, '/groupBy/0/bucket'],
    [{ measures: [{ fn: 'median', field: 'amount' }] }, 400, '/measures/0/fn'],
    [{ measures: [{ fn: 'sum', field: 'region' }] }, 400, '/measures/0/field'],
    [{ measures: [{ fn: 'sum' }] }, 400, '/measures/0/field'],
    [{ sort: 'nothing' }, 400, '/sort/0'],
    [{ limit: 0 }, 400, '/limit'],
    [{ groupBy: 'region' }, 400, '/groupBy'],
    [{ extra: 1 }, 400, '/extra'],
    [{ filter: { amount: { $near: 1 } } }, 400, '/filter/amount/$near'],
  ])('answers %j with %i naming %s', async (body, status, path) => {
    const res = await aggregate(t.admin, body);
    expect(res.status).toBe(status);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers 404 for an unknown object', async () => {
    expect((await t.admin.post('/api/records/nothing/aggregate', {})).status).toBe(404);
  });
});
