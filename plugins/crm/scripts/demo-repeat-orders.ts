import { addDays, daysBetween, isoWeekday, officeMoment } from './demo-dates.ts';
import { orderDayFactor } from './demo-order-season.ts';
import { randomTools } from '../../../platform/scripts/demo-random.ts';

/**
 * The repeat business of the crm demo: customers reorder consumables, licences, hardware and services
 * month after month, with structure for the analytics pack to find (docs/demo-data.md):
 * - value levels A–D differ in how often and how much an account orders;
 * - 18 % of the current customers that reorder order far less, and smaller, in their last months;
 * - lost accounts stopped ordering months ago;
 * - some products come with another in the same month (PRODUCT_PAIRS);
 * - orders follow the seasons and the working week (demo-order-season.ts).
 */

export interface OrderingAccount {
  key: string;
  owner: string;
  industry: string;
  level: string;
  lifecycle: string;
  rating: string;
  /** Repeat orders start after this day (an account converted from a lead: its conversion). */
  notBefore?: string;
  /** A lost account's lost deal, if it had one: its orders stop around then. */
  lostOn?: string;
  /** Days of its contract orders. */
  contractOrders: string[];
}

export interface RepeatOrderInput {
  asOf: string;
  accounts: readonly OrderingAccount[];
  /** Price by product number (1–20, the demo's product_1 … product_20). */
  price: (product: number) => number;
  /** The products an industry buys (the opportunities' product lists). */
  productsFor: Readonly<Record<string, readonly number[]>>;
  springFestivals: readonly string[];
  random: () => number;
}

type OrderRecord = Record<string, unknown>;

export interface RepeatOrders {
  records: OrderRecord[];
  /** The day of each account's first repeat order. */
  firstOrder: Map<string, string>;
  /** Accounts whose orders fall off in their last months (keys). */
  decliners: string[];
  /** The first day of the repeat order history. */
  from: string;
}

/** Orders a month, the usual order value and the volume discount, by value level. */
const SEGMENT: Record<string, { perMonth: number; ticket: number; discount: number }> = {
  A: { perMonth: 0.9, ticket: 60_000, discount: 0.08 },
  B: { perMonth: 0.65, ticket: 24_000, discount: 0.05 },
  C: { perMonth: 0.45, ticket: 10_000, discount: 0.02 },
  D: { perMonth: 0.35, ticket: 4_000, discount: 0 },
};
/** An account buys only products that fit its usual order value (at most this many times it for one unit). */
const TICKET_FIT = 2;
/** Every account can reorder consumables (label paper, receipt paper). */
const ALWAYS_FITS = [17, 19];

/** How often each product is reordered, relative to the others. */
const REPEAT_WEIGHT: Record<number, number> = {
  1: 3, 2: 2, 3: 0.3, 4: 0.4, 5: 0.2, 6: 0.3, 7: 1.2, 8: 2, 9: 1.2, 10: 1, 11: 0.5, 12: 2, 13: 0.5, 14: 1, 15: 0.3, 16: 1.5, 17: 6, 18: 1, 19: 6, 20: 0.5,
};

/** Bought together: an order of the first product brings an order of the second in the same month, most of the time. */
const PRODUCT_PAIRS: readonly (readonly [number, number])[] = [[7, 20], [9, 18], [8, 14], [2, 12]];
const PAIR_CHANCE = 0.8;
/** A product that mostly comes with another is seldom ordered alone. */
const ALONE_WEIGHT = 0.3;

/** The share of customers (current and lost) that never reorder. */
const PROJECT_ONLY_SHARE = 0.25;
/** The share of current customers whose orders fall off. */
const DECLINING_SHARE = 0.18;
/** Who is more likely to fall off: by industry, rating and value level (a pattern for a classifier). */
const DECLINE_RISK = {
  industry: { retail: 2.5, food_beverage: 2.5, logistics: 1.5 } as Record<string, number>,
  rating: { cold: 4, warm: 1.5, hot: 0.5 } as Record<string, number>,
  level: { A: 0.5, B: 1.2, C: 1.5, D: 1 } as Record<string, number>,
};
const DECLINE = { startDays: [120, 150], rampDays: 20, floor: [0.03, 0.1], orderValue: 0.5, minPerMonth: 0.5 } as const;
const LOST = { rampDays: 60, minDays: 180, stopDays: [240, 540] } as const;

export function repeatOrders(input: RepeatOrderInput): RepeatOrders {
  const { asOf, random } = input;
  const { int, chance, between, weightedPick } = randomTools(random);
  const from = historyStart(asOf);
  const historyDays = daysBetween(from, asOf);
  const dayFactor = new Map<string, number>();
  for (let i = 0; i < historyDays; i++) {
    const date = addDays(from, i);
    dayFactor.set(date, orderDayFactor(date, input.springFestivals));
  }
  const meanDayFactor = [...dayFactor.values()].reduce((n, f) => n + f, 0) / historyDays;

  // When each account's repeat business starts and ends.
  const plans = input.accounts
    // Prospects have bought nothing yet, and some customers bought a project only.
    .filter((a) => a.lifecycle !== 'prospect' && !chance(PROJECT_ONLY_SHARE))
    .map((account) => {
      const latestStart = daysBetween(from, asOf) - 300;
      let since = chance(0.85) ? from : addDays(from, int(0, latestStart));
      if (account.notBefore && since < addDays(account.notBefore, 10)) since = addDays(account.notBefore, int(10, 40));
      let stop: string | undefined;
      if (account.lifecycle === 'lost') {
        const lostInRange = account.lostOn && account.lostOn >= addDays(since, LOST.minDays) && account.lostOn <= addDays(asOf, -LOST.stopDays[0]);
        stop = lostInRange ? addDays(account.lostOn!, int(0, 30)) : addDays(asOf, -int(LOST.stopDays[0], LOST.stopDays[1]));
      }
      return { account, since, stop, perMonth: SEGMENT[account.level].perMonth * between(0.8, 1.25), declineFrom: undefined as string | undefined, floor: 1 };
    })
    .filter((p) => p.since < addDays(asOf, -60) && (!p.stop || p.stop >= addDays(p.since, LOST.minDays)));

  // The decliners: current customers with a full year and more of history and no contract order lately.
  const current = plans.filter((p) => p.account.lifecycle === 'customer' || p.account.lifecycle === 'service_customer');
  const candidates = current.filter((p) => p.perMonth >= DECLINE.minPerMonth && p.since <= addDays(asOf, -460) && !p.account.contractOrders.some((d) => d >= addDays(asOf, -150)));
  const risk = (a: OrderingAccount) => (DECLINE_RISK.industry[a.industry] ?? 0.6) * DECLINE_RISK.rating[a.rating] * DECLINE_RISK.level[a.level];
  for (const plan of weightedSample(candidates, (p) => risk(p.account), Math.round(current.length * DECLINING_SHARE), weightedPick)) {
    plan.declineFrom = addDays(asOf, -int(DECLINE.startDays[0], DECLINE.startDays[1]));
    plan.floor = between(DECLINE.floor[0], DECLINE.floor[1]);
  }

  const orders: { account: OrderingAccount; product: number; quantity: number; date: string }[] = [];
  for (const plan of plans) {
    const { account } = plan;
    const segment = SEGMENT[account.level];
    const repertoire = repertoireOf(account, input, segment.ticket, chance);
    const ratePerDay = plan.perMonth / (365.25 / 12) / meanDayFactor;
    /** How much of its usual business the account still does on a day (falling off, or stopped). */
    const trend = (date: string) => {
      if (plan.stop) return Math.min(1, Math.max(0, daysBetween(date, plan.stop) / LOST.rampDays));
      if (!plan.declineFrom || date < plan.declineFrom) return 1;
      return Math.max(plan.floor, 1 - daysBetween(plan.declineFrom, date) / DECLINE.rampDays);
    };
    /** Units worth about the account's usual order value (half of it once its orders fall off). */
    const unitsWorth = (value: number, product: number) => Math.max(1, Math.round(value / input.price(product)));
    const usualValue = (date: string) => segment.ticket * between(0.75, 1.3) * (plan.declineFrom && date >= plan.declineFrom ? DECLINE.orderValue : 1);
    // Orders come when enough demand has built up: regular, yet following the seasons and the week.
    let due = between(0.75, 1.25);
    let demand = random() * due;
    for (let date = plan.since; date < asOf && (!plan.stop || date < plan.stop); date = addDays(date, 1)) {
      demand += ratePerDay * dayFactor.get(date)! * trend(date);
      while (demand >= due) {
        demand -= due;
        due = between(0.75, 1.25);
        const product = weightedPick(repertoire);
        const quantity = unitsWorth(usualValue(date), product);
        orders.push({ account, product, quantity, date });
        const pair = PRODUCT_PAIRS.find(([first]) => first === product);
        // A customer whose orders fall off buys only what it must.
        if (pair && trend(date) === 1 && chance(PAIR_CHANCE)) {
          const companionDate = companionDay(date, int(0, 6), asOf);
          orders.push({ account, product: pair[1], quantity: unitsWorth(quantity * input.price(product) * between(0.2, 0.5), pair[1]), date: companionDate });
        }
      }
    }
  }

  orders.sort((a, b) => a.date.localeCompare(b.date) || a.account.key.localeCompare(b.account.key) || a.product - b.product);
  const firstOrder = new Map<string, string>();
  const perMonth = new Map<string, number>();
  const records = orders.map(({ account, product, quantity, date }) => {
    if (!firstOrder.has(account.key)) firstOrder.set(account.key, date);
    const month = date.slice(0, 7).replace('-', '');
    const sequence = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, sequence);
    const age = daysBetween(date, asOf);
    return {
      $owner: account.owner,
      $createdAt: officeMoment(date, int(9, 17), int(0, 5) * 10),
      number: `DD-${month}-${String(sequence).padStart(4, '0')}`,
      account: { $key: account.key },
      product: { $key: `product_${product}` },
      quantity,
      amount: Math.round(quantity * input.price(product) * (1 - SEGMENT[account.level].discount)),
      order_date: date,
      status: age > 60 ? (chance(0.98) ? 'completed' : 'cancelled') : age > 10 ? 'shipped' : 'open',
    };
  });
  const decliners = plans.filter((p) => p.declineFrom).map((p) => p.account.key);
  return { records, firstOrder, decliners, from };
}

/** January 1st of the year that gives at least 23 months of history before asOf: whole calendar years for seasonal indices. */
function historyStart(asOf: string): string {
  const [year, month] = asOf.split('-').map(Number);
  const monthsBack = year * 12 + (month - 1) - 23;
  return `${Math.floor(monthsBack / 12)}-01-01`;
}

/** The products an account reorders, with their weights: most of its industry's that fit its order value, the pairs' companions seldom alone. */
function repertoireOf(account: OrderingAccount, input: RepeatOrderInput, ticket: number, chance: (p: number) => boolean): [number, number][] {
  const fitting = input.productsFor[account.industry].filter((product) => input.price(product) <= ticket * TICKET_FIT);
  let chosen = fitting.filter(() => chance(0.8));
  if (chosen.length < 2) chosen = fitting;
  for (const product of ALWAYS_FITS) if (chosen.length < 3 && !chosen.includes(product)) chosen.push(product);
  const companions = new Set(PRODUCT_PAIRS.map(([, second]) => second));
  return chosen.map((product) => [product, REPEAT_WEIGHT[product] * (companions.has(product) ? ALONE_WEIGHT : 1)]);
}

/** A working day some days after an order, in the same month and before asOf; else the order's own day. */
function companionDay(date: string, after: number, asOf: string): string {
  const day = addDays(date, after);
  return isoWeekday(day) <= 5 && day.slice(0, 7) === date.slice(0, 7) && day < asOf ? day : date;
}

/** n items drawn without replacement, each with a chance proportional to its weight. */
function weightedSample<T>(items: readonly T[], weight: (item: T) => number, n: number, weightedPick: (entries: [number, number][]) => number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < n && pool.length) chosen.push(...pool.splice(weightedPick(pool.map((item, i) => [i, weight(item)])), 1));
  return chosen;
}
