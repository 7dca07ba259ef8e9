/**
 * Writes the telecom pack's demo data: plugins/telecom/demo/*.json and load-order.json. A regional
 * operator in Chongqing, Sichuan and Yunnan: four tariff plans with two published versions each
 * (subscribers who joined before the second keep the first unless migrated), 2,400 subscribers with
 * their services, twelve months of usage (December 2025 to November 2026), complaints with SLAs and
 * enterprise projects of the VND, TND and MND departments. The churn profile of the thesis is planted
 * (short tenure, cheap handsets, no data or WAP service, complaints, usage falling before leaving),
 * and some active subscribers' usage falls in the last three months: the usage warnings find them.
 * Deterministic (a seeded PRNG, dates fixed), so running it again gives the same files; the figures
 * are in docs/telecom.md, "Demo data".
 *
 *   npx tsx plugins/telecom/scripts/generate-demo.ts [--out plugins/telecom/demo]
 */
import fs from 'node:fs';
import path from 'node:path';
import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';
import { usageProfile, type UsageMonth } from '../src/usage-profile.ts';
import { complaintWorkflow, type ComplaintStatus } from './demo-complaint-workflow.ts';

const SEED = 20261130;
/** The password of every demo user, the other packs' demos'. */
export const DEMO_PASSWORD = 'Demo-pass-2026';
export const SUBSCRIBERS = 2400;
/** Active subscribers whose usage falls by half in the last three months (the warnings' planted finds). */
export const FALLING = 120;
/** The twelve months of usage, first days. */
export const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10));
const SECOND_VERSION_FROM = '2026-06-01';

const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(outArg >= 0 ? process.argv[outArg + 1] : path.join(import.meta.dirname, '..', 'demo'));

const r = randomTools(prng(SEED));
const { int, chance, pick, between, weighted } = r;
const ref = (key: string) => ({ $key: key });
type Rec = Record<string, unknown>;
const round2 = (n: number) => Math.round(n * 100) / 100;
const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
const addMonths = (date: string, n: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + n); return d.toISOString().slice(0, 10); };

// ---------------------------------------------------------------------------------------------
// The operator: head office, marketing and three regional branches with their VND, TND and MND

type Region = 'Chongqing' | 'Sichuan' | 'Yunnan';
const REGIONS: { code: Region; key: string; name: string; head: string; staff: string; weight: number }[] = [
  { code: 'Chongqing', key: 'tel_cq', name: '重庆分公司', head: 'ran.jie', staff: 'tan.xin', weight: 30 },
  { code: 'Sichuan', key: 'tel_sc', name: '四川分公司', head: 'deng.yu', staff: 'xiang.bo', weight: 45 },
  { code: 'Yunnan', key: 'tel_yn', name: '云南分公司', head: 'duan.mei', staff: 'shi.lei', weight: 25 },
];
const UNITS = { VND: '增值业务部', TND: '传输网络部', MND: '移动网络部' } as const;
type Unit = keyof typeof UNITS;
const EXECUTIVE = 'he.zhiyuan';
const departments = [
  { key: 'tel_company', name: '西南通信有限公司', head: EXECUTIVE },
  { key: 'tel_marketing', name: '市场经营部', parent: 'tel_company', head: 'lu.chen' },
  ...REGIONS.flatMap((g) => [
    { key: g.key, name: g.name, parent: 'tel_company', head: g.head },
    ...Object.entries(UNITS).map(([unit, name]) => ({ key: `${g.key}_${unit.toLowerCase()}`, name: `${g.name}${unit} ${name}`, parent: g.key })),
  ]),
];
const people: { username: string; name: string; department: string; manager?: string; roles: string[] }[] = [
  { username: EXECUTIVE, name: '何志远', department: 'tel_company', roles: ['telecom_executive'] },
  { username: 'lu.chen', name: '卢晨', department: 'tel_marketing', manager: EXECUTIVE, roles: ['telecom_product_manager'] },
  ...REGIONS.flatMap((g, i) => [
    { username: g.head, name: ['冉杰', '邓宇', '段梅'][i], department: g.key, manager: EXECUTIVE, roles: [`telecom_region_${g.code.toLowerCase()}`] },
    { username: g.staff, name: ['谭欣', '向波', '施磊'][i], department: `${g.key}_vnd`, manager: g.head, roles: [`telecom_region_${g.code.toLowerCase()}`] },
  ]),
];
const users = people.map((u) => ({ username: u.username, password: DEMO_PASSWORD, name: u.name, email: `${u.username}@example.com`, department: u.department, ...(u.manager ? { manager: u.manager } : {}), roles: u.roles }));
const regionRecords = REGIONS.map((g) => ({ $key: `region_${g.code}`, $owner: EXECUTIVE, name: g.name.replace('分公司', ''), code: g.code, head: { $user: g.head }, subscriber_target: Math.round((SUBSCRIBERS * g.weight) / 100 * 1.1) }));

// ---------------------------------------------------------------------------------------------
// Tariff plans: every plan has version 1 (from 2024) and version 2 (from June 2026)

const PLANS = [
  { key: 'gotone', code: 'GT-88', name: '全球通 88', segment: 'individual', fees: [88, 98], minutes: [300, 500], data: [2048, 10240], weight: 30 },
  { key: 'mzone', code: 'MZ-38', name: '动感地带 38', segment: 'individual', fees: [38, 39], minutes: [100, 100], data: [3072, 15360], weight: 35 },
  { key: 'easyown', code: 'SZX-18', name: '神州行 18', segment: 'individual', fees: [18, 19], minutes: [50, 80], data: [200, 1024], weight: 25 },
  { key: 'enterprise', code: 'ZQ-199', name: '政企专线 199', segment: 'enterprise', fees: [199, 229], minutes: [1500, 2000], data: [10240, 51200], weight: 10 },
] as const;
const planRecords = PLANS.map((p) => ({ $key: p.key, $owner: 'lu.chen', $createdAt: '2023-11-20T02:00:00.000Z', name: p.name, code: p.code, segment: p.segment, status: 'on_sale', description: `${p.name}：月租 ¥${p.fees[1]}，含 ${p.minutes[1]} 分钟通话、${p.data[1] / 1024} GB 流量（第 2 版）。` }));
const versionRecords: Rec[] = PLANS.flatMap((p) => [0, 1].map((v) => ({
  $key: `${p.key}_v${v + 1}`, $owner: 'lu.chen', $createdAt: v ? '2026-05-10T02:00:00.000Z' : '2023-12-01T02:00:00.000Z',
  title: `${p.name} 第${v + 1}版`, plan: ref(p.key), version: v + 1, status: 'published', effective_from: v ? SECOND_VERSION_FROM : '2024-01-01',
  monthly_fee: p.fees[v], included_minutes: p.minutes[v], included_data_mb: p.data[v], minute_rate: v ? 0.15 : 0.19, data_rate_mb: v ? 0.03 : 0.05,
})));
// A third version of 动感地带 submitted for the executive's approval (an open task in their queue).
versionRecords.push({
  $key: 'mzone_v3', $owner: 'lu.chen', $createdAt: '2026-11-24T02:00:00.000Z', $workflow: { name: 'tariff_change_approval', at: '2026-11-26T03:15:00.000Z' },
  title: '动感地带 38 第3版', plan: ref('mzone'), version: 3, status: 'draft', effective_from: '2027-01-01',
  monthly_fee: 39, included_minutes: 150, included_data_mb: 20480, minute_rate: 0.15, data_rate_mb: 0.03,
});

// ---------------------------------------------------------------------------------------------
// Subscribers and the churn profile

const HANDSETS: [string, number, number][] = [['iPhone 15', 5999, 8], ['华为 Mate 60', 5499, 10], ['小米 14', 3999, 12], ['OPPO Reno 11', 2699, 14], ['vivo Y36', 1399, 16], ['荣耀 X50', 1399, 14], ['红米 Note 13', 1099, 16], ['华为畅享 70', 999, 10]];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉浩宇欣怡晨阳雪梅婷琳凯俊峰斌飞燕颖倩鑫';
const COMPANIES = ['渝新物流', '川北建工', '滇池文旅', '巴蜀医药', '天府数据', '山城汽配', '彩云茶业', '锦江酒店', '两江智造', '普洱农业', '蓉城地铁', '昆明机场服务'];

interface Subscriber {
  key: string; region: (typeof REGIONS)[number]; kind: 'individual' | 'enterprise'; plan: (typeof PLANS)[number]; joined: string;
  churnMonth: string | null; falling: boolean; age: number; handset: [string, number, number]; data: boolean; wap: boolean;
  baseMinutes: number; baseData: number; complaints: number;
}

/** The chance a subscriber leaves within the year: the thesis' profile. */
function churnChance(s: Pick<Subscriber, 'handset' | 'data' | 'wap' | 'age' | 'plan' | 'kind'>, tenure: number): number {
  let p = 0.05;
  if (tenure < 12) p += 0.22; else if (tenure > 48) p -= 0.03;
  if (s.handset[1] < 1500) p += 0.06;
  if (!s.data) p += 0.05;
  if (!s.wap) p += 0.02;
  if (s.age < 26) p += 0.04;
  if (s.plan.key === 'easyown') p += 0.05;
  if (s.kind === 'enterprise') p -= 0.04;
  return Math.max(0.01, p);
}

const subscribers: Subscriber[] = [];
for (let i = 0; i < SUBSCRIBERS; i++) {
  const region = r.weightedPick(REGIONS.map((g) => [g, g.weight] as const));
  const kind = chance(0.1) ? 'enterprise' : 'individual';
  const plan = kind === 'enterprise' ? PLANS[3] : r.weightedPick(PLANS.slice(0, 3).map((p) => [p, p.weight] as const));
  const joined = addMonths('2026-11-01', -weighted({ 1: 4, 6: 10, 12: 14, 24: 20, 48: 26, 96: 26 }) * between(0.3, 1) | 0);
  const handset = r.weightedPick(HANDSETS.map((h) => [h, h[2]] as const));
  const age = kind === 'enterprise' ? int(28, 55) : Math.round(Math.min(75, Math.max(16, 22 + Math.abs(between(-1, 1) * 30) + between(0, 10))));
  const data = chance(handset[1] > 2000 ? 0.85 : 0.45);
  const wap = chance(data ? 0.6 : 0.2);
  const base = { region, kind, plan, joined, age, handset, data, wap } as const;
  const tenure = monthsBetween(joined, '2026-11-01');
  const churns = chance(churnChance(base, tenure));
  // Leaving happens in the last eight months, at least three months after joining.
  const churnMonth = churns ? MONTHS.slice(4).filter((m) => monthsBetween(joined, m) >= 3).at(int(0, 7)) ?? null : null;
  subscribers.push({
    ...base, key: `subscriber_${i + 1}`, churnMonth, falling: false,
    baseMinutes: Math.round(plan.minutes[0] * between(0.5, 1.4) * (kind === 'enterprise' ? 1.3 : 1)),
    baseData: Math.round((data ? plan.data[0] * between(0.4, 1.5) : between(20, 150))), complaints: 0,
  });
}
// The planted falls: active subscribers of a year or more whose usage halves in September to November.
const candidates = subscribers.filter((s) => !s.churnMonth && monthsBetween(s.joined, MONTHS[0]) >= 0);
for (let n = 0; n < FALLING; n++) candidates.splice(int(0, candidates.length - 1), 1)[0].falling = true;

// ---------------------------------------------------------------------------------------------
// Usage: a month's minutes and data around the subscriber's own level; before leaving they fall

const usageRecords: Rec[] = [];
const usageOf = new Map<string, UsageMonth[]>();
for (const s of subscribers) {
  const rows: UsageMonth[] = [];
  for (const month of MONTHS) {
    if (month < s.joined.slice(0, 7) + '-01') continue;
    if (s.churnMonth && month >= s.churnMonth) break;
    const toChurn = s.churnMonth ? monthsBetween(month, s.churnMonth) : 99;
    const lastThree = monthsBetween(month, '2026-11-01') < 3;
    const factor = toChurn <= 3 ? 0.25 + 0.15 * (toChurn - 1) : s.falling && lastThree ? 0.35 : 1;
    const minutes = Math.round(s.baseMinutes * factor * between(0.85, 1.15));
    const data = Math.round(s.baseData * factor * between(0.8, 1.2));
    const version = s.joined >= SECOND_VERSION_FROM || month >= SECOND_VERSION_FROM ? 1 : 0;
    const extraMinutes = Math.max(0, minutes - s.plan.minutes[version]);
    const extraData = Math.max(0, data - s.plan.data[version]);
    const amount = round2(s.plan.fees[version] + extraMinutes * 0.15 + extraData * 0.03 + (s.wap ? 5 : 0) + (s.data ? 10 : 0));
    rows.push({ month, minutes, amount });
    usageRecords.push({ $owner: s.region.staff, subscriber: ref(s.key), month, minutes, data_mb: data, sms: int(0, 60), amount });
  }
  usageOf.set(s.key, rows);
}

// ---------------------------------------------------------------------------------------------
// Complaints: more of them from those about to leave; each under complaint_handling from its opening,
// in the state of its status (the workflow sets `status` and the SLA's `sla_due`)

const SLA_HOURS = { urgent: 4, high: 24, normal: 48, low: 72 } as const;
const SUBJECTS: Record<string, string[]> = {
  network: ['室内信号弱，通话经常掉线', '小区4G/5G信号不稳定', '高速路段无信号'],
  billing: ['本月话费异常偏高', '流量计费与实际使用不符', '重复扣费'],
  tariff: ['套餐变更后资费未生效', '新版套餐权益与宣传不一致', '要求保留原套餐'],
  service: ['营业厅办理业务排队过久', '客服电话长时间无人接听', '装机人员未按约上门'],
  handset: ['合约机故障要求换机', '购机赠送话费未到账'],
  value_added: ['未订购的增值业务被扣费', '彩铃无法取消'],
};
const complaintRecords: Rec[] = [];
/** The workflows' moments draw from their own stream, so the rest of the demo stays as it was. */
const complaintSteps = randomTools(prng(SEED + 1));
for (const s of subscribers) {
  const n = (s.churnMonth ? weighted({ 0: 35, 1: 35, 2: 20, 3: 10 }) : s.falling ? weighted({ 0: 50, 1: 35, 2: 15 }) : weighted({ 0: 86, 1: 11, 2: 3 }));
  for (let c = 0; c < Number(n); c++) {
    const last = s.churnMonth ? addMonths(s.churnMonth, -1) : '2026-11-01';
    const first = s.joined > MONTHS[0] ? s.joined : MONTHS[0];
    const months = Math.max(0, monthsBetween(first, last));
    const day = new Date(Date.parse(`${addMonths(first, int(0, months))}T00:00:00Z`) + int(0, 27) * 86_400_000);
    const openedAt = new Date(day.getTime() + (int(9, 20) - 8) * 3_600_000 + int(0, 59) * 60_000);
    const category = weighted({ network: 32, billing: 26, tariff: 12, service: 14, handset: 8, value_added: 8 });
    const priority = weighted({ low: 20, normal: 50, high: 22, urgent: 8 });
    const recent = openedAt.toISOString() >= '2026-11-20';
    const status = recent ? weighted({ open: 30, in_progress: 40, waiting_customer: 20, resolved: 10 }) : weighted({ closed: 90, resolved: 10 });
    const slaDue = new Date(openedAt.getTime() + SLA_HOURS[priority] * 3_600_000);
    const late = chance(0.12);
    const resolvedAt = status === 'resolved' || status === 'closed' ? new Date(slaDue.getTime() + (late ? int(1, 48) : -int(1, SLA_HOURS[priority])) * 3_600_000 + 30 * 60_000) : null;
    complaintRecords.push({
      $owner: s.region.staff, $createdAt: openedAt.toISOString(), $workflow: complaintWorkflow(status as ComplaintStatus, openedAt, resolvedAt, complaintSteps),
      subject: pick(SUBJECTS[category]), subscriber: ref(s.key), region: s.region.code, category, priority, status: 'open',
      channel: weighted({ hotline: 60, store: 20, online: 15, regulator: 5 }), opened_at: openedAt.toISOString(),
      ...(resolvedAt ? { resolved_at: resolvedAt.toISOString(), resolution: category === 'network' ? '已安排基站优化，用户确认信号恢复。' : '已核实并处理，用户表示满意。' } : {}),
    });
    s.complaints++;
  }
}

// ---------------------------------------------------------------------------------------------
// Subscribers' records (the churn profile's fields) and their services

const subscriberRecords: Rec[] = [];
const serviceRecords: Rec[] = [];
let serial = 0;
for (const [i, s] of subscribers.entries()) {
  // The pack keeps these two from usage_summary with the same function (src/usage-profile.ts).
  const { usage_trend: trend, monthly_spend: spend } = usageProfile(usageOf.get(s.key)!);
  // Grandfathering: those who joined before version 2 keep version 1; about a fifth of them were migrated.
  const migrated = s.joined < SECOND_VERSION_FROM && !s.churnMonth && chance(0.2);
  const version = s.joined >= SECOND_VERSION_FROM || migrated ? 2 : 1;
  const tenureTo = s.churnMonth ?? '2026-11-01';
  const name = s.kind === 'enterprise' ? `${pick(COMPANIES)}${pick(['有限公司', '集团', '股份公司'])}` : `${pick([...SURNAMES])}${pick([...GIVEN])}${chance(0.6) ? pick([...GIVEN]) : ''}`;
  subscriberRecords.push({
    $key: s.key, $owner: s.region.staff, $createdAt: `${s.joined}T03:00:00.000Z`,
    number: `1${pick(['34', '35', '36', '37', '38', '39', '47', '50', '51', '52', '57', '58', '59', '82', '83', '87', '88', '98'])}${String(10_000_000 + ((serial++ * 7_919_573 + i) % 89_999_999)).padStart(8, '0')}`,
    name, kind: s.kind, region: s.region.code, status: s.churnMonth ? 'churned' : 'active', tariff_plan: ref(s.plan.key), tariff_version: ref(`${s.plan.key}_v${version}`),
    joined_on: s.joined, tenure_months: monthsBetween(s.joined, tenureTo), age: s.age, ...(s.kind === 'individual' ? { gender: chance(0.52) ? 'male' : 'female' } : {}),
    handset: s.handset[0], handset_price: s.handset[1], wap_service: s.wap, data_service: s.data,
    monthly_spend: spend, complaint_count: s.complaints,
    ...(trend !== null ? { usage_trend: trend } : {}), ...(s.churnMonth ? { churned_on: addMonths(s.churnMonth, 0).slice(0, 8) + '05' } : {}),
  });
  const services = [...(s.data ? ['data'] : []), ...(s.wap ? ['wap'] : []), ...(chance(0.3) ? ['ringback'] : []), ...(chance(0.15) ? ['sms_bundle'] : [])];
  for (const service of services) {
    serviceRecords.push({
      $owner: s.region.staff, subscriber: ref(s.key), service, status: s.churnMonth ? 'ended' : 'active', started_on: s.joined,
      ...(s.churnMonth ? { ended_on: s.churnMonth } : {}), monthly_fee: { data: 10, wap: 5, ringback: 5, sms_bundle: 3 }[service],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Enterprise projects of VND, TND and MND in each region

const PROJECT_KINDS: Record<Unit, string[]> = {
  VND: ['企业彩铃与短信平台', '智慧校园平台', '政务云视频会议', '物联网车队管理'],
  TND: ['园区光纤专线', '数据中心互联专线', '传输网扩容', '政企MPLS VPN'],
  MND: ['室内分布系统覆盖', '5G专网建设', '高铁沿线覆盖优化', '景区基站新建'],
};
const projectRecords: Rec[] = [];
let projectSerial = 0;
for (const g of REGIONS) {
  for (const unit of Object.keys(UNITS) as Unit[]) {
    const count = Math.round((g.weight / 100) * 150 * { VND: 0.3, TND: 0.35, MND: 0.35 }[unit]) + int(-2, 2);
    for (let p = 0; p < count; p++) {
      const start = addMonths('2026-11-01', -int(0, 22));
      const status = weighted({ planned: 15, active: 45, on_hold: 8, completed: 27, cancelled: 5 });
      const stage = status === 'planned' ? 'initiation' : status === 'completed' ? pick(['acceptance', 'operation']) : pick(['survey', 'design', 'construction', 'acceptance']);
      const value = Math.round(between(unit === 'VND' ? 0.2 : 0.8, unit === 'VND' ? 3 : 12) * 100_000) * 10;
      projectRecords.push({
        $owner: pick([g.head, g.staff]), $createdAt: `${addMonths(start, -1)}T02:30:00.000Z`, name: `${pick(COMPANIES)}${pick(PROJECT_KINDS[unit])}项目`,
        code: `${g.code.slice(0, 2).toUpperCase()}-${unit}-${String(++projectSerial).padStart(4, '0')}`, region: g.code, business_unit: unit,
        customer: `${pick(COMPANIES)}${pick(['有限公司', '集团'])}`, status, stage, value, manager: { $user: pick([g.head, g.staff]) },
        start_date: start, ...(status === 'completed' ? { end_date: addMonths(start, int(2, 10)) } : {}),
      });
      // Active projects at acceptance wait for the executive's stage approval, submitted in the last ten days.
      if (status === 'active' && stage === 'acceptance') {
        const submitted = Date.parse('2026-11-21T01:00:00.000Z') + complaintSteps.int(0, 9) * 86_400_000 + complaintSteps.int(0, 9 * 60) * 60_000;
        projectRecords.at(-1)!.$workflow = { name: 'project_stage_approval', at: new Date(submitted).toISOString() };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks and output

const files: [string, unknown[]][] = [
  ['departments', departments], ['users', users], ['region', regionRecords], ['tariff_plan', planRecords], ['tariff_version', versionRecords],
  ['subscriber', subscriberRecords], ['service_subscription', serviceRecords], ['usage_summary', usageRecords], ['complaint', complaintRecords], ['enterprise_project', projectRecords],
];
const numbers = subscriberRecords.map((s) => s.number);
if (new Set(numbers).size !== numbers.length) throw new Error('two subscribers share a number');
const codes = projectRecords.map((p) => p.code);
if (new Set(codes).size !== codes.length) throw new Error('two projects share a code');

fs.mkdirSync(OUT, { recursive: true });
for (const file of fs.readdirSync(OUT)) if (file.endsWith('.json')) fs.rmSync(path.join(OUT, file));
for (const [name, content] of files) fs.writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(content, null, 1)}\n`);
fs.writeFileSync(path.join(OUT, 'load-order.json'), `${JSON.stringify(files.map(([name]) => `${name}.json`), null, 1)}\n`);

console.log(`telecom demo data in ${path.relative(process.cwd(), OUT) || '.'}:`);
for (const [name, list] of files) console.log(`  ${name.padEnd(22)} ${list.length}`);
console.log(`  churned ${subscribers.filter((s) => s.churnMonth).length}, falling ${subscribers.filter((s) => s.falling).length}`);
