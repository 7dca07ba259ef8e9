import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The structure planted in the crm demo's orders for the analytics pack (issue 14, "Demo and tests"),
// counted here from the demo files the way docs/demo-data.md describes it, so that the document, the
// generator and the analyses on the demo agree.

interface Order { number: string; account: { $key: string }; contract?: unknown; product: { $key: string }; quantity: number; amount: number; order_date: string; status: string }
interface Account { $key: string; $createdAt: string; lifecycle: string; value_level: string }

const demoDir = path.resolve(import.meta.dirname, '../../../plugins/crm/demo');
const read = <T>(name: string): T[] => JSON.parse(fs.readFileSync(path.join(demoDir, `${name}.json`), 'utf8'));
const orders = read<Order>('order');
const accounts = read<Account>('account');

/** The demo's reference day: every window below ends the day before it. */
const AS_OF = '2026-12-01';
/** Repeat orders (no contract) that were not cancelled: the recurring business. */
const repeat = orders.filter((o) => !o.contract && o.status !== 'cancelled');
const current = accounts.filter((a) => a.lifecycle === 'customer' || a.lifecycle === 'service_customer');
const DECLINERS = [
  'account_7', 'account_17', 'account_32', 'account_49', 'account_51', 'account_52', 'account_53', 'account_57', 'account_58', 'account_67', 'account_71', 'account_87',
  'account_108', 'account_109', 'account_122', 'account_125', 'account_127', 'account_158', 'account_168', 'account_185', 'account_248', 'account_270', 'account_291', 'account_299',
];

const byAccount = new Map<string, Order[]>();
for (const o of repeat) byAccount.set(o.account.$key, [...(byAccount.get(o.account.$key) ?? []), o]);
const sum = (list: Order[]) => list.reduce((n, o) => n + o.amount, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The first day of the month `months` before AS_OF. */
function monthsBefore(months: number): string {
  const [year, month] = AS_OF.split('-').map(Number);
  const index = year * 12 + month - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Current customers whose orders a month in the recent months fell by dropPercent or more against the baseline months before them. */
function churnFlags(recentMonths: number, baselineMonths: number, dropPercent: number) {
  const recentFrom = monthsBefore(recentMonths);
  const baselineFrom = monthsBefore(recentMonths + baselineMonths);
  const frequency: string[] = [];
  const volume: string[] = [];
  for (const account of current) {
    const own = byAccount.get(account.$key) ?? [];
    const recent = own.filter((o) => o.order_date >= recentFrom && o.order_date < AS_OF);
    const baseline = own.filter((o) => o.order_date >= baselineFrom && o.order_date < recentFrom);
    if (!baseline.length) continue;
    const fell = (now: number, before: number) => now / recentMonths <= (1 - dropPercent / 100) * (before / baselineMonths);
    if (fell(recent.length, baseline.length)) frequency.push(account.$key);
    if (fell(sum(recent), sum(baseline))) volume.push(account.$key);
  }
  return { frequency, volume };
}

/** Baskets of account × month: the products ordered. */
const baskets = new Map<string, Set<string>>();
for (const o of repeat) {
  const key = `${o.account.$key} ${o.order_date.slice(0, 7)}`;
  baskets.set(key, (baskets.get(key) ?? new Set()).add(o.product.$key));
}
const holding = (...items: string[]) => [...baskets.values()].filter((b) => items.every((i) => b.has(i))).length;
function rule(x: string, y: string) {
  const both = holding(x, y);
  return { support: both / baskets.size, confidence: both / holding(x), lift: (both / holding(x)) / (holding(y) / baskets.size) };
}

/** Each month's (or weekday's) share of its year's mean, averaged over the years, for the repeat order count. */
function monthIndex(): Map<number, number> {
  const totals = new Map<string, number>();
  for (const o of repeat) totals.set(o.order_date.slice(0, 7), (totals.get(o.order_date.slice(0, 7)) ?? 0) + 1);
  const ratios = new Map<number, number[]>();
  for (const year of new Set([...totals.keys()].map((k) => k.slice(0, 4)))) {
    const months = [...totals].filter(([k]) => k.startsWith(year));
    const mean = months.reduce((n, [, v]) => n + v, 0) / months.length;
    for (const [k, v] of months) ratios.set(Number(k.slice(5)), [...(ratios.get(Number(k.slice(5))) ?? []), v / mean]);
  }
  return new Map([...ratios].map(([month, list]) => [month, list.reduce((n, r) => n + r, 0) / list.length]));
}

describe('the crm demo orders', () => {
  it('keep the contract orders and add two calendar years of repeat orders', () => {
    expect(orders.filter((o) => o.contract)).toHaveLength(130);
    const dates = orders.filter((o) => !o.contract).map((o) => o.order_date).sort();
    expect(dates).toHaveLength(1992);
    expect(dates[0] >= '2025-01-01' && dates[dates.length - 1] < AS_OF).toBe(true);
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);
  });

  it('flag the planted accounts, and nearly no other, when the last 3 months fall by half against the 12 before', () => {
    const flags = churnFlags(3, 12, 50);
    expect(DECLINERS.length / current.filter((a) => byAccount.has(a.$key)).length).toBeCloseTo(0.18, 2);
    expect(flags.frequency.sort()).toEqual([...DECLINERS, 'account_137'].sort());
    expect(flags.volume.sort()).toEqual([...DECLINERS, 'account_137', 'account_142', 'account_63'].sort());
    // Almost nothing since September: one of them ordered once, for a fifth of its usual month.
    const recentOrders = DECLINERS.flatMap((key) => byAccount.get(key)!.filter((o) => o.order_date >= monthsBefore(3)));
    expect(recentOrders.map((o) => o.account.$key)).toEqual(['account_7']);
  });

  it('buy four product pairs in the same month far more often than chance, and no other pair', () => {
    const planted = [['product_7', 'product_20'], ['product_9', 'product_18'], ['product_8', 'product_14'], ['product_2', 'product_12']];
    for (const [x, y] of planted) {
      const found = rule(x, y);
      expect(found.lift, `${x} → ${y}`).toBeGreaterThanOrEqual(3);
      expect(found.confidence, `${x} → ${y}`).toBeGreaterThanOrEqual(0.6);
      expect(found.support, `${x} → ${y}`).toBeGreaterThanOrEqual(0.01);
    }
    const products = [...new Set(repeat.map((o) => o.product.$key))];
    const plantedKeys = new Set(planted.map((p) => [...p].sort().join(' ')));
    for (const x of products) {
      for (const y of products) {
        if (x >= y || plantedKeys.has([x, y].sort().join(' ')) || holding(x, y) / baskets.size < 0.01) continue;
        expect(rule(x, y).lift, `${x} and ${y}`).toBeLessThan(2);
      }
    }
  });

  it('peak before the Spring Festival, in autumn and at year end, dip in February and summer, and come on working days', () => {
    const index = monthIndex();
    expect(index.get(12)).toBeGreaterThanOrEqual(1.4);
    expect(index.get(1)).toBeGreaterThanOrEqual(1.15);
    for (const month of [9, 10, 11]) expect(index.get(month), String(month)).toBeGreaterThanOrEqual(1.05);
    for (const month of [2, 7, 8]) expect(index.get(month), String(month)).toBeLessThanOrEqual(0.9);
    const weekdays = [0, 0, 0, 0, 0, 0, 0];
    for (const o of repeat) weekdays[(new Date(`${o.order_date}T00:00:00Z`).getUTCDay() + 6) % 7]++;
    expect((weekdays[5] + weekdays[6]) / repeat.length).toBeLessThan(0.06);
    for (const midweek of [1, 2, 3]) expect(weekdays[midweek]).toBeGreaterThan(Math.max(weekdays[0], weekdays[4]));
  });

  it('set the value levels apart by how often and how much each account orders', () => {
    const lastYear = (key: string) => (byAccount.get(key) ?? []).filter((o) => o.order_date >= monthsBefore(12));
    const steady = current.filter((a) => byAccount.has(a.$key) && !DECLINERS.includes(a.$key));
    const level = (l: string) => steady.filter((a) => a.value_level === l).map((a) => lastYear(a.$key));
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map(level);
    const value = (group: Order[][]) => median(group.map(sum));
    const count = (group: Order[][]) => median(group.map((list) => list.length));
    expect(value(a)).toBeGreaterThan(2.5 * value(b));
    expect(value(b)).toBeGreaterThan(2.5 * value(c));
    expect(value(c)).toBeGreaterThan(2.5 * value(d));
    expect(count(a)).toBeGreaterThan(count(b));
    expect(count(b)).toBeGreaterThan(count(c));
    expect(count(c)).toBeGreaterThanOrEqual(count(d));
  });

  it('stopped for lost accounts long ago, and come after the account was created', () => {
    const lost = accounts.filter((a) => a.lifecycle === 'lost' && byAccount.has(a.$key));
    expect(lost).toHaveLength(24);
    for (const account of lost) expect(byAccount.get(account.$key)!.every((o) => o.order_date < monthsBefore(7)), account.$key).toBe(true);
    for (const account of accounts) {
      const first = (byAccount.get(account.$key) ?? []).map((o) => o.order_date).sort()[0];
      if (first) expect(account.$createdAt.slice(0, 10) <= first, account.$key).toBe(true);
    }
  });
});
