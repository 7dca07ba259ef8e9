import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { putAnalysis, runAnalysis } from './analytics-world.ts';

// The shipped analyses on the crm demo data (docs/demo-data.md): each finds the structure the demo
// generator planted in the orders — the customers whose orders fall off, the products bought
// together in the same month, the seasons, and customers of every kind for RFM.

const crmDir = path.resolve(import.meta.dirname, '../../../plugins/crm');
const demo = (name: string): Record<string, any>[] => JSON.parse(fs.readFileSync(path.join(crmDir, 'demo', `${name}.json`), 'utf8'));

/** The 24 current customers whose orders fall off in July or August 2026. */
const FALLING = [7, 17, 32, 49, 51, 52, 53, 57, 58, 67, 71, 87, 108, 109, 122, 125, 127, 158, 168, 185, 248, 270, 291, 299].map((n) => `account_${n}`);
/** Flagged besides them: one order in the recent months against 8 before (account_137), or small last orders (volume). */
const ALSO_FLAGGED = ['account_137', 'account_142', 'account_63'];
/** The planted pairs: the first product mostly comes with the second in the same month. */
const PAIRS = [['product_7', 'product_20'], ['product_9', 'product_18'], ['product_8', 'product_14'], ['product_2', 'product_12']];

let t: TestApp;
/** Record id → demo key ($key), per object (ids are per object). */
const keys = { account: new Map<string, string>(), product: new Map<string, string>() };

async function mapKeys(object: keyof typeof keys, titleField: string): Promise<void> {
  const byTitle = new Map(demo(object).map((r) => [String(r[titleField]), String(r.$key)]));
  const res = await t.admin.get(`/api/records/${object}?limit=500&fields=${titleField}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  for (const record of res.body.data) {
    const key = byTitle.get(String(record[titleField]));
    if (!key) continue;
    keys[object].set(String(record.id), key);
  }
}

beforeAll(async () => {
  t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm', demo: true }, { name: 'analytics' }] });
  await mapKeys('account', 'name');
  await mapKeys('product', 'name');
}, 300_000);
afterAll(() => t?.close());

const keyOf = (id: unknown, object: keyof typeof keys = 'account') => keys[object].get(String(id)) ?? `?${String(id)}`;
const keysOf = (records: { id: string }[], object: keyof typeof keys = 'account') => records.map((r) => keyOf(r.id, object)).sort();
const productsOf = (items: { id: string }[]) => keysOf(items, 'product').join('+');

describe('the shipped analyses on the demo data', () => {
  it('purchase_drop_warning flags the customers whose orders fell off, and no other', async () => {
    const { run } = await runAnalysis(t.admin, 'purchase_drop_warning');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const flagged = run.result.records.filter((r: { group: string }) => r.group === 'flagged');
    expect(keysOf(flagged)).toEqual([...FALLING, ...ALSO_FLAGGED].sort());
    expect(run.result.newlyFlagged).toHaveLength(FALLING.length + ALSO_FLAGGED.length);
    // Current customers only: the lost accounts are not judged.
    const lost = new Set(demo('account').filter((a) => a.lifecycle === 'lost').map((a) => String(a.$key)));
    expect(keysOf(run.result.records).filter((key) => lost.has(key))).toEqual([]);
  });

  it('product_pairs finds the planted pairs, both ways, as the only rules of lift above 2, and offers the second to who buys the first', async () => {
    const { run } = await runAnalysis(t.admin, 'product_pairs');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const rules: { antecedent: { id: string }[]; consequent: { id: string }[]; lift: number; confidence: number }[] = run.result.rules;
    const strong = rules.filter((r) => r.lift > 2).map((r) => `${productsOf(r.antecedent)} → ${productsOf(r.consequent)}`).sort();
    expect(strong).toEqual(PAIRS.flatMap(([a, b]) => [`${a} → ${b}`, `${b} → ${a}`]).sort());
    for (const [a, b] of PAIRS) {
      const rule = rules.find((r) => productsOf(r.antecedent) === a && productsOf(r.consequent) === b)!;
      expect(rule.lift, `${a} → ${b}`).toBeGreaterThanOrEqual(3);
      expect(rule.confidence, `${a} → ${b}`).toBeGreaterThanOrEqual(0.6);
    }
    // The baskets are account × month.
    expect(run.result.transactions).toBeGreaterThan(1000);

    // An account that reorders the first product of a pair but never the second is offered it.
    const owned = new Map<string, Set<string>>();
    for (const o of demo('order')) {
      if (o.contract || o.status === 'cancelled') continue;
      const products = owned.get(o.account.$key) ?? new Set<string>();
      owned.set(o.account.$key, products.add(o.product.$key));
    }
    const [first, second] = PAIRS[0];
    const [account] = [...owned].find(([, products]) => products.has(first) && !products.has(second))!;
    const accountId = [...keys.account].find(([, key]) => key === account)![0];
    const recommended = await t.admin.get(`/api/analyses/product_pairs/recommendations/${accountId}`);
    expect(recommended.status, JSON.stringify(recommended.body)).toBe(200);
    const offer = recommended.body.data.find((r: { item: { id: string } }) => keyOf(r.item.id, 'product') === second);
    expect(offer, JSON.stringify(recommended.body.data)).toBeDefined();
    expect(offer.because.map((b: { id: string }) => keyOf(b.id, 'product'))).toEqual([first]);
    expect(offer.lift).toBeGreaterThanOrEqual(3);
  });

  it('order_seasonality peaks in December and January, and is low in February, July and August', async () => {
    const { run } = await runAnalysis(t.admin, 'order_seasonality');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const index = new Map<number, number>(run.result.indexes.month.map((m: { period: number; index: number }) => [m.period, m.index]));
    const ranked = [...index].sort((a, b) => b[1] - a[1]).map(([month]) => month);
    expect(ranked.slice(0, 2)).toEqual([12, 1]);
    expect(index.get(12)).toBeGreaterThanOrEqual(1.4);
    expect(index.get(1)).toBeGreaterThanOrEqual(1.15);
    for (const month of [9, 10, 11]) expect(index.get(month), `month ${month}`).toBeGreaterThan(1);
    for (const month of [2, 7, 8]) expect(index.get(month), `month ${month}`).toBeLessThanOrEqual(0.9);
    const weekday = new Map<number, number>(run.result.indexes.weekday.map((d: { period: number; index: number }) => [d.period, d.index]));
    const weekdays = [...weekday.keys()].sort((a, b) => a - b);
    expect(weekdays).toHaveLength(7);
    const [monday, tuesday, wednesday, thursday, friday, saturday, sunday] = isoWeek(weekday);
    for (const midweek of [tuesday, wednesday, thursday]) expect(midweek).toBeGreaterThan(Math.max(monday, friday));
    expect(saturday + sunday).toBeLessThan(Math.min(monday, friday));
  });

  it('customer_rfm puts the repeat customers in many segments, the lost ones among the least recent', async () => {
    const { run } = await runAnalysis(t.admin, 'customer_rfm');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.result).toMatchObject({ asOf: '2026-12-01', customers: 159 });
    expect(run.rows).toBe(1952);
    const used = run.result.segments.filter((s: { customers: number }) => s.customers > 0);
    expect(used.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...used.map((s: { customers: number }) => s.customers))).toBeLessThan(159 / 2);
    const lost = new Set(demo('account').filter((a) => a.lifecycle === 'lost').map((a) => String(a.$key)));
    const lostRecords = run.result.records.filter((r: { id: string }) => lost.has(keyOf(r.id)));
    expect(lostRecords).toHaveLength(24);
    for (const record of lostRecords) {
      expect(record.r, keyOf(record.id)).toBeLessThanOrEqual(2);
      expect(['lost', 'hibernating', 'at_risk', 'cannot_lose_them', 'about_to_sleep'], `${keyOf(record.id)}: ${record.group}`).toContain(record.group);
    }
    // A-level customers buy the most: their monetary score is the highest.
    const levelA = new Set(demo('account').filter((a) => a.value_level === 'A').map((a) => String(a.$key)));
    const aScores = run.result.records.filter((r: { id: string }) => levelA.has(keyOf(r.id))).map((r: { m: number }) => r.m);
    expect(aScores.filter((m: number) => m === 5).length).toBeGreaterThan(aScores.length / 2);
  });

  it("a tree on the churn warning's flag tells its rules with the fields' option labels", async () => {
    await putAnalysis(t.admin, {
      name: 'who_falls_off', kind: 'classifier', source: { object: 'account', filter: { lifecycle: { $in: ['customer', 'service_customer'] } } },
      features: ['industry', 'rating', 'value_level'], target: 'churn_warning', params: { maxDepth: 3, minLeaf: 5, testShare: 0.2, seed: 1 },
    });
    const { run } = await runAnalysis(t.admin, 'who_falls_off');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const texts: { en: string; 'zh-CN': string }[] = run.result.rules.map((r: { text: { en: string; 'zh-CN': string } }) => r.text);
    expect(texts.length).toBeGreaterThan(1);
    const raw = /\b(food_beverage|retail|logistics|manufacturing|hot|warm|cold)\b/;
    for (const text of texts) expect(text.en).not.toMatch(raw);
    expect(texts.map((x) => x.en).join('\n')).toMatch(/Food and beverage|Retail|Logistics|Hot|Warm|Cold|A: key|D: small/);
    expect(texts.map((x) => x['zh-CN']).join('\n')).toMatch(/食品饮料|零售|物流|热|温|冷|重点客户|一般客户/);
  });
});

/** The weekday indexes Monday to Sunday, whichever numbering the result uses (0 or 7 for Sunday). */
function isoWeek(byDay: Map<number, number>): number[] {
  const sunday = byDay.get(7) ?? byDay.get(0)!;
  return [1, 2, 3, 4, 5, 6].map((d) => byDay.get(d)!).concat(sunday);
}
