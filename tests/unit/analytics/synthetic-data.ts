import { seededRandom, type FeatureRow, type FeatureSpec, type SeededRandom } from '../../../plugins/analytics/src/engine/index.ts';

// Data sets with a structure planted in them, generated from a seed.

const uniform = (random: SeededRandom, low: number, high: number) => low + random.next() * (high - low);
const integer = (random: SeededRandom, low: number, high: number) => low + random.int(high - low + 1);
/** A standard normal draw (Box–Muller). */
const normal = (random: SeededRandom) => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());

export const TELECOM_FEATURES: FeatureSpec[] = [
  { name: 'age', kind: 'numeric', label: { en: 'age', 'zh-CN': '年龄' } },
  { name: 'wap', kind: 'boolean', label: { en: 'wap', 'zh-CN': 'WAP业务' } },
  { name: 'device_price', kind: 'numeric', label: { en: 'device_price', 'zh-CN': '手机价格' } },
  { name: 'monthly_spend', kind: 'numeric', label: { en: 'monthly_spend', 'zh-CN': '月消费' } },
  { name: 'tenure_months', kind: 'numeric' },
  { name: 'region', kind: 'categorical' },
  { name: 'gender', kind: 'categorical' },
  { name: 'data_gb', kind: 'numeric' },
  { name: 'has_contract', kind: 'boolean' },
  { name: 'calls', kind: 'numeric' },
];

const REGIONS = ['north', 'south', 'east', 'west', 'centre', 'coast'];

/**
 * The telecom churn profile of the thesis: under 26, WAP service, a handset of 1,800–2,800 yuan and a
 * monthly spend of 250–350 yuan → likely to leave; six noise features. A third of the customers fit
 * the profile, a third miss it by exactly one condition, a third are drawn at random; 3 % of the
 * outcomes are flipped. Some noise values are missing.
 */
export function telecomChurnRows(count: number, seed: number): FeatureRow[] {
  const random = seededRandom(seed);
  const rows: FeatureRow[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.int(3);
    const broken = kind === 1 ? random.int(4) : -1;
    const fits = (condition: number) => kind !== 2 && condition !== broken;
    const age = fits(0) ? integer(random, 18, 25) : kind === 2 ? integer(random, 18, 70) : integer(random, 26, 70);
    const wap = fits(1) ? true : kind === 2 ? random.next() < 0.5 : false;
    const devicePrice = fits(2) ? uniform(random, 1800, 2800) : kind === 2 ? uniform(random, 500, 5000) : random.next() < 0.5 ? uniform(random, 500, 1800) : uniform(random, 2800, 5000);
    const monthlySpend = fits(3) ? uniform(random, 250, 350) : kind === 2 ? uniform(random, 50, 600) : random.next() < 0.5 ? uniform(random, 50, 250) : uniform(random, 350, 600);
    const inProfile = age < 26 && wap && devicePrice >= 1800 && devicePrice <= 2800 && monthlySpend >= 250 && monthlySpend <= 350;
    const churn = random.next() < 0.03 ? !inProfile : inProfile;
    rows.push({
      age, wap, device_price: devicePrice, monthly_spend: monthlySpend,
      tenure_months: integer(random, 1, 120),
      region: REGIONS[random.int(REGIONS.length)],
      gender: random.next() < 0.5 ? 'f' : 'm',
      data_gb: random.next() < 0.05 ? null : uniform(random, 0, 40),
      has_contract: random.next() < 0.4,
      calls: integer(random, 0, 300),
      churn,
    });
  }
  return rows;
}

/**
 * Four groups of customers in three features of very different units (yearly income, age, visits a
 * month), each a normal cloud around its own centre; `truth` is the group of each row.
 */
export function plantedClusters(perCluster: number, seed: number): { columns: Float64Array[]; truth: number[]; centres: number[][] } {
  const random = seededRandom(seed);
  const centres = [[30_000, 25, 2], [90_000, 45, 3], [40_000, 60, 12], [120_000, 30, 15]];
  const spreads = [6_000, 3, 1];
  const columns = spreads.map(() => new Float64Array(perCluster * centres.length));
  const truth: number[] = [];
  let row = 0;
  centres.forEach((centre, cluster) => {
    for (let i = 0; i < perCluster; i++, row++) {
      spreads.forEach((spread, f) => (columns[f][row] = centre[f] + spread * normal(random)));
      truth.push(cluster);
    }
  });
  return { columns, truth, centres };
}

/**
 * Baskets of 30 filler products bought at random, and a planted rule {bread, butter} → jam:
 * 100 baskets hold all three, 25 bread and butter without jam, 40 jam without both.
 */
export function plantedBaskets(count: number, seed: number): string[][] {
  const random = seededRandom(seed);
  const baskets: string[][] = [];
  for (let i = 0; i < count; i++) {
    const size = 1 + random.int(4);
    const basket = new Set<string>();
    while (basket.size < size) basket.add(`p${random.int(30)}`);
    baskets.push([...basket]);
  }
  const add = (from: number, to: number, items: string[]) => {
    for (let i = from; i < to; i++) baskets[i].push(...items);
  };
  add(0, 100, ['bread', 'butter', 'jam']);
  add(100, 125, ['bread', 'butter']);
  add(125, 165, ['jam']);
  add(165, 265, ['bread']);
  return baskets;
}
