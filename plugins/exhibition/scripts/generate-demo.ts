/**
 * Writes the exhibition pack's demo data: plugins/exhibition/demo/*.json and load-order.json. A
 * national food, sugar and wine fair held each spring and autumn: five editions from spring 2025 to
 * spring 2027 (still selling), their halls and booths, about 300 exhibitors with their contacts, and
 * a reservation with its booth bookings for every stand. Deterministic (a seeded PRNG, dates relative
 * to the reference day 2026-12-01), so running it again gives the same files. The churn planted in it
 * and its exact figures: docs/exhibition.md, "Demo data".
 *
 *   npx tsx plugins/exhibition/scripts/generate-demo.ts [--out plugins/exhibition/demo]
 */
import fs from 'node:fs';
import path from 'node:path';
import { EDITIONS, type EditionPlan } from './demo-editions.ts';
import { layoutHall, type PlannedBooth } from './demo-halls.ts';
import { companyName, personName, type Company, type Segment } from './demo-names.ts';
import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';
import { visitorDemo } from './demo-visitors.ts';
import { servicesDemo } from './demo-services.ts';
import { portalDemo } from './demo-portal.ts';
import { demoMailings } from './demo-mailings.ts';

const SEED = 20270325;
/** The password of every demo user, the crm demo's. */
export const DEMO_PASSWORD = 'Demo-pass-2026';
const DAY = 86_400_000;

const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(outArg >= 0 ? process.argv[outArg + 1] : path.join(import.meta.dirname, '..', 'demo'));

const r = randomTools(prng(SEED));
const { int, chance, pick, weighted, shuffle } = r;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** A moment in China's office hours (UTC+8) on a day, written as UTC. */
const moment = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + ((int(9, 17) - 8) * 60 + int(0, 5) * 10) * 60_000).toISOString();
const ref = (key: string) => ({ $key: key });
type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The organiser: its own root department (another pack's department keys cannot be referred to)

const DIRECTOR = 'ma.dong';
const departments = [
  { key: 'fair_company', name: '华夏会展有限公司', head: DIRECTOR },
  { key: 'fair_office', name: '展会事业部', parent: 'fair_company', head: DIRECTOR },
  { key: 'fair_marketing', name: '市场中心', parent: 'fair_company', head: 'xie.yun' },
  { key: 'fair_news', name: '新闻中心', parent: 'fair_company', head: 'bai.xue' },
];
const users = [
  { username: DIRECTOR, name: '马东', department: 'fair_office', roles: ['exhibition_director'] },
  { username: 'tang.lu', name: '唐璐', department: 'fair_office', manager: DIRECTOR, roles: ['exhibition_sales'] },
  { username: 'jiang.hai', name: '蒋海', department: 'fair_office', manager: DIRECTOR, roles: ['exhibition_sales'] },
  { username: 'fan.qing', name: '范晴', department: 'fair_office', manager: DIRECTOR, roles: ['exhibition_sales'] },
  { username: 'xie.yun', name: '谢芸', department: 'fair_marketing', roles: ['marketing', 'department_desk'] },
  { username: 'cui.hao', name: '崔昊', department: 'fair_marketing', manager: 'xie.yun', roles: ['marketing', 'department_desk'] },
  { username: 'bai.xue', name: '白雪', department: 'fair_news', roles: ['marketing', 'department_desk'] },
  { username: 'yu.bo', name: '余波', department: 'fair_news', manager: 'bai.xue', roles: ['marketing', 'department_desk'] },
].map((u) => ({ username: u.username, password: DEMO_PASSWORD, name: u.name, email: `${u.username}@example.com`, department: u.department, ...(u.manager ? { manager: u.manager } : {}), roles: u.roles }));
/** Each salesperson looks after the exhibitors of some regions. */
const OWNER_OF_REGION: Record<string, string> = {
  Sichuan: 'tang.lu', Chongqing: 'tang.lu', Yunnan: 'jiang.hai', Guangdong: 'jiang.hai', Beijing: 'fan.qing', Shanghai: 'fan.qing', Zhejiang: 'fan.qing', Jiangsu: 'fan.qing',
};

// ---------------------------------------------------------------------------------------------
// Exhibitors

type Size = 'single' | 'corner' | 'double' | 'large';
interface Exhibitor extends Company {
  key: string;
  segment: Segment;
  size: Size;
  owner: string;
  /** The year of its first fair, before the demo's history for most of spring and autumn 2025's exhibitors. */
  firstExhibited: number | null;
  createdOn: string;
  contacts: string[];
  prospect: boolean;
}

const crmNames = new Set((JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../crm/demo/account.json'), 'utf8')) as { name: string }[]).map((a) => normalizedName(a.name)));
const takenNames = new Set(crmNames);
const exhibitors: Exhibitor[] = [];
let contactCount = 0;

/** The platform's 'name' normalisation (lower case, no separators, no company suffix): the account's dedup rule blocks equal names. */
function normalizedName(name: string): string {
  const separators = /[\s!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~（）【】，。、·：；“”‘’《》「」『』！？…—～\u3000]+/g;
  const suffix = / ((co|company) (ltd|limited)|ltd|limited|inc|llc|corp|corporation|co|company)$|有限责任公司$|股份有限公司$|有限公司$/;
  return name.toLowerCase().replace(separators, ' ').trim().replace(suffix, '').replace(/ /g, '');
}

const SIZE_WEIGHTS: Record<Segment, Record<Size, number>> = {
  raw_materials: { single: 50, corner: 14, double: 24, large: 12 },
  finished_goods: { single: 50, corner: 14, double: 22, large: 14 },
  peripheral: { single: 74, corner: 10, double: 14, large: 2 },
};

function newExhibitor(firstYear: number | null, createdBefore: string, prospect = false): Exhibitor {
  const segment = weighted<Segment>({ raw_materials: 25, finished_goods: 50, peripheral: 25 });
  let company = companyName(segment, r);
  while (takenNames.has(normalizedName(company.name))) company = companyName(segment, r);
  takenNames.add(normalizedName(company.name));
  const exhibitor: Exhibitor = {
    ...company, key: `exhibitor_${exhibitors.length + 1}`, segment, size: weighted(SIZE_WEIGHTS[segment]), owner: OWNER_OF_REGION[company.place.region],
    firstExhibited: firstYear, createdOn: addDays(createdBefore, -int(10, 120)), prospect,
    contacts: Array.from({ length: chance(0.35) ? 2 : 1 }, () => `contact_${++contactCount}`),
  };
  exhibitors.push(exhibitor);
  return exhibitor;
}

// ---------------------------------------------------------------------------------------------
// Editions, halls and booths

interface Booth extends PlannedBooth { key: string; edition: string; hall: string; blocked: boolean; taken: boolean; booking?: { status: string; exhibitor: string } }
interface Stand { exhibitor: Exhibitor; edition: EditionPlan; booths: Booth[]; area: number; late: boolean; reservation: Rec }

const exhibitionRecords: Rec[] = [];
const hallRecords: Rec[] = [];
const boothsOf = new Map<string, Booth[]>();
for (const edition of EDITIONS) {
  const created = addDays(edition.start, -330);
  exhibitionRecords.push({
    $key: edition.key, $owner: DIRECTOR, $createdAt: moment(created), name: edition.name, year: edition.year, season: edition.season,
    venue: edition.venue, city: edition.city, start_date: edition.start, end_date: edition.end, status: edition.status,
    ...(edition.previous ? { previous_edition: ref(edition.previous) } : {}),
    ...(edition.rebookingUntil ? { rebooking_until: edition.rebookingUntil, priority_until: edition.priorityUntil } : {}),
    hold_minutes: 15, offer_hours: 48, discount_threshold: 0.1,
    description: `${edition.city}${edition.venue}，${edition.halls.length} 个展馆；标准展位 ¥${edition.prices.shell}/m²，光地 ¥${edition.prices.raw}/m²。`,
  });
  const booths: Booth[] = [];
  edition.halls.forEach((shape, h) => {
    const hallKey = `${edition.key}_${shape.code}`;
    const plan = layoutHall(shape, edition.prices);
    hallRecords.push({ $key: hallKey, $owner: DIRECTOR, $createdAt: moment(created), exhibition: ref(edition.key), name: `${h + 1}号馆`, code: shape.code, width: plan.width, depth: plan.depth, outline: plan.outline });
    for (const b of plan.booths) booths.push({ ...b, key: `${hallKey}_${b.number}`, edition: edition.key, hall: hallKey, blocked: false, taken: false });
  });
  boothsOf.set(edition.key, booths);
}

/** The organiser keeps a few booths off sale: its service desk in every hall, and in spring 2027 two more. */
function blockBooths(edition: EditionPlan): void {
  const booths = boothsOf.get(edition.key)!;
  for (const shape of edition.halls) booths.find((b) => b.hall.endsWith(`_${shape.code}`) && b.booth_type === 'standard')!.blocked = true;
  if (edition.status === 'booking') for (const b of booths.filter((x) => x.booth_type === 'standard' && !x.blocked).slice(-2)) b.blocked = true;
}

const free = (b: Booth) => !b.taken && !b.blocked;
/** Booths for an exhibitor's stand: the same booth numbers as at its last stand of the season when free, else of its size. */
function allocate(edition: EditionPlan, exhibitor: Exhibitor, before?: Stand): Booth[] {
  const booths = boothsOf.get(edition.key)!;
  const take = (list: Booth[]) => { for (const b of list) b.taken = true; return list; };
  if (before) {
    const same = before.booths.map((o) => booths.find((b) => b.number === o.number && b.hall.endsWith(o.hall.slice(-2))));
    if (same.every((b) => b && free(b))) return take(same as Booth[]);
  }
  const open = shuffle(booths.filter(free));
  const ofType = (...types: string[]) => open.find((b) => types.includes(b.booth_type));
  if (exhibitor.size === 'large') { const b = ofType('island', 'raw_space'); if (b) return take([b]); }
  if (exhibitor.size === 'large' || exhibitor.size === 'double') {
    for (const b of open) {
      const next = booths.find((n) => n.row === b.row && n.x === b.x + b.width && free(n) && (n.booth_type === 'standard' || n.booth_type === 'corner'));
      if (next && (b.booth_type === 'standard' || b.booth_type === 'corner')) return take([b, next]);
    }
  }
  if (exhibitor.size === 'corner') { const b = ofType('corner'); if (b) return take([b]); }
  const b = ofType('standard') ?? ofType('corner');
  if (!b) throw new Error(`${edition.key} has no booth left for ${exhibitor.name}`);
  return take([b]);
}

// ---------------------------------------------------------------------------------------------
// Stands: who exhibits at each edition, and who comes back (the churn, docs/exhibition.md)

/** The chance an exhibitor does not come back to the same season's next edition. */
function leaveChance(stand: Stand): number {
  const segment = { raw_materials: 0.05, finished_goods: 0.09, peripheral: 0.27 }[stand.exhibitor.segment];
  const size = stand.area <= 9 ? 0.12 : stand.area >= 36 ? -0.05 : 0;
  return Math.min(0.9, Math.max(0.02, segment + size + (stand.late ? 0.22 : 0)));
}

const standsOf = new Map<string, Stand[]>();
const reservations: Rec[] = [];
const bookings: Rec[] = [];
const sequence = new Map<number, number>();
const DISCOUNTS = { '0': 55, '0.05': 20, '0.08': 12, '0.1': 8, '0.12': 3, '0.15': 2 };

function addStand(edition: EditionPlan, exhibitor: Exhibitor, before: Stand | undefined, sale: { created: string; status: 'paid' | 'deposit_paid' | 'unpaid' }): Stand {
  const booths = allocate(edition, exhibitor, before);
  const listPrice = booths.reduce((n, b) => n + b.price, 0);
  const discount = Number(weighted(DISCOUNTS));
  const price = Math.round(listPrice * (1 - discount) * 100) / 100;
  const due = addDays(edition.start, -30);
  const closed = edition.status === 'closed';
  const late = closed && chance(0.2);
  const paidOn = sale.status !== 'paid' ? undefined : late ? addDays(due, int(4, 25)) : addDays(sale.created, Math.min(int(3, 60), Math.max(0, (Date.parse(due) - Date.parse(sale.created)) / DAY)));
  const seq = (sequence.get(edition.year) ?? 0) + 1;
  sequence.set(edition.year, seq);
  const key = `reservation_${reservations.length + 1}`;
  const plan = sale.status === 'paid' && !closed ? 'full' : weighted({ full: 30, deposit_balance: 55, three_instalments: 15 });
  const reservation: Rec = {
    $key: key, $owner: exhibitor.owner, $createdAt: moment(sale.created), number: `R${edition.year}-${String(seq).padStart(6, '0')}`,
    exhibition: ref(edition.key), exhibitor: ref(exhibitor.key), contact: ref(exhibitor.contacts[0]), list_price: listPrice, discount, payment_plan: plan,
    payment_status: sale.status, amount_paid: sale.status === 'paid' ? price : sale.status === 'deposit_paid' ? Math.round(price * 0.3 * 100) / 100 : 0,
    balance_due_on: due, ...(paidOn ? { paid_on: paidOn } : {}),
  };
  reservations.push(reservation);
  for (const b of booths) {
    b.booking = { status: sale.status === 'paid' ? 'sold' : 'reserved', exhibitor: exhibitor.key };
    bookings.push({ $owner: exhibitor.owner, $createdAt: reservation.$createdAt, booth: ref(b.key), exhibitor: ref(exhibitor.key), reservation: ref(key), status: sale.status === 'paid' ? 'sold' : 'reserved', price: b.price });
  }
  const stand: Stand = { exhibitor, edition, booths, area: booths.reduce((n, b) => n + b.area, 0), late, reservation };
  standsOf.set(edition.key, [...(standsOf.get(edition.key) ?? []), stand]);
  return stand;
}

const attended = (exhibitor: Exhibitor) => EDITIONS.filter((e) => (standsOf.get(e.key) ?? []).some((s) => s.exhibitor === exhibitor));
/** Of an edition's exhibitors, who come back to the same season's next one: drawn once, so spring 2027's early bookers are among them. */
const stays = new Map<Stand, boolean>();
const staying = (stand: Stand) => { if (!stays.has(stand)) stays.set(stand, !chance(leaveChance(stand))); return stays.get(stand)!; };
const bigFirst = (a: Exhibitor, b: Exhibitor) => ['large', 'double', 'corner', 'single'].indexOf(a.size) - ['large', 'double', 'corner', 'single'].indexOf(b.size);

for (const edition of EDITIONS.filter((e) => e.status === 'closed')) {
  blockBooths(edition);
  const previous = edition.previous ? standsOf.get(edition.previous)! : [];
  const returning = previous.filter(staying);
  const lost = new Set(previous.filter((s) => !staying(s)).map((s) => s.exhibitor));
  const members = returning.map((s) => s.exhibitor);
  // Newcomers to the season: some exhibit at the other season already, most are new to the fair.
  const otherSeason = shuffle(exhibitors.filter((x) => !x.prospect && !members.includes(x) && !lost.has(x) && !previous.some((s) => s.exhibitor === x)));
  while (members.length < edition.exhibitors) {
    const fromOther = otherSeason.length && chance(edition.key === 'spring_2025' ? 0 : edition.key === 'autumn_2025' ? 0.1 : 0.15) ? otherSeason.pop()! : undefined;
    const firstYear = edition.year === 2025 && chance(0.75) ? int(2008, 2024) : edition.year;
    members.push(fromOther ?? newExhibitor(firstYear, addDays(edition.start, -150)));
  }
  for (const exhibitor of [...members].sort(bigFirst)) {
    const before = previous.find((s) => s.exhibitor === exhibitor);
    const created = addDays(edition.start, before ? -int(175, 200) : -int(45, 125));
    addStand(edition, exhibitor, before, { created, status: 'paid' });
  }
}

// Spring 2027 sells: returning exhibitors booked in the rebooking window, a few newcomers since open sale began.
const spring2027 = EDITIONS.find((e) => e.key === 'spring_2027')!;
blockBooths(spring2027);
const OPEN_SALE = addDays(spring2027.priorityUntil!, 1);
const AS_OF = '2026-12-01';
for (const before of standsOf.get(spring2027.previous!)!.filter(staying).filter(() => chance(0.52)).sort((a, b) => bigFirst(a.exhibitor, b.exhibitor))) {
  const status = weighted({ paid: 30, deposit_paid: 50, unpaid: 20 } as const);
  addStand(spring2027, before.exhibitor, before, { created: addDays(spring2027.rebookingUntil!, -int(0, 120)), status });
}
for (let i = 0; i < 6; i++) addStand(spring2027, newExhibitor(2027, OPEN_SALE), undefined, { created: addDays(OPEN_SALE, int(0, 9)), status: i < 2 ? 'deposit_paid' : 'unpaid' });

// Waiting lists: newcomers and exhibitors wanting a bigger stand wait for booths already taken (a
// free booth with someone waiting would be offered at once by the minute's job).
const waitlist: Rec[] = [];
const taken2027 = boothsOf.get(spring2027.key)!.filter((b) => b.taken);
const prospects = Array.from({ length: 8 }, () => newExhibitor(null, OPEN_SALE, true));
const wanted = shuffle(taken2027.filter((b) => b.booth_type === 'island' || b.booth_type === 'corner'));
const upgraders = (standsOf.get(spring2027.key) ?? []).filter((s) => s.area <= 18).map((s) => s.exhibitor).slice(0, 6);
for (const [i, exhibitor] of [...prospects, ...upgraders].entries()) {
  const booth = wanted[i % wanted.length];
  if (bookings.some((b) => (b.booth as { $key: string }).$key === booth.key && (b.exhibitor as { $key: string }).$key === exhibitor.key)) continue;
  waitlist.push({ $owner: exhibitor.owner, $createdAt: moment(addDays(OPEN_SALE, int(0, 9))), booth: ref(booth.key), exhibitor: ref(exhibitor.key), status: i % 7 === 6 ? 'withdrawn' : 'waiting' });
}
// Holds that ran out: newcomers who held a booth in open sale and let it lapse (there are no current holds:
// the files do not age, and a hold lasts minutes).
for (const exhibitor of prospects.slice(0, 4)) {
  const booth = pick(boothsOf.get(spring2027.key)!.filter(free));
  const held = moment(addDays(OPEN_SALE, int(0, 9)));
  bookings.push({ $owner: exhibitor.owner, $createdAt: held, booth: ref(booth.key), exhibitor: ref(exhibitor.key), status: 'expired', price: booth.price, expires_at: new Date(Date.parse(held) + 15 * 60_000).toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Records: accounts with their exhibitor record (the figures the pack's hook keeps), contacts

const accountRecords: Rec[] = [];
for (const [i, x] of exhibitors.entries()) {
  const editions = attended(x);
  const own = reservations.filter((v) => (v.exhibitor as { $key: string }).$key === x.key);
  const spend = Math.round(own.reduce((n, v) => n + Number(v.amount_paid), 0) * 100) / 100;
  const points = editions.length * 10 + Math.floor(spend / 10_000);
  const first = editions[0];
  const tags = [x.tag, ...(spend >= 150_000 ? ['key_exhibitor'] : []), ...(x.firstExhibited !== null && x.firstExhibited >= 2026 ? ['new_exhibitor'] : []), ...(chance(0.4) ? ['journal_subscriber'] : [])];
  const created = first ? addDays(first.start, x.firstExhibited !== null && x.firstExhibited < 2025 ? -int(200, 260) : -int(160, 260)) : x.createdOn;
  accountRecords.push({
    $key: x.key, $owner: x.owner, $createdAt: moment(created), name: x.name, account_type: 'independent', lifecycle: x.prospect ? 'prospect' : 'customer',
    industry: x.industry, region: x.place.region, phone: `${x.place.area}-${8_000_000 + ((i * 104_729) % 1_999_999)}`, email: `info@expo${i + 1}.example.cn`,
    website: `https://www.expo${i + 1}.example.cn`, address: `${x.place.city}市${pick(['高新区', '经开区', '工业园区', '新区'])}${pick(['兴业路', '工业大道', '创业路', '滨江路'])}${int(1, 300)}号`,
    is_exhibitor: !x.prospect, supply_chain: x.segment, business_role: x.role, tags,
    ...(x.firstExhibited !== null ? { first_exhibited: x.firstExhibited } : {}),
    editions_exhibited: editions.length, exhibition_spend: spend, priority_points: points,
  });
}

const contactRecords: Rec[] = [];
const TITLES = ['总经理', '销售总监', '市场部经理', '展会负责人', '品牌经理', '董事长助理', '招商经理'];
let phoneSerial = 0;
const mobile = () => `1${pick(['35', '36', '38', '39', '58', '77', '86', '89'])}${String(10_000_000 + ((phoneSerial++ * 7919) % 89_999_999)).padStart(8, '0')}`;
for (const [i, x] of exhibitors.entries()) {
  x.contacts.forEach((key, c) => {
    const person = personName(r);
    const status = weighted({ valid: 86, soft_bouncing: 6, invalid: 4, unsubscribed: 4 });
    contactRecords.push({
      $key: key, $owner: x.owner, $createdAt: accountRecords[i].$createdAt, name: person.name, account: ref(x.key), title: c === 0 ? pick(TITLES) : '展会专员',
      mobile: mobile(), email: `${person.pinyin}${c + 1}@expo${i + 1}.example.cn`, gender: person.gender, key_contact: c === 0,
      tags: c === 0 ? (chance(0.4) ? ['参展联系人', '会刊订阅'] : ['参展联系人']) : ['现场对接'], email_status: status, ...(status === 'unsubscribed' ? { do_not_contact: true } : {}),
    });
  });
}

const mailings = demoMailings(contactRecords, DIRECTOR);

const boothRecords: Rec[] = [...boothsOf.values()].flat().map((b) => ({
  $key: b.key, $owner: DIRECTOR, $createdAt: exhibitionRecords.find((e) => e.$key === b.edition)!.$createdAt, number: b.number, exhibition: ref(b.edition), hall: ref(b.hall),
  booth_type: b.booth_type, area: b.area, price: b.price, x: b.x, y: b.y, width: b.width, depth: b.depth,
  // The booth as the pack's hook leaves it once its booking is written (the hook then finds nothing to change: a faster install).
  ...(b.booking ? { status: b.booking.status, exhibitor: ref(b.booking.exhibitor) } : {}),
  ...(b.blocked ? { status: 'blocked', notes: b.booth_type === 'standard' && b.number.endsWith('001') ? '主办方服务台' : '消防通道预留' } : {}),
}));

// ---------------------------------------------------------------------------------------------
// Checks and output

const fairDays = visitorDemo(EDITIONS, standsOf, ['tang.lu', 'jiang.hai', 'fan.qing'], AS_OF);
const portal = portalDemo({ accounts: accountRecords, reservations, booking: String(exhibitionRecords.find((e) => e.status === 'booking')!.$key), asOf: AS_OF });
const files: [string, unknown[]][] = [
  ['departments', departments], ['users', users], ['account', accountRecords], ['contact', contactRecords], ['exhibition', exhibitionRecords],
  ['hall', hallRecords], ['booth', boothRecords], ['booth_reservation', reservations], ['booth_booking', bookings], ['booth_waitlist', waitlist],
  ['visitor', fairDays.visitor], ['badge', fairDays.badge], ['forum_session', fairDays.forum_session], ['forum_registration', fairDays.forum_registration],
  ...servicesDemo(exhibitors.filter((x) => !x.prospect), AS_OF),
  ['portal-users', portal.portalUsers], ['exhibitor_application', portal.applications], ['announcement', portal.announcements],
  ['message_campaign', mailings.campaigns], ['campaign_recipient', mailings.recipients], ['campaign_event', mailings.events],
];
const active = bookings.filter((b) => b.status !== 'expired').map((b) => (b.booth as { $key: string }).$key);
if (new Set(active).size !== active.length) throw new Error('a booth has two active bookings');
const boothByKey = new Map([...boothsOf.values()].flat().map((b) => [b.key, b]));
if (active.some((key) => boothByKey.get(key)!.blocked)) throw new Error('a blocked booth is booked');
if (reservations.some((v) => String(v.$createdAt) >= `${AS_OF}T`)) throw new Error('a reservation after the reference day');

fs.mkdirSync(OUT, { recursive: true });
for (const file of fs.readdirSync(OUT)) if (file.endsWith('.json')) fs.rmSync(path.join(OUT, file));
for (const [name, content] of files) fs.writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(content, null, 1)}\n`);
fs.writeFileSync(path.join(OUT, 'load-order.json'), `${JSON.stringify(files.map(([name]) => `${name}.json`), null, 1)}\n`);

console.log(`exhibition demo data in ${path.relative(process.cwd(), OUT) || '.'}:`);
for (const [name, list] of files) console.log(`  ${name.padEnd(18)} ${list.length}`);
console.log(`  ${'records'.padEnd(18)} ${files.slice(2).reduce((n, [, list]) => n + list.length, 0)}`);
