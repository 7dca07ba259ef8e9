/**
 * Writes the crm pack's demo data: plugins/crm/demo/departments.json, users.json, one file per object
 * and load-order.json (the load order). Deterministic: a seeded PRNG and a fixed reference day, so running
 * it again gives the same files; `--as-of YYYY-MM-DD` moves every date (last 18 months of sales, the
 * repeat orders since January of the year before, current year and quarter goals, this and next year's
 * holidays) to another reference day. The orders carry structure for analyses: docs/demo-data.md.
 *
 *   npx tsx plugins/crm/scripts/generate-demo.ts [--as-of 2026-12-01] [--out plugins/crm/demo]
 *
 * The file format is docs/plugins.md's: records may carry `$key` (later records point at them with
 * `{"$key": "…"}` in a lookup) and `$owner` (a demo username).
 */
import fs from 'node:fs';
import path from 'node:path';
import { STAGE_PROBABILITY, WON_STAGES } from '../src/stage-probability.ts';
import { addDays, DAY, officeMoment } from './demo-dates.ts';
import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';
import { repeatOrders } from './demo-repeat-orders.ts';

// ---------------------------------------------------------------------------------------------
// Arguments, PRNG and small helpers

const DEFAULT_AS_OF = '2026-12-01';
const SEED = 20261201;
/** One password for every demo user (at least 10 characters mixing cases, digits and symbols). */
export const DEMO_PASSWORD = 'Demo-pass-2026';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const AS_OF = argument('as-of') ?? DEFAULT_AS_OF;
if (!/^\d{4}-\d{2}-\d{2}$/.test(AS_OF)) throw new Error('--as-of must be a date written YYYY-MM-DD');
const OUT = path.resolve(argument('out') ?? path.join(import.meta.dirname, '..', 'demo'));

const random = prng(SEED);
const { int, chance, pick, weighted, shuffle } = randomTools(random);
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');

const asOf = new Date(`${AS_OF}T00:00:00Z`);
const day = (offset: number) => new Date(asOf.getTime() + offset * DAY).toISOString().slice(0, 10);
/** A moment on a day, in China's office hours (stored as UTC). */
const at = (date: string, hour = int(9, 17), minute = pick([0, 10, 15, 20, 30, 40, 45, 50])) => officeMoment(date, hour, minute);
const YEAR = asOf.getUTCFullYear();
const QUARTER = Math.floor(asOf.getUTCMonth() / 3);
const quarterStart = (year: number, q: number) => `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
const quarterEnd = (year: number, q: number) => addDays(q === 3 ? `${year + 1}-01-01` : quarterStart(year, q + 1), -1);
/** Sales history reaches back 18 months. */
const HISTORY_DAYS = 540;

type Rec = Record<string, unknown>;
const ref = (key: string) => ({ $key: key });

/** The JavaScript twin of the platform's 'name' normalisation (lower case, no separators, no company suffix). */
function normalizedName(name: string): string {
  const separators = /[\s!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~（）【】，。、·：；“”‘’《》「」『』！？…—～\u3000]+/g;
  const suffix = / ((co|company) (ltd|limited)|ltd|limited|inc|llc|corp|corporation|co|company)$|有限责任公司$|股份有限公司$|有限公司$/;
  return name.toLowerCase().replace(separators, ' ').trim().replace(suffix, '').replace(/ /g, '');
}

// ---------------------------------------------------------------------------------------------
// Names and places

type Pair = readonly [zh: string, pinyin: string];

const SURNAMES: Pair[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'],
  ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'],
  ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'],
  ['董', 'dong'], ['袁', 'yuan'], ['潘', 'pan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'],
  ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'], ['卢', 'lu'], ['姚', 'yao'],
  ['沈', 'shen'], ['钟', 'zhong'], ['崔', 'cui'], ['谭', 'tan'], ['范', 'fan'], ['廖', 'liao'], ['石', 'shi'], ['段', 'duan'],
];
const MALE: Pair[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'],
  ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'], ['飞', 'fei'], ['斌', 'bin'], ['宇', 'yu'],
  ['浩', 'hao'], ['凯', 'kai'], ['健', 'jian'], ['峰', 'feng'], ['建国', 'jianguo'], ['志强', 'zhiqiang'], ['海涛', 'haitao'],
  ['文博', 'wenbo'], ['子轩', 'zixuan'], ['晓东', 'xiaodong'], ['国庆', 'guoqing'], ['宏伟', 'hongwei'], ['振华', 'zhenhua'],
  ['俊杰', 'junjie'], ['永刚', 'yonggang'], ['德明', 'deming'],
];
const FEMALE: Pair[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'], ['霞', 'xia'],
  ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['颖', 'ying'], ['倩', 'qian'], ['慧', 'hui'], ['洁', 'jie'], ['佳', 'jia'],
  ['欣', 'xin'], ['晓燕', 'xiaoyan'], ['丽娟', 'lijuan'], ['雨涵', 'yuhan'], ['思琪', 'siqi'], ['婉清', 'wanqing'],
  ['秀英', 'xiuying'], ['春梅', 'chunmei'], ['玉兰', 'yulan'], ['梦瑶', 'mengyao'],
];
const ENGLISH_MALE = ['Michael', 'David', 'James', 'Kevin', 'Jason', 'Eric', 'Tony', 'Peter', 'Andrew', 'Richard'];
const ENGLISH_FEMALE = ['Emily', 'Grace', 'Linda', 'Sophia', 'Cindy', 'Vivian', 'Helen', 'Amy', 'Olivia', 'Irene'];

interface Person { name: string; pinyin: string; gender: 'male' | 'female' }
function person(english = false): Person {
  const gender = chance(0.55) ? 'male' : 'female';
  const [surname, sp] = pick(SURNAMES);
  if (english) {
    const first = pick(gender === 'male' ? ENGLISH_MALE : ENGLISH_FEMALE);
    return { name: `${first} ${sp[0].toUpperCase()}${sp.slice(1)}`, pinyin: `${first.toLowerCase()}.${sp}`, gender };
  }
  const [given, gp] = pick(gender === 'male' ? MALE : FEMALE);
  return { name: surname + given, pinyin: `${gp}.${sp}`, gender };
}

interface City { name: string; area: string; districts: string[] }
interface Region { value: string; province: string; cities: City[]; brandChars: Pair[] }
const REGIONS: Record<string, Region> = {
  Chongqing: { value: 'Chongqing', province: '', cities: [{ name: '重庆', area: '023', districts: ['渝中区', '江北区', '南岸区', '九龙坡区', '沙坪坝区', '渝北区', '巴南区', '两江新区'] }], brandChars: [['渝', 'yu'], ['巴', 'ba'], ['山城', 'shancheng']] },
  Sichuan: { value: 'Sichuan', province: '四川省', cities: [{ name: '成都', area: '028', districts: ['锦江区', '武侯区', '高新区', '青羊区', '成华区'] }, { name: '绵阳', area: '0816', districts: ['涪城区'] }, { name: '宜宾', area: '0831', districts: ['翠屏区'] }, { name: '德阳', area: '0838', districts: ['旌阳区'] }], brandChars: [['川', 'chuan'], ['蜀', 'shu'], ['蓉', 'rong']] },
  Yunnan: { value: 'Yunnan', province: '云南省', cities: [{ name: '昆明', area: '0871', districts: ['五华区', '盘龙区', '官渡区', '呈贡区'] }, { name: '曲靖', area: '0874', districts: ['麒麟区'] }, { name: '玉溪', area: '0877', districts: ['红塔区'] }, { name: '大理', area: '0872', districts: ['经济开发区', '古城区'] }], brandChars: [['滇', 'dian'], ['云', 'yun'], ['春城', 'chuncheng']] },
  Beijing: { value: 'Beijing', province: '', cities: [{ name: '北京', area: '010', districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区'] }], brandChars: [['京', 'jing'], ['燕', 'yan']] },
  Shanghai: { value: 'Shanghai', province: '', cities: [{ name: '上海', area: '021', districts: ['浦东新区', '徐汇区', '静安区', '闵行区', '长宁区'] }], brandChars: [['申', 'shen'], ['沪', 'hu']] },
  Guangdong: { value: 'Guangdong', province: '广东省', cities: [{ name: '广州', area: '020', districts: ['天河区', '越秀区', '海珠区'] }, { name: '深圳', area: '0755', districts: ['南山区', '福田区'] }], brandChars: [['粤', 'yue'], ['穗', 'sui']] },
  Zhejiang: { value: 'Zhejiang', province: '浙江省', cities: [{ name: '杭州', area: '0571', districts: ['西湖区', '滨江区', '余杭区'] }, { name: '宁波', area: '0574', districts: ['鄞州区'] }], brandChars: [['浙', 'zhe'], ['钱塘', 'qiantang']] },
  Jiangsu: { value: 'Jiangsu', province: '江苏省', cities: [{ name: '南京', area: '025', districts: ['鼓楼区', '建邺区', '江宁区'] }, { name: '苏州', area: '0512', districts: ['工业园区', '姑苏区'] }], brandChars: [['苏', 'su'], ['金陵', 'jinling']] },
};
/** Accounts per region: the three western regions carry the business, the coast less. */
const REGION_TARGET: Record<string, number> = { Chongqing: 70, Sichuan: 62, Yunnan: 45, Beijing: 30, Shanghai: 33, Guangdong: 20, Zhejiang: 20, Jiangsu: 20 };
const STREETS = ['解放路', '人民路', '建设大道', '长江路', '中山路', '科技大道', '金融街', '天府大道', '民族路', '滨江路', '新华路', '创业路', '世纪大道', '环城北路'];

const BRAND: Pair[] = [
  ['华', 'hua'], ['金', 'jin'], ['宏', 'hong'], ['鑫', 'xin'], ['恒', 'heng'], ['泰', 'tai'], ['盛', 'sheng'], ['嘉', 'jia'],
  ['瑞', 'rui'], ['德', 'de'], ['和', 'he'], ['天', 'tian'], ['海', 'hai'], ['远', 'yuan'], ['新', 'xin'], ['长', 'chang'],
  ['永', 'yong'], ['博', 'bo'], ['卓', 'zhuo'], ['安', 'an'], ['顺', 'shun'], ['兴', 'xing'], ['隆', 'long'], ['丰', 'feng'],
  ['达', 'da'], ['汇', 'hui'], ['通', 'tong'], ['诚', 'cheng'], ['信', 'xin'], ['凯', 'kai'], ['锦', 'jin'], ['鸿', 'hong'],
  ['亿', 'yi'], ['众', 'zhong'], ['美', 'mei'], ['康', 'kang'], ['益', 'yi'], ['聚', 'ju'], ['荣', 'rong'], ['源', 'yuan'],
  ['明', 'ming'], ['晟', 'sheng'], ['创', 'chuang'], ['科', 'ke'], ['联', 'lian'], ['力', 'li'],
];

type Industry = 'manufacturing' | 'retail' | 'food_beverage' | 'telecom' | 'finance' | 'logistics' | 'energy' | 'education' | 'healthcare' | 'government';
const INDUSTRY_WEIGHT: Record<Industry, number> = { manufacturing: 20, retail: 14, food_beverage: 16, telecom: 6, finance: 7, logistics: 12, energy: 7, education: 6, healthcare: 7, government: 5 };
const INDUSTRY_WORDS: Record<Industry, Pair[]> = {
  manufacturing: [['机械', 'machinery'], ['精密制造', 'precision'], ['汽车零部件', 'autoparts'], ['电子', 'electronics'], ['模具', 'mould'], ['新材料', 'materials']],
  retail: [['商贸', 'trade'], ['百货', 'store'], ['连锁超市', 'mart'], ['零售', 'retail']],
  food_beverage: [['食品', 'food'], ['饮品', 'drinks'], ['火锅食品', 'hotpot'], ['茶业', 'tea'], ['酒业', 'wine'], ['调味品', 'seasoning']],
  telecom: [['通信', 'telecom'], ['网络科技', 'net'], ['信息技术', 'it']],
  finance: [['投资', 'invest'], ['融资租赁', 'leasing'], ['保险代理', 'insurance'], ['资产管理', 'capital']],
  logistics: [['物流', 'logistics'], ['供应链', 'scm'], ['运输', 'transport'], ['仓储', 'storage']],
  energy: [['能源', 'energy'], ['新能源', 'newenergy'], ['电力', 'power'], ['燃气', 'gas']],
  education: [['教育科技', 'edu'], ['职业技术学院', 'college'], ['培训学校', 'school']],
  healthcare: [['医药', 'pharma'], ['医疗器械', 'medical'], ['健康管理', 'health'], ['医院', 'hospital']],
  government: [['大数据管理局', 'data'], ['政务服务中心', 'service'], ['公共资源交易中心', 'trading'], ['交通运输局', 'transport']],
};
/** Names that are institutions, not companies: no company suffix. */
const INSTITUTIONS = new Set(['职业技术学院', '培训学校', '医院', '大数据管理局', '政务服务中心', '公共资源交易中心', '交通运输局']);
const ENGLISH_BRANDS = ['Pacific Rim', 'Summit', 'Blue River', 'Evergreen', 'Crescent', 'Harbor Point', 'Silverline', 'Northstar', 'Golden Bridge', 'Orient Star', 'Redwood', 'Apex', 'Lotus', 'Jade Mountain', 'Meridian', 'Sterling', 'Horizon', 'Pioneer', 'Vantage', 'Atlas', 'Keystone', 'Bright Harvest'];
const ENGLISH_WORDS: Partial<Record<Industry, string[]>> = {
  manufacturing: ['Precision Parts', 'Electronics', 'Industrial'], retail: ['Retail', 'Trading'], food_beverage: ['Foods', 'Beverages'],
  telecom: ['Networks', 'Systems'], finance: ['Capital', 'Leasing'], logistics: ['Logistics', 'Supply Chain'], energy: ['Energy', 'Power'],
  healthcare: ['Medical', 'Healthcare'], education: ['Learning'],
};
const ENGLISH_CITY: Record<string, string> = { 北京: 'Beijing', 上海: 'Shanghai', 广州: 'Guangzhou', 深圳: 'Shenzhen', 杭州: 'Hangzhou', 宁波: 'Ningbo', 南京: 'Nanjing', 苏州: 'Suzhou', 重庆: 'Chongqing', 成都: 'Chengdu', 昆明: 'Kunming' };

// ---------------------------------------------------------------------------------------------
// Organisation: departments and demo users

interface Team { key: string; name: string; regions: string[]; manager: [string, string]; reps: [string, string][]; regional?: [string, string, string] }
const TEAMS: Team[] = [
  { key: 'sales_cq', name: '重庆销售部', regions: ['Chongqing'], manager: ['sun.li', '孙丽'], reps: [['zhang.wei', '张伟'], ['li.na', '李娜'], ['wang.lei', '王磊']], regional: ['feng.gang', '冯刚', 'region_chongqing'] },
  { key: 'sales_sc', name: '四川销售部', regions: ['Sichuan'], manager: ['li.qiang', '李强'], reps: [['chen.hao', '陈浩'], ['yang.xue', '杨雪'], ['zhou.jie', '周杰']], regional: ['cao.yang', '曹阳', 'region_sichuan'] },
  { key: 'sales_yn', name: '云南销售部', regions: ['Yunnan'], manager: ['zhou.min', '周敏'], reps: [['duan.lin', '段琳'], ['he.jun', '和军']], regional: ['peng.liang', '彭亮', 'region_yunnan'] },
  { key: 'sales_bs', name: '京沪销售部', regions: ['Beijing', 'Shanghai'], manager: ['wu.lei', '吴磊'], reps: [['david.chen', 'David Chen 陈大卫'], ['xu.jing', '徐静']] },
  { key: 'sales_east', name: '华东华南销售部', regions: ['Guangdong', 'Zhejiang', 'Jiangsu'], manager: ['zheng.jie', '郑洁'], reps: [['luo.ming', '罗明'], ['song.yu', '宋雨']] },
];
const teamOfRegion = (region: string) => TEAMS.find((t) => t.regions.includes(region))!;

const departments: Rec[] = [
  { key: 'hq', name: '总部' },
  { key: 'management', name: '总经理办公室', parent: 'hq' },
  { key: 'sales', name: '销售中心', parent: 'hq' },
  ...TEAMS.map((t) => ({ key: t.key, name: t.name, parent: 'sales' })),
  { key: 'service', name: '客户服务部', parent: 'hq' },
  { key: 'marketing', name: '市场部', parent: 'hq' },
  { key: 'finance', name: '财务部', parent: 'hq' },
];

interface DemoUser { username: string; name: string; department: string; manager?: string; roles: string[] }
const users: DemoUser[] = [
  { username: 'zhao.jianguo', name: '赵建国', department: 'management', roles: ['executive'] },
  { username: 'qian.wei', name: '钱伟', department: 'sales', manager: 'zhao.jianguo', roles: ['sales_director'] },
  ...TEAMS.map((t) => ({ username: t.manager[0], name: t.manager[1], department: t.key, manager: 'qian.wei', roles: ['sales_manager'] })),
  ...TEAMS.flatMap((t) => t.reps.map(([username, name]) => ({ username, name, department: t.key, manager: t.manager[0], roles: ['sales_rep'] }))),
  ...TEAMS.filter((t) => t.regional).map((t) => ({ username: t.regional![0], name: t.regional![1], department: t.key, manager: 'qian.wei', roles: [t.regional![2]] })),
  { username: 'wang.fang', name: '王芳', department: 'service', manager: 'zhao.jianguo', roles: ['service_manager'] },
  { username: 'chen.jing', name: '陈静', department: 'service', manager: 'wang.fang', roles: ['service_agent'] },
  { username: 'liu.yang', name: '刘洋', department: 'service', manager: 'wang.fang', roles: ['service_agent'] },
  { username: 'yang.fan', name: '杨帆', department: 'service', manager: 'wang.fang', roles: ['service_agent'] },
  { username: 'huang.ting', name: '黄婷', department: 'marketing', manager: 'zhao.jianguo', roles: ['marketing'] },
  { username: 'lin.tao', name: '林涛', department: 'marketing', manager: 'huang.ting', roles: ['marketing'] },
  { username: 'he.lin', name: '何琳', department: 'finance', manager: 'zhao.jianguo', roles: ['finance'] },
  { username: 'ma.jun', name: '马骏', department: 'finance', manager: 'he.lin', roles: ['finance'] },
];
const SERVICE_AGENTS = ['chen.jing', 'liu.yang', 'yang.fan'];
const MARKETERS = ['huang.ting', 'lin.tao'];
const repsOf = (region: string) => teamOfRegion(region).reps.map(([u]) => u);
const managerOf = (username: string) => users.find((u) => u.username === username)?.manager;

// ---------------------------------------------------------------------------------------------
// Products

const products: Rec[] = [
  ['TS-SW-001', 'Tessera CRM 专业版（年订阅/用户）', 'software', 1800],
  ['TS-SW-002', 'Tessera CRM 企业版（年订阅/用户）', 'software', 3600],
  ['TS-SW-003', '智能仓储管理系统 WMS', 'software', 180000],
  ['TS-SW-004', '门店收银与会员系统', 'software', 68000],
  ['TS-SW-005', '供应链协同平台', 'software', 260000],
  ['TS-SW-006', 'BI 经营分析套件', 'software', 120000],
  ['TS-HW-001', '工业级手持数据终端 PDA-X5', 'hardware', 4200],
  ['TS-HW-002', '智能收银一体机 POS-K8', 'hardware', 6800],
  ['TS-HW-003', '热敏标签打印机 LP-300', 'hardware', 2600],
  ['TS-HW-004', '边缘计算服务器 E-2000', 'hardware', 58000],
  ['TS-HW-005', 'RFID 通道门 RF-G2', 'hardware', 36000],
  ['TS-SV-001', '系统实施服务（人天）', 'service', 2800],
  ['TS-SV-002', '年度运维服务包', 'service', 48000],
  ['TS-SV-003', '用户培训（场次）', 'service', 8000],
  ['TS-SV-004', '数据迁移服务', 'service', 30000],
  ['TS-SV-005', '7×24 小时驻场支持（月）', 'service', 25000],
  ['TS-CS-001', '热敏标签纸（箱）', 'consumable', 320],
  ['TS-CS-002', '碳带（卷）', 'consumable', 45],
  ['TS-CS-003', '收银小票纸（箱）', 'consumable', 180],
  ['TS-CS-004', 'PDA 备用电池', 'consumable', 260],
].map(([code, name, category, price], i) => ({
  $key: `product_${i + 1}`,
  $owner: 'qian.wei',
  name, code, category, price,
  active: code !== 'TS-HW-005',
  description: `${name}，编号 ${code}。${category === 'software' ? '含首年升级与远程支持。' : category === 'service' ? '按合同约定的范围和时限提供。' : category === 'hardware' ? '整机保修一年，可选延保。' : '原厂耗材，批量采购另有优惠。'}`,
}));
const productPrice = (key: string) => Number(products.find((p) => p.$key === key)!.price);
const productName = (key: string) => String(products.find((p) => p.$key === key)!.name);
const productsFor: Record<Industry, number[]> = {
  manufacturing: [3, 5, 7, 10, 11, 12, 17], retail: [2, 4, 8, 9, 17, 19], food_beverage: [3, 5, 7, 9, 13, 17], telecom: [1, 2, 6, 10, 16],
  finance: [2, 6, 10, 13, 16], logistics: [3, 5, 7, 9, 11, 18], energy: [5, 6, 10, 13, 16], education: [1, 6, 14, 15], healthcare: [1, 6, 7, 10, 13], government: [2, 6, 10, 15, 16],
};

// ---------------------------------------------------------------------------------------------
// Campaigns (members are added once contacts and leads exist)

interface CampaignPlan { key: string; name: string; kind: string; status: string; start: number; end: number; budget: number; expected: number; region?: string }
const CAMPAIGNS: CampaignPlan[] = [
  { key: 'c_summit', name: `${YEAR - 1} 西南智慧零售峰会（重庆）`, kind: 'event', status: 'completed', start: -500, end: -498, budget: 280000, expected: 3000000, region: 'Chongqing' },
  { key: 'c_autumn_mail', name: `${YEAR - 1} 秋季新品邮件推广`, kind: 'email', status: 'completed', start: -430, end: -400, budget: 30000, expected: 800000 },
  { key: 'c_expo', name: `${YEAR - 1} 中国西部国际博览会参展（成都）`, kind: 'exhibition', status: 'completed', start: -380, end: -375, budget: 450000, expected: 4000000, region: 'Sichuan' },
  { key: 'c_webinar', name: '仓储数字化在线研讨会', kind: 'webinar', status: 'completed', start: -300, end: -300, budget: 20000, expected: 1200000 },
  { key: 'c_newyear_sms', name: `${YEAR} 春节客户关怀短信`, kind: 'sms', status: 'completed', start: -310, end: -290, budget: 8000, expected: 200000 },
  { key: 'c_ads', name: `${YEAR} 行业媒体广告投放`, kind: 'advertising', status: 'completed', start: -240, end: -150, budget: 360000, expected: 2500000 },
  { key: 'c_partner', name: `${YEAR} 秋季渠道伙伴大会（昆明）`, kind: 'event', status: 'running', start: -20, end: 10, budget: 220000, expected: 2000000, region: 'Yunnan' },
  { key: 'c_spring', name: `${YEAR + 1} 新春营销活动`, kind: 'email', status: 'planned', start: 40, end: 75, budget: 50000, expected: 1500000 },
];

// ---------------------------------------------------------------------------------------------
// Accounts

interface Account {
  key: string; name: string; short: string; domain: string; type: string; parent?: string; region: string; city: City;
  industry: Industry; lifecycle: string; level: string; owner: string; english: boolean; contacts: Contact[];
}
interface Contact { key: string; name: string; email: string; mobile: string; key_contact: boolean; account: Account; owner: string }

const usedNames = new Set<string>();
const usedPhones = new Set<string>();
const usedEmails = new Set<string>();
function unique<T extends string>(set: Set<string>, make: () => T, normalise: (v: T) => string = (v) => v): T {
  for (let i = 0; i < 1000; i++) {
    const value = make();
    const key = normalise(value);
    if (!set.has(key)) {
      set.add(key);
      return value;
    }
  }
  throw new Error('could not make a unique value');
}
const landline = (city: City) => unique(usedPhones, () => `${city.area}-${int(6, 8)}${digits(7)}`, (p) => p.replace(/\D/g, '').slice(-11));
const mobile = () => unique(usedPhones, () => `1${pick(['38', '39', '58', '59', '86', '87', '35', '36', '77', '52'])}${digits(8)}`);
const cityOf = (region: string) => pick(REGIONS[region].cities);
const address = (region: string, city: City) =>
  `${REGIONS[region].province}${city.name}市${pick(city.districts)}${pick(STREETS)}${int(1, 388)}号${chance(0.5) ? `${pick(['A', 'B', 'C'])}座${int(2, 32)}楼` : ''}`;

function brand(region: string): Pair {
  const first = chance(0.35) ? pick(REGIONS[region].brandChars) : pick(BRAND);
  let second = pick(BRAND);
  while (second[0] === first[0]) second = pick(BRAND);
  return [first[0] + second[0], first[1] + second[1]];
}

const accounts: Account[] = [];
const accountRecords: Rec[] = [];
const regionCount: Record<string, number> = Object.fromEntries(Object.keys(REGIONS).map((r) => [r, 0]));
const LIFECYCLE_WEIGHT = { prospect: 35, customer: 30, service_customer: 20, lost: 15 };
const REVENUE_BASE: Record<string, number> = { A: 800_000_000, B: 200_000_000, C: 50_000_000, D: 10_000_000 };
const CREDIT_LIMIT: Record<string, number> = { A: 5_000_000, B: 2_000_000, C: 500_000, D: 100_000 };
const TYPE_TEXT: Record<string, string> = { group: '集团总部', subsidiary: '集团下属子公司', branch: '集团分支机构', independent: '独立客户' };
const LIFECYCLE_TEXT: Record<string, string> = { prospect: '处于接洽阶段，尚未成交', customer: '已成交，正在推进二期项目', service_customer: '已完成交付，进入服务期', lost: '因价格原因已转向竞争对手' };

function addAccount(plan: { name: string; short: string; domain: string; type: string; parent?: Account; region: string; city: City; industry: Industry; lifecycle?: string; level?: string; english?: boolean }): Account {
  const n = accounts.length + 1;
  const lifecycle = plan.lifecycle ?? weighted(LIFECYCLE_WEIGHT);
  const level = plan.level ?? weighted(lifecycle === 'prospect' ? { A: 5, B: 15, C: 45, D: 35 } : { A: 12, B: 25, C: 40, D: 23 });
  const revenueBase = REVENUE_BASE[level];
  const account: Account = {
    key: `account_${n}`, name: plan.name, short: plan.short, domain: plan.domain, type: plan.type, parent: plan.parent?.key, region: plan.region, city: plan.city,
    industry: plan.industry, lifecycle, level, owner: pick(repsOf(plan.region)), english: plan.english ?? false, contacts: [],
  };
  accounts.push(account);
  regionCount[plan.region]++;
  const annual = roundTo(revenueBase * (0.5 + random() * 2.5), 100_000);
  const employees = Math.max(20, roundTo(annual / (plan.industry === 'finance' ? 2_000_000 : 600_000) * (0.6 + random()), 10));
  const record: Rec = {
    $key: account.key,
    $owner: account.owner,
    name: account.name,
    account_type: account.type,
    ...(account.parent ? { parent: ref(account.parent) } : {}),
    lifecycle,
    industry: plan.industry,
    region: plan.region,
    phone: landline(plan.city),
    email: `${pick(['info', 'contact', 'service', 'office', 'purchase'])}@${account.domain}`,
    ...(chance(0.85) ? { website: `https://www.${account.domain}` } : {}),
    address: address(plan.region, plan.city),
    annual_revenue: annual,
    employees,
    value_level: level,
    credit_limit: lifecycle === 'prospect' ? 0 : CREDIT_LIMIT[level],
    rating: lifecycle === 'lost' ? 'cold' : weighted(lifecycle === 'prospect' ? { hot: 20, warm: 45, cold: 35 } : { hot: 35, warm: 50, cold: 15 }),
    description: describeAccount(account),
  };
  accountRecords.push(record);
  return account;
}

function describeAccount(a: Account): string {
  const english: Record<string, string> = { group: 'Group head office', subsidiary: 'Subsidiary of the group', branch: 'Branch office of the group', independent: 'Independent customer' };
  const englishStage: Record<string, string> = { prospect: 'in talks, nothing signed yet', customer: 'signed; the second phase is being discussed', service_customer: 'delivered; now in the service period', lost: 'moved to a competitor over price' };
  return a.english ? `${english[a.type]} in ${a.region}, ${englishStage[a.lifecycle]}.` : `${TYPE_TEXT[a.type]}，${LIFECYCLE_TEXT[a.lifecycle]}。`;
}

function chineseAccountName(region: string, industry: Industry, kind: 'independent' | 'group' | 'subsidiary', b?: Pair, word?: Pair) {
  const city = cityOf(region);
  const br = b ?? brand(region);
  const w = word ?? pick(INDUSTRY_WORDS[industry]);
  const institution = INSTITUTIONS.has(w[0]);
  let name: string;
  if (industry === 'government') name = `${city.name}市${pick(city.districts)}${w[0]}`;
  else if (kind === 'group') name = `${br[0]}${w[0]}集团有限公司`;
  else if (institution) name = `${city.name}${br[0]}${w[0]}`;
  else name = `${city.name}${br[0]}${w[0]}${pick(['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'])}`;
  const short = industry === 'government' ? name : `${br[0]}${w[0].replace(/有限公司$/, '')}`;
  return { name, short, city, domain: `${br[1]}${w[1]}.example.com`, brand: br, word: w };
}

// Groups with subsidiaries and branch offices, some across regions.
const GROUPS: { region: string; industry: Industry; subs: string[]; branches: string[] }[] = [
  { region: 'Chongqing', industry: 'food_beverage', subs: ['Chongqing', 'Chongqing', 'Sichuan'], branches: ['Sichuan', 'Yunnan', 'Beijing'] },
  { region: 'Chongqing', industry: 'manufacturing', subs: ['Chongqing', 'Chongqing'], branches: ['Sichuan', 'Guangdong'] },
  { region: 'Chongqing', industry: 'logistics', subs: ['Chongqing', 'Yunnan'], branches: ['Sichuan', 'Shanghai'] },
  { region: 'Sichuan', industry: 'retail', subs: ['Sichuan', 'Sichuan', 'Chongqing'], branches: ['Yunnan', 'Chongqing'] },
  { region: 'Sichuan', industry: 'energy', subs: ['Sichuan', 'Sichuan'], branches: ['Yunnan'] },
  { region: 'Sichuan', industry: 'healthcare', subs: ['Sichuan'], branches: ['Chongqing', 'Yunnan'] },
  { region: 'Yunnan', industry: 'food_beverage', subs: ['Yunnan', 'Yunnan'], branches: ['Sichuan', 'Shanghai'] },
  { region: 'Yunnan', industry: 'logistics', subs: ['Yunnan'], branches: ['Chongqing'] },
  { region: 'Beijing', industry: 'telecom', subs: ['Beijing', 'Shanghai'], branches: ['Chongqing', 'Sichuan', 'Guangdong'] },
  { region: 'Shanghai', industry: 'finance', subs: ['Shanghai', 'Zhejiang'], branches: ['Jiangsu', 'Sichuan'] },
  { region: 'Zhejiang', industry: 'retail', subs: ['Zhejiang', 'Jiangsu'], branches: ['Shanghai'] },
];
for (const g of GROUPS) {
  let head: ReturnType<typeof chineseAccountName>;
  do head = chineseAccountName(g.region, g.industry, 'group');
  while (usedNames.has(normalizedName(head.name)));
  usedNames.add(normalizedName(head.name));
  const lifecycle = weighted({ customer: 60, service_customer: 40 });
  const group = addAccount({ name: head.name, short: head.short, domain: head.domain, type: 'group', region: g.region, city: head.city, industry: g.industry, lifecycle, level: 'A' });
  for (const region of g.subs) {
    let made: ReturnType<typeof chineseAccountName>;
    do made = chineseAccountName(region, g.industry, 'subsidiary', head.brand, chance(0.5) ? head.word : pick(INDUSTRY_WORDS[g.industry]));
    while (usedNames.has(normalizedName(made.name)));
    usedNames.add(normalizedName(made.name));
    const { name: sub, city, word } = made;
    addAccount({ name: sub, short: `${head.brand[0]}${word[0]}（${city.name}）`, domain: head.domain, type: 'subsidiary', parent: group, region, city, industry: g.industry, lifecycle: weighted({ customer: 50, service_customer: 35, prospect: 15 }), level: weighted({ A: 30, B: 50, C: 20 }) });
  }
  for (const region of g.branches) {
    const city = cityOf(region);
    const name = unique(usedNames, () => `${head.name}${city.name}分公司`, normalizedName);
    addAccount({ name, short: `${head.short}${city.name}分公司`, domain: head.domain, type: 'branch', parent: group, region, city, industry: g.industry, lifecycle: weighted({ customer: 45, service_customer: 30, prospect: 25 }), level: weighted({ B: 40, C: 45, D: 15 }) });
  }
}
// An international group with its China subsidiaries, named in English.
{
  const group = addAccount({ name: 'Pacific Rim Holdings Limited', short: 'Pacific Rim', domain: 'pacificrim.example.com', type: 'group', region: 'Shanghai', city: REGIONS.Shanghai.cities[0], industry: 'logistics', lifecycle: 'customer', level: 'A', english: true });
  usedNames.add(normalizedName(group.name));
  for (const [region, word] of [['Shanghai', 'Trading'], ['Guangdong', 'Logistics'], ['Chongqing', 'Supply Chain']] as const) {
    const city = REGIONS[region].cities[0];
    const name = `Pacific Rim ${word} (${ENGLISH_CITY[city.name]}) Co., Ltd.`;
    usedNames.add(normalizedName(name));
    addAccount({ name, short: `Pacific Rim ${ENGLISH_CITY[city.name]}`, domain: 'pacificrim.example.com', type: 'subsidiary', parent: group, region, city, industry: 'logistics', lifecycle: weighted({ customer: 60, service_customer: 40 }), level: 'B', english: true });
  }
}
// Independent accounts until every region has its share; about one in ten on the coast has an English name.
for (const region of Object.keys(REGION_TARGET)) {
  while (regionCount[region] < REGION_TARGET[region]) {
    const industry = weighted(INDUSTRY_WEIGHT);
    const coastal = !['Chongqing', 'Sichuan', 'Yunnan'].includes(region);
    if ((coastal ? chance(0.3) : chance(0.04)) && ENGLISH_WORDS[industry]) {
      const city = pick(REGIONS[region].cities.filter((c) => ENGLISH_CITY[c.name]));
      const name = unique(usedNames, () => `${pick(ENGLISH_BRANDS)} ${pick(ENGLISH_WORDS[industry]!)} (${ENGLISH_CITY[city.name]}) Co., Ltd.`, normalizedName);
      const short = name.replace(/ \(.*$/, '');
      addAccount({ name, short, domain: `${short.toLowerCase().replace(/[^a-z]/g, '')}-${ENGLISH_CITY[city.name].toLowerCase()}.example.com`, type: 'independent', region, city, industry, english: true });
    } else {
      let made: ReturnType<typeof chineseAccountName>;
      do made = chineseAccountName(region, industry, 'independent');
      while (usedNames.has(normalizedName(made.name)));
      usedNames.add(normalizedName(made.name));
      addAccount({ name: made.name, short: made.short, domain: made.domain, type: 'independent', region, city: made.city, industry });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Contacts: one to three per account (groups more); every account has a key contact, some two, and
// key contacts' birthdays cover every day of the year, so the daily care reminder always has one.

const TITLES: [string, string][] = [
  ['总经理', '总经办'], ['副总经理', '总经办'], ['董事长', '董事会'], ['采购经理', '采购部'], ['采购专员', '采购部'], ['财务总监', '财务部'],
  ['信息部经理', '信息部'], ['IT 主管', '信息部'], ['行政主管', '行政部'], ['技术总监', '技术部'], ['运营经理', '运营部'], ['仓储主管', '物流部'], ['门店运营总监', '运营部'],
];
const ENGLISH_TITLES: [string, string][] = [['General Manager', 'Management'], ['Procurement Manager', 'Procurement'], ['IT Director', 'IT'], ['Finance Director', 'Finance'], ['Operations Manager', 'Operations']];
const contacts: Contact[] = [];
const contactRecords: Rec[] = [];
const monthDays: string[] = [];
for (let m = 1; m <= 12; m++) for (let d = 1; d <= new Date(Date.UTC(2024, m, 0)).getUTCDate(); d++) monthDays.push(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
shuffle(monthDays);
let keyBirthdays = 0;
function birthday(key: boolean): string | undefined {
  if (!key && chance(0.5)) return undefined;
  const md = key && keyBirthdays < monthDays.length ? monthDays[keyBirthdays++] : pick(monthDays);
  const year = md === '02-29' ? pick([1968, 1972, 1976, 1980, 1984, 1988, 1992]) : int(1962, 1996);
  return `${year}-${md}`;
}
for (const account of accounts) {
  const r = random();
  const n = account.type === 'group' ? int(3, 4) : r < 0.28 ? 1 : r < 0.72 ? 2 : 3;
  const keys = chance(0.45) ? 2 : 1;
  for (let i = 0; i < n; i++) {
    const p = person(account.english && chance(0.7));
    const isKey = i < Math.min(keys, n);
    const [title, dept] = i === 0 ? (account.english ? ENGLISH_TITLES[0] : pick(TITLES.slice(0, 3))) : account.english ? pick(ENGLISH_TITLES.slice(1)) : pick(TITLES.slice(3));
    const email = unique(usedEmails, () => `${p.pinyin.replace(/\./g, '')}${usedEmails.size % 3 === 0 ? '' : int(1, 99)}@${account.domain}`);
    const contact: Contact = { key: `contact_${contacts.length + 1}`, name: p.name, email, mobile: mobile(), key_contact: isKey, account, owner: account.owner };
    contacts.push(contact);
    account.contacts.push(contact);
    const bday = birthday(isKey);
    contactRecords.push({
      $key: contact.key,
      $owner: account.owner,
      name: p.name,
      account: ref(account.key),
      title,
      department_name: dept,
      ...(chance(0.6) ? { phone: `${account.city.area}-${int(6, 8)}${digits(7)}` } : {}),
      mobile: contact.mobile,
      email,
      ...(account.english ? {} : { wechat: `wx_${p.pinyin.replace('.', '_')}${int(10, 999)}` }),
      gender: p.gender,
      ...(bday ? { birthday: bday } : {}),
      key_contact: isKey,
      ...(isKey ? { notes: pick(['决策人，关注投入产出比。', '偏好电话沟通，周五下午不便打扰。', '技术出身，重视方案细节。', '喜欢喝茶，年节记得问候。', '对价格敏感，需提前准备报价依据。', 'Prefers e-mail; decides with the regional head office.']) } : {}),
    });
  }
}
if (keyBirthdays < monthDays.length) throw new Error(`only ${keyBirthdays} key contacts: not every day of the year has a birthday`);

// ---------------------------------------------------------------------------------------------
// Leads, in every status; converted ones point at the account and contact they became.

const leadRecords: Rec[] = [];
const LEAD_STATUS = { new: 25, working: 30, qualified: 20, converted: 25, disqualified: 20 };
const leadCampaigns: Record<string, string[]> = {};
const campaignOfSource = (source: string, start: number) => {
  const eligible = CAMPAIGNS.filter((c) => c.status !== 'planned' && c.start <= start && (source === 'exhibition' ? c.kind === 'exhibition' || c.kind === 'event' : c.kind !== 'exhibition'));
  return eligible.length ? pick(eligible) : undefined;
};
const convertedLeads: { key: string; account: Account; campaign?: string; at: string }[] = [];
const prospectsForConversion = shuffle(accounts.filter((a) => a.type === 'independent' && a.lifecycle !== 'lost'));
let leadNumber = 0;
for (const [status, count] of Object.entries(LEAD_STATUS)) {
  for (let i = 0; i < count; i++) {
    const key = `lead_${++leadNumber}`;
    const source = weighted({ web: 25, referral: 18, exhibition: 15, campaign: 20, cold_call: 12, partner: 10 });
    const createdOffset = status === 'new' ? -int(1, 30) : status === 'converted' ? -int(60, HISTORY_DAYS - 30) : -int(20, 400);
    const campaign = source === 'campaign' || source === 'exhibition' ? campaignOfSource(source, createdOffset) : undefined;
    if (campaign) (leadCampaigns[campaign.key] ??= []).push(key);
    if (status === 'converted') {
      const account = prospectsForConversion.pop()!;
      const contact = account.contacts[0];
      const convertedOn = day(createdOffset + int(5, 25));
      convertedLeads.push({ key, account, campaign: campaign?.key, at: convertedOn });
      leadRecords.push({
        $key: key, $owner: account.owner,
        name: contact.name, company: account.name, title: '采购负责人', phone: mobile(), email: contact.email, source, status,
        region: account.region, industry: account.industry, estimated_amount: roundTo(int(50, 800) * 1000, 1000),
        ...(campaign ? { campaign: ref(campaign.key) } : {}),
        description: `来自${{ web: '官网咨询', referral: '老客户转介绍', exhibition: '展会', campaign: '市场活动', cold_call: '电话开发', partner: '合作伙伴推荐' }[source]}，已转化为客户。`,
        converted_account: ref(account.key), converted_contact: ref(contact.key), converted_at: at(convertedOn),
      });
      continue;
    }
    const region = weighted({ Chongqing: 24, Sichuan: 22, Yunnan: 16, Beijing: 10, Shanghai: 10, Guangdong: 6, Zhejiang: 6, Jiangsu: 6 });
    const industry = weighted(INDUSTRY_WEIGHT);
    let made: ReturnType<typeof chineseAccountName>;
    do made = chineseAccountName(region, industry === 'government' ? 'manufacturing' : industry, 'independent');
    while (usedNames.has(normalizedName(made.name)));
    usedNames.add(normalizedName(made.name));
    const p = person();
    const owner = status === 'new' || (status === 'disqualified' && chance(0.5)) ? pick(MARKETERS) : pick(repsOf(region));
    leadRecords.push({
      $key: key, $owner: owner,
      name: p.name, company: made.name, title: pick(TITLES)[0], phone: mobile(), email: `${p.pinyin.replace('.', '')}@${made.domain}`, source, status,
      region, industry, estimated_amount: roundTo(int(30, 1200) * 1000, 1000),
      ...(campaign ? { campaign: ref(campaign.key) } : {}),
      description: {
        new: '新线索，待首次联系。',
        working: pick(['已电话沟通，客户在评估预算。', '已发送产品资料，约下周回访。', '客户对仓储方案感兴趣，待安排演示。']),
        qualified: pick(['预算已确认，决策人明确，准备转商机。', '需求清晰，计划本季度采购。']),
        disqualified: pick(['无采购预算。', '联系方式无效。', '已选定其他供应商。', '个人咨询，非企业需求。']),
      }[status as 'new' | 'working' | 'qualified' | 'disqualified'],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Opportunities across the 9 stages, owned by the account's owner.

const OPEN_STAGES = ['find_prospect', 'visit', 'build_trust', 'uncover_needs', 'research_solution', 'propose'] as const;
const NEXT_STEP: Record<string, string[]> = {
  find_prospect: ['确认关键联系人', '收集客户组织架构信息'],
  visit: ['安排首次拜访', '预约总经理面谈'],
  build_trust: ['邀请参观样板客户', '安排技术交流会'],
  uncover_needs: ['调研现有系统与流程', '整理需求清单并确认'],
  research_solution: ['方案评审会', '完成技术方案与报价测算'],
  propose: ['提交正式报价', '商务谈判，确认折扣与付款方式'],
};
/** What a deal is called, by its main product (product_1 … product_20). */
const PROJECTS = ['CRM 上线项目', 'CRM 全员推广', '智能仓储系统', '门店收银与会员系统', '供应链协同平台', '经营分析平台', '手持终端更新', '收银系统替换', '标签打印设备采购',
  '数据中心扩容', 'RFID 资产管理', '系统实施服务', '年度运维续约', '用户培训', '数据迁移项目', '驻场支持服务', '耗材年度采购', '耗材年度采购', '耗材年度采购', '耗材年度采购'];
const ENGLISH_PROJECTS = ['CRM roll-out', 'CRM enterprise roll-out', 'Warehouse automation', 'Store POS and loyalty', 'Supply chain platform', 'Analytics platform', 'Handheld terminal refresh', 'POS replacement', 'Label printers',
  'Data centre expansion', 'RFID asset tracking', 'Implementation services', 'Annual support renewal', 'User training', 'Data migration', 'On-site support', 'Consumables contract', 'Consumables contract', 'Consumables contract', 'Consumables contract'];
const COMPETITORS = ['用友', '金蝶', '鼎捷', '浪潮', 'SAP', 'Oracle', '本地集成商'];
const AMOUNT: Record<string, [number, number]> = { A: [800, 5000], B: [300, 1500], C: [80, 500], D: [20, 150] };

interface Opportunity { key: string; account: Account; stage: string; amount: number; discount: number; closedOn?: string; expected: string; name: string; campaign?: string; product: string; quantity: number }
const opportunities: Opportunity[] = [];
const opportunityRecords: Rec[] = [];

function stagesFor(a: Account): string[] {
  const open = () => pick(OPEN_STAGES);
  switch (a.lifecycle) {
    // Customers from before the last 18 months have no won deal in it.
    case 'prospect': return [open(), ...(chance(0.25) ? [open()] : []), ...(chance(0.12) ? ['lost'] : [])];
    case 'customer': return [...(chance(0.8) ? [chance(0.55) ? 'sign' : 'satisfaction'] : []), ...(chance(0.55) ? [open()] : []), ...(chance(0.15) ? ['lost'] : [])];
    case 'service_customer': return [...(chance(0.7) ? ['satisfaction'] : []), ...(chance(0.3) ? [open()] : [])];
    default: return ['lost', ...(chance(0.25) ? ['satisfaction'] : [])];
  }
}

const convertedByAccount = new Map(convertedLeads.map((l) => [l.account.key, l]));
for (const account of accounts) {
  const fromLead = convertedByAccount.get(account.key);
  for (const [i, stage] of stagesFor(account).entries()) {
    const key = `opportunity_${opportunities.length + 1}`;
    const [lo, hi] = AMOUNT[account.level];
    const amount = roundTo(int(lo, hi) * 1000, 1000);
    const discount = chance(0.45) ? 0 : chance(0.85) ? int(3, 20) / 100 : int(21, 35) / 100;
    let closedOn: string | undefined;
    let expected: string;
    if (stage === 'satisfaction') closedOn = day(-int(90, HISTORY_DAYS));
    else if (stage === 'sign') closedOn = day(-int(1, 200));
    else if (stage === 'lost') closedOn = day(-int(15, HISTORY_DAYS));
    if (fromLead && i === 0 && closedOn && closedOn < fromLead.at) {
      const later = addDays(fromLead.at, int(30, 90));
      closedOn = later < AS_OF ? later : day(-1);
    }
    if (closedOn) expected = addDays(closedOn, int(-25, 20));
    else expected = chance(0.1) ? day(-int(5, 40)) : day(int(15, 180)); // some open deals are past their expected close
    // A product that makes a plausible quantity for the amount (at most a few hundred units).
    const fitting = productsFor[account.industry].filter((n) => productPrice(`product_${n}`) * 400 >= amount);
    const productNo = fitting.length ? pick(fitting) : productsFor[account.industry].reduce((a, b) => (productPrice(`product_${a}`) > productPrice(`product_${b}`) ? a : b));
    const product = `product_${productNo}`;
    const name = account.english ? `${account.short} ${ENGLISH_PROJECTS[productNo - 1]}${i > 0 && chance(0.5) ? ' phase 2' : ''}` : `${account.short}${PROJECTS[productNo - 1]}${i > 0 && chance(0.5) ? '（二期）' : ''}`;
    const eligible = CAMPAIGNS.filter((c) => c.status !== 'planned' && (!closedOn || day(c.start) < closedOn));
    const campaignKey = i === 0 && fromLead?.campaign ? fromLead.campaign : chance(0.05) && eligible.length ? pick(eligible).key : undefined;
    const opp: Opportunity = { key, account, stage, amount, discount, closedOn, expected, name, campaign: campaignKey, product, quantity: Math.max(1, Math.round(amount / productPrice(product))) };
    opportunities.push(opp);
    const contact = account.contacts.find((c) => c.key_contact) ?? account.contacts[0];
    opportunityRecords.push({
      $key: key, $owner: account.owner,
      // Written here, not left to the stage hook: a pack's hooks start only after its install, demo data included.
      name, account: ref(account.key), contact: ref(contact.key), stage, probability: STAGE_PROBABILITY[stage], amount,
      ...(discount ? { discount } : {}),
      expected_close: expected,
      ...(closedOn ? { closed_on: closedOn } : {}),
      ...(i === 0 && fromLead ? { lead: ref(fromLead.key) } : {}),
      ...(campaignKey ? { campaign: ref(campaignKey) } : {}),
      ...(NEXT_STEP[stage] ? { next_step: pick(NEXT_STEP[stage]) } : {}),
      ...(stage === 'lost' || chance(0.2) ? { competitor: pick(COMPETITORS) } : {}),
      description: stage === 'lost' ? pick(['客户选择了报价更低的方案。', '项目预算被砍，暂停采购。', '竞争对手有本地实施团队，客户更倾向对方。'])
        : `主要产品：${productName(product)}，预计数量 ${opp.quantity}。`,
    });
  }
}
const won = opportunities.filter((o) => (WON_STAGES as readonly string[]).includes(o.stage));
const netAmount = (o: Opportunity) => roundTo(o.amount * (1 - o.discount), 100);

// ---------------------------------------------------------------------------------------------
// Quotes, contracts and payments of won business (and quotes of deals being proposed or lost).

const quoteRecords: Rec[] = [];
for (const o of opportunities) {
  const status = o.stage === 'propose' ? (chance(0.6) ? 'sent' : 'draft') : won.includes(o) ? 'accepted' : o.stage === 'lost' && chance(0.5) ? 'rejected' : undefined;
  if (!status || (won.includes(o) && chance(0.15))) continue;
  const quotedOn = o.closedOn ? addDays(o.closedOn, -int(10, 40)) : day(-int(1, 20));
  quoteRecords.push({
    $key: `quote_${quoteRecords.length + 1}`, $owner: o.account.owner,
    name: `${o.name} 报价单`, opportunity: ref(o.key), account: ref(o.account.key), product: ref(o.product), quantity: o.quantity,
    amount: o.amount, ...(o.discount ? { discount: o.discount } : {}), valid_until: addDays(quotedOn, 30), status,
    notes: `报价日期 ${quotedOn}，含税价，${pick(['30% 预付款，验收后付清', '分三期付款', '货到付款', '年度合同按季度结算'])}。`,
  });
}

const contractRecords: Rec[] = [];
const paymentRecords: Rec[] = [];
const contractSeq: Record<string, number> = {};
const contracted = [...won.filter(() => chance(0.9)), ...opportunities.filter((o) => o.stage === 'propose' && chance(0.25))]
  .sort((a, b) => (a.closedOn ?? AS_OF).localeCompare(b.closedOn ?? AS_OF));
for (const o of contracted) {
  const signed = o.closedOn;
  const year = (signed ?? AS_OF).slice(0, 4);
  const number = `HT-${year}-${String((contractSeq[year] = (contractSeq[year] ?? 0) + 1)).padStart(4, '0')}`;
  const amount = netAmount(o);
  const end = signed ? addDays(signed, pick([365, 365, 730, 1095]) - 1) : undefined;
  const status = !signed ? pick(['draft', 'under_review']) : end! < AS_OF ? 'expired' : chance(0.04) ? 'terminated' : 'active';
  const key = `contract_${contractRecords.length + 1}`;
  contractRecords.push({
    $key: key, $owner: o.account.owner,
    number, name: `${o.name}合同`, account: ref(o.account.key), opportunity: ref(o.key), amount,
    ...(signed ? { start_date: signed, end_date: end, signed_on: signed } : {}), status,
    terms: `合同金额人民币 ${amount.toLocaleString('en-US')} 元（含税）。付款方式：${pick(['签约后支付 30%，验收后支付 60%，质保期满支付 10%', '签约后支付 50%，上线后支付 50%', '按季度平均支付'])}。质保期一年。`,
  });
  if (!signed || status === 'terminated') continue;
  // Deposit on signing; the rest after delivery for contracts old enough; the newest are still unpaid.
  const age = (asOf.getTime() - Date.parse(`${signed}T00:00:00Z`)) / DAY;
  const parts = age > 120 ? (chance(0.7) ? [0.3, 0.7] : [1]) : age > 30 ? [0.3] : chance(0.5) ? [0.3] : [];
  let offset = int(3, 15);
  parts.forEach((share, i) => {
    paymentRecords.push({
      $owner: o.account.owner,
      reference: `HK-${number.slice(3)}-${i + 1}`, account: ref(o.account.key), amount: roundTo(amount * share, 100),
      paid_on: addDays(signed, offset), method: amount * share < 50_000 ? weighted({ bank_transfer: 60, online: 25, cash: 15 }) : weighted({ bank_transfer: 88, online: 5, cheque: 7 }),
    });
    offset += int(60, 110);
  });
}

// ---------------------------------------------------------------------------------------------
// Activities (plans and logs of every category), some linked to more accounts and opportunities.

const CATEGORY_SUBJECT: Record<string, string[]> = {
  visit: ['拜访{a}，了解年度采购计划', '上门演示{p}', '陪同技术总监拜访{a}', '到{a}现场调研业务流程'],
  call: ['电话回访{c}', '与{c}确认需求细节', '电话沟通报价与折扣', '跟进{a}付款进度'],
  report: ['周报：{a}项目进展', '月度客户经营分析', '{a}项目阶段汇报'],
  reception: ['接待{a}来访参观', '接待{c}一行考察样板客户', '公司展厅接待{a}'],
  materials: ['寄送{p}产品资料', '提交{a}技术方案', '整理{a}投标文件'],
  care: ['{c}生日问候', '节日慰问{a}', '给{c}送中秋礼品', '回访{a}使用满意度'],
};
const OUTCOMES = ['客户认可方案，约定下次演示。', '对价格有顾虑，需要申请折扣。', '确认了决策流程和预算。', '客户反馈良好，推进到下一阶段。', '需补充技术资料。', '关系维护，无具体进展。'];
const activityRecords: Rec[] = [];
const activityLinkRecords: Rec[] = [];
const byAccountOpps = new Map<string, Opportunity[]>();
for (const o of opportunities) byAccountOpps.set(o.account.key, [...(byAccountOpps.get(o.account.key) ?? []), o]);
const activeAccounts = accounts.filter((a) => a.lifecycle !== 'lost');
for (let i = 0; i < 480; i++) {
  const account = chance(0.9) ? pick(activeAccounts) : pick(accounts);
  const opps = byAccountOpps.get(account.key) ?? [];
  const category = weighted({ visit: 28, call: 30, report: 8, reception: 9, materials: 12, care: 13 });
  const opp = opps.length && category !== 'care' && chance(0.7) ? pick(opps) : undefined;
  const contact = pick(account.contacts);
  const kind = chance(0.62) ? 'log' : 'plan';
  const subject = pick(CATEGORY_SUBJECT[category]).replace('{a}', account.short).replace('{c}', contact.name).replace('{p}', opp ? productName(opp.product) : productName(`product_${pick(productsFor[account.industry])}`));
  const latest = opp?.closedOn ?? day(-1);
  const happened = addDays(latest, -int(0, 120));
  const earliest = day(-HISTORY_DAYS);
  const when = happened < earliest ? earliest : happened;
  const duration = { visit: int(6, 24) * 10, call: int(1, 6) * 5, report: int(2, 6) * 15, reception: int(6, 18) * 10, materials: int(2, 8) * 15, care: int(1, 4) * 10 }[category]!;
  const key = `activity_${activityRecords.length + 1}`;
  if (kind === 'log') {
    activityRecords.push({
      $key: key, $owner: account.owner, subject, kind, category, account: ref(account.key), ...(opp ? { opportunity: ref(opp.key) } : {}), contact: ref(contact.key),
      happened_at: at(when), duration_minutes: duration, done: true, notes: `${contact.name}（${account.name}）参与。`, outcome: pick(OUTCOMES),
    });
  } else {
    const due = chance(0.7) ? day(int(1, 30)) : day(-int(1, 45));
    const done = due < AS_OF && chance(0.7);
    activityRecords.push({
      $key: key, $owner: account.owner, subject, kind, category, account: ref(account.key), ...(opp && !opp.closedOn ? { opportunity: ref(opp.key) } : {}), contact: ref(contact.key),
      due_at: at(due), ...(done ? { happened_at: at(due), duration_minutes: duration } : {}), done, notes: '计划：' + subject + '。',
    });
  }
  // Visits and receptions of group companies often concern the parent or a sister company too.
  if ((category === 'visit' || category === 'reception' || category === 'report') && (account.parent || account.type === 'group') && chance(0.7)) {
    const related = accounts.filter((a) => a.key !== account.key && (a.key === account.parent || a.parent === account.key || (account.parent && a.parent === account.parent)));
    for (const other of shuffle(related).slice(0, int(1, 2))) {
      const otherOpp = (byAccountOpps.get(other.key) ?? []).find((o) => !o.closedOn);
      activityLinkRecords.push({ $owner: account.owner, activity: ref(key), account: ref(other.key), ...(otherOpp && chance(0.5) ? { opportunity: ref(otherOpp.key) } : {}), note: `同时涉及${other.name}` });
    }
  } else if (opp && opps.length > 1 && chance(0.15)) {
    const other = opps.find((o) => o !== opp)!;
    activityLinkRecords.push({ $owner: account.owner, activity: ref(key), opportunity: ref(other.key), note: `同时讨论${other.name}` });
  }
}

// ---------------------------------------------------------------------------------------------
// Service requests (open ones with short SLAs run past their due time hours after loading), and the knowledge base.

const SERVICE_SUBJECTS: Record<string, string[]> = {
  complaint: ['配送延迟投诉', '安装人员未按约定时间上门', '发票开具错误', '系统升级后报表数据不一致', '热敏标签纸质量问题', '客服响应太慢'],
  enquiry: ['如何导出月度销售报表', '发票开具咨询', '续约价格咨询', '新增用户授权咨询', 'PDA 电池保修范围咨询', '数据备份策略咨询'],
  request: ['打印终端无法联网', '申请增加 5 个用户许可', '收银一体机屏幕故障报修', '申请现场培训', 'WMS 拣货单模板修改', '年度巡检预约'],
};
const SLA_BY_PRIORITY: Record<string, number[]> = { urgent: [2, 4], high: [4, 8], normal: [24, 48], low: [72, 120] };
const serviceRecords: Rec[] = [];
const serviceAccounts = accounts.filter((a) => a.lifecycle === 'customer' || a.lifecycle === 'service_customer');
const SERVICE_STATUS = { open: 22, in_progress: 30, resolved: 46, closed: 52 };
for (const [status, count] of Object.entries(SERVICE_STATUS)) {
  for (let i = 0; i < count; i++) {
    const account = pick(serviceAccounts);
    const kind = weighted({ complaint: 30, enquiry: 35, request: 35 });
    const priority = weighted(kind === 'complaint' ? { urgent: 15, high: 35, normal: 40, low: 10 } : { urgent: 5, high: 20, normal: 50, low: 25 });
    const sla = pick(SLA_BY_PRIORITY[priority]);
    const finished = status === 'resolved' || status === 'closed';
    const resolved = finished ? day(-int(status === 'closed' ? 8 : 1, 200)) : undefined;
    const subject = pick(SERVICE_SUBJECTS[kind]);
    const agent = pick(SERVICE_AGENTS);
    const contact = pick(account.contacts);
    serviceRecords.push({
      $owner: agent,
      subject, kind, account: ref(account.key), contact: ref(contact.key),
      channel: weighted({ phone: 45, email: 20, web: 25, visit: 10 }), priority, status, sla_hours: sla,
      ...(resolved ? { resolved_at: at(resolved) } : {}),
      description: `${account.name}${contact.name}反馈：${subject}。${pick(priority === 'urgent' || priority === 'high' ? ['影响门店正常营业。', '希望尽快处理。', '客户语气较急。'] : ['已提供截图。', '非紧急，可预约处理。', '请在工作时间回电。'])}`,
      ...(finished ? { resolution: pick(['远程协助完成配置，客户确认恢复。', '已更换配件并现场测试通过。', '已重新开具发票并快递寄出。', '已提供操作指引，客户已掌握。', '协调物流加急补发，客户接受道歉。']) } : {}),
      ...(status === 'closed' ? { satisfaction: weighted({ satisfied: 70, neutral: 20, dissatisfied: 10 }) } : {}),
    });
    // Agents log their follow-up calls of finished requests.
    if (resolved && chance(0.3)) {
      activityRecords.push({
        $key: `activity_${activityRecords.length + 1}`, $owner: agent, subject: `回访${contact.name}：${subject}`, kind: 'log', category: 'call', account: ref(account.key), contact: ref(contact.key),
        happened_at: at(resolved), duration_minutes: int(1, 4) * 5, done: true, outcome: pick(['客户确认问题已解决。', '客户表示满意。', '客户希望增加培训。']),
      });
    }
  }
}

const knowledgeRecords: Rec[] = [
  ['PDA-X5 无法连接 Wi-Fi 的排查步骤', 'troubleshooting', ['network'], true],
  ['热敏标签打印机 LP-300 安装指南', 'product', ['installation'], true],
  ['增值税发票开具与更正流程', 'policy', ['billing'], true],
  ['硬件保修与延保政策', 'policy', ['warranty'], true],
  ['收银一体机 POS-K8 常见问题', 'faq', ['quality', 'installation'], true],
  ['WMS 拣货单模板自定义方法', 'product', [], true],
  ['配送时效与异常处理规范', 'policy', ['delivery'], true],
  ['月度销售报表导出说明', 'faq', [], true],
  ['边缘计算服务器 E-2000 上架与网络配置', 'troubleshooting', ['installation', 'network'], false],
  ['2027 年服务价格调整说明（草稿）', 'policy', ['billing'], false],
].map(([title, category, tags, published], i) => ({
  $owner: i % 3 === 0 ? 'wang.fang' : pick(SERVICE_AGENTS),
  title, category, tags, published,
  body: `${title}\n\n适用范围：全部客户。\n\n1. 确认设备型号与软件版本。\n2. 按照步骤逐项检查并记录结果。\n3. 问题仍未解决时，请通过服务请求提交，并附上截图。\n\n如需现场支持，请联系客户服务部（400-800-0000）。`,
}));

// ---------------------------------------------------------------------------------------------
// Campaign members and figures (the same numbers the campaign job computes).

const campaignRecords: Rec[] = [];
const memberRecords: Rec[] = [];
const convertedLeadKeys = new Set(convertedLeads.map((l) => l.key));
const leadStatus = new Map(leadRecords.map((l) => [String(l.$key), String(l.status)]));
for (const c of CAMPAIGNS) {
  const members: { contact?: string; lead?: string; status: string }[] = [];
  for (const lead of leadCampaigns[c.key] ?? []) {
    const s = leadStatus.get(lead);
    members.push({ lead, status: convertedLeadKeys.has(lead) ? 'converted' : s === 'qualified' || s === 'working' ? 'responded' : s === 'disqualified' ? 'invalid' : 'opened' });
  }
  const pool = shuffle(contacts.filter((k) => !c.region || k.account.region === c.region || chance(0.2)));
  const size = c.status === 'planned' ? 20 : c.kind === 'sms' || c.kind === 'email' ? int(35, 45) : int(22, 32);
  for (const contact of pool.slice(0, size)) {
    const status = c.status === 'planned' ? 'invited'
      : c.status === 'running' ? weighted({ invited: 20, sent: 30, opened: 25, responded: 25 })
      : c.kind === 'sms' || c.kind === 'email' ? weighted({ sent: 35, opened: 35, responded: 18, converted: 4, invalid: 8 })
      : weighted({ invited: 10, sent: 15, opened: 20, responded: 40, converted: 10, invalid: 5 });
    members.push({ contact: contact.key, status });
  }
  for (const m of members) {
    const responded = m.status === 'responded' || m.status === 'converted';
    memberRecords.push({
      $owner: pick(MARKETERS), campaign: ref(c.key), ...(m.contact ? { contact: ref(m.contact) } : {}), ...(m.lead ? { lead: ref(m.lead) } : {}), status: m.status,
      ...(responded ? { responded_at: at(day(Math.min(c.end + int(0, 10), -1))), response: pick(['希望安排产品演示。', '请发送详细报价。', '已报名参加。', '对仓储方案感兴趣。', '请销售联系。']) } : {}),
    });
  }
  const revenue = won.filter((o) => o.campaign === c.key).reduce((n, o) => n + o.amount, 0);
  const started = c.status !== 'planned';
  campaignRecords.push({
    $key: c.key, $owner: c.kind === 'event' || c.kind === 'exhibition' ? 'huang.ting' : 'lin.tao',
    name: c.name, kind: c.kind, status: c.status, start_date: day(c.start), end_date: day(c.end), budget: c.budget,
    ...(started ? { actual_cost: roundTo(c.budget * (c.status === 'running' ? 0.6 : 0.85 + random() * 0.3), 100) } : {}),
    expected_revenue: c.expected,
    revenue, members: members.length, responses: members.filter((m) => m.status === 'responded' || m.status === 'converted').length,
    description: `${c.name}${c.region ? `，重点面向${{ Chongqing: '重庆', Sichuan: '四川', Yunnan: '云南' }[c.region] ?? ''}客户` : ''}。`,
  });
}

// ---------------------------------------------------------------------------------------------
// Sales tasks, business trips, expense claims, company goals and care holidays.

const PRIORITY = { low: 15, normal: 50, high: 25, urgent: 10 };
const taskRecords: Rec[] = [];
const openOpps = opportunities.filter((o) => !o.closedOn);
for (let i = 0; i < 60; i++) {
  const o = pick(openOpps);
  const due = day(int(-20, 40));
  const status = due < AS_OF ? weighted({ done: 70, in_progress: 15, cancelled: 15 }) : weighted({ open: 60, in_progress: 40 });
  const step = o.stage as string;
  taskRecords.push({
    $owner: o.account.owner, subject: `${pick(NEXT_STEP[step])}：${o.account.short}`, account: ref(o.account.key), opportunity: ref(o.key),
    process_step: step, due_date: due, priority: weighted(PRIORITY), status, description: `由${users.find((u) => u.username === managerOf(o.account.owner))?.name ?? '销售经理'}安排，${o.name}。`,
  });
}

const tripRecords: Rec[] = [];
const expenseRecords: Rec[] = [];
const travelling = accounts.filter((a) => a.city.name !== '重庆' && a.lifecycle !== 'lost');
for (let i = 0; i < 25; i++) {
  const account = pick(travelling);
  const start = day(-int(-20, 300));
  const end = addDays(start, int(1, 4));
  const key = `trip_${i + 1}`;
  const cost = roundTo(int(15, 60) * 100 * (1 + (Date.parse(end) - Date.parse(start)) / DAY), 100);
  tripRecords.push({
    $key: key, $owner: account.owner, purpose: `拜访${account.short}，${pick(['推进项目签约', '项目验收', '年度合作洽谈', '技术方案交流'])}`,
    destination: account.city.name, start_date: start, end_date: end, estimated_cost: cost, account: ref(account.key),
    notes: `${pick(['高铁', '飞机', '自驾'])}往返。`,
  });
  if (start < AS_OF) {
    expenseRecords.push({ $owner: account.owner, title: `${account.city.name}出差交通费`, category: 'travel', amount: roundTo(cost * 0.4, 10), incurred_on: start, business_trip: ref(key), account: ref(account.key) });
    expenseRecords.push({ $owner: account.owner, title: `${account.city.name}出差住宿费`, category: 'accommodation', amount: roundTo(cost * 0.35, 10), incurred_on: end, business_trip: ref(key), account: ref(account.key) });
  }
}
const spenders = [...TEAMS.flatMap((t) => [t.manager[0], ...t.reps.map(([u]) => u)]), ...MARKETERS];
while (expenseRecords.length < 60) {
  const owner = pick(spenders);
  const category = weighted({ meals: 35, entertainment: 20, transport: 30, other: 15 });
  const own = accounts.filter((a) => a.owner === owner);
  const account = own.length ? pick(own) : undefined;
  expenseRecords.push({
    $owner: owner, title: { meals: '客户午餐', entertainment: '客户接待', transport: '市内交通（打车）', other: '资料打印' }[category]! + (account ? `：${account.short}` : ''),
    category, amount: roundTo({ meals: int(150, 900), entertainment: int(500, 3000), transport: int(30, 260), other: int(50, 400) }[category]!, 10),
    incurred_on: day(-int(1, 120)), ...(account ? { account: ref(account.key) } : {}), notes: '发票已上传。',
  });
}

const wonBetween = (from: string, to: string) => won.filter((o) => o.closedOn! >= from && o.closedOn! <= to).reduce((n, o) => n + o.amount, 0);
const goalRecords: Rec[] = [];
const nextQuarterYear = QUARTER === 3 ? YEAR + 1 : YEAR;
const nextQuarter = (QUARTER + 1) % 4;
const lastTwelveMonths = wonBetween(day(-365), AS_OF);
// Targets a little above the last twelve months' business: the current year, the current quarter and the next one.
for (const [name, from, to, target] of [
  [`${YEAR} 年度公司销售目标`, `${YEAR}-01-01`, `${YEAR}-12-31`, lastTwelveMonths * 1.1],
  [`${YEAR} 年第 ${QUARTER + 1} 季度公司销售目标`, quarterStart(YEAR, QUARTER), quarterEnd(YEAR, QUARTER), lastTwelveMonths * 0.3],
  [`${nextQuarterYear} 年第 ${nextQuarter + 1} 季度公司销售目标`, quarterStart(nextQuarterYear, nextQuarter), quarterEnd(nextQuarterYear, nextQuarter), lastTwelveMonths * 0.3],
] as const) {
  goalRecords.push({ $owner: 'zhao.jianguo', name, level: 'company', period_start: from, period_end: to, target_amount: roundTo(Math.max(target, 1_000_000), 100_000), achieved_amount: wonBetween(from, to) });
}

const HOLIDAYS: Record<number, [string, string, string][]> = {
  2023: [['2023-01-01', '元旦 New Year', '新年快乐！'], ['2023-01-22', '春节 Spring Festival', '新春快乐，万事如意！'], ['2023-02-05', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2023-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2023-06-22', '端午节 Dragon Boat Festival', '端午安康！'], ['2023-09-29', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2023-10-01', '国庆节 National Day', '国庆快乐！'], ['2023-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
  2024: [['2024-01-01', '元旦 New Year', '新年快乐！'], ['2024-02-10', '春节 Spring Festival', '新春快乐，万事如意！'], ['2024-02-24', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2024-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2024-06-10', '端午节 Dragon Boat Festival', '端午安康！'], ['2024-09-17', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2024-10-01', '国庆节 National Day', '国庆快乐！'], ['2024-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
  2025: [['2025-01-01', '元旦 New Year', '新年快乐！'], ['2025-01-29', '春节 Spring Festival', '新春快乐，万事如意！'], ['2025-02-12', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2025-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2025-05-31', '端午节 Dragon Boat Festival', '端午安康！'], ['2025-10-06', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2025-10-01', '国庆节 National Day', '国庆快乐！'], ['2025-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
  2026: [['2026-01-01', '元旦 New Year', '新年快乐！'], ['2026-02-17', '春节 Spring Festival', '新春快乐，万事如意！'], ['2026-03-03', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2026-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2026-06-19', '端午节 Dragon Boat Festival', '端午安康！'], ['2026-09-25', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2026-10-01', '国庆节 National Day', '国庆快乐！'], ['2026-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
  2027: [['2027-01-01', '元旦 New Year', '新年快乐！'], ['2027-02-06', '春节 Spring Festival', '新春快乐，万事如意！'], ['2027-02-20', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2027-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2027-06-09', '端午节 Dragon Boat Festival', '端午安康！'], ['2027-09-15', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2027-10-01', '国庆节 National Day', '国庆快乐！'], ['2027-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
  2028: [['2028-01-01', '元旦 New Year', '新年快乐！'], ['2028-01-26', '春节 Spring Festival', '新春快乐，万事如意！'], ['2028-02-09', '元宵节 Lantern Festival', '元宵节快乐，阖家团圆！'], ['2028-05-01', '劳动节 Labour Day', '劳动节快乐！'], ['2028-05-28', '端午节 Dragon Boat Festival', '端午安康！'], ['2028-10-03', '中秋节 Mid-Autumn Festival', '中秋快乐，花好月圆！'], ['2028-10-01', '国庆节 National Day', '国庆快乐！'], ['2028-12-25', '圣诞节 Christmas', 'Merry Christmas!']],
};
if (!HOLIDAYS[YEAR] || !HOLIDAYS[YEAR + 1]) throw new Error(`no holiday calendar for ${YEAR} and ${YEAR + 1}: add it to HOLIDAYS`);
const holidayRecords: Rec[] = [...HOLIDAYS[YEAR], ...HOLIDAYS[YEAR + 1]].map(([dayOf, name, greeting]) => ({ $owner: 'huang.ting', name: `${name} ${dayOf.slice(0, 4)}`, day: dayOf, greeting }));

// ---------------------------------------------------------------------------------------------
// History and the organisation's people: when records were created, department heads, orders, who
// tasks are assigned to, personal and department goals. A second random stream, so that everything
// above stays as it was.

const later = prng(SEED + 1);
const { int: laterInt, chance: laterChance } = randomTools(later);
const HOUR = 3_600_000;
const moment = (date: string) => officeMoment(date, 9 + Math.floor(later() * 9), Math.floor(later() * 6) * 10);

// Department heads: the executive, the sales director, each team's manager and the heads of service, marketing and finance.
const HEADS: Record<string, string> = { hq: 'zhao.jianguo', management: 'zhao.jianguo', sales: 'qian.wei', service: 'wang.fang', marketing: 'huang.ting', finance: 'he.lin' };
for (const t of TEAMS) HEADS[t.key] = t.manager[0];
for (const d of departments) if (HEADS[String(d.key)]) d.head = HEADS[String(d.key)];

// Accounts came in over the sales history: customers before their business, prospects more recently (customer growth).
const firstBusiness = new Map<string, string>();
for (const o of opportunities) {
  const seen = o.closedOn ?? o.expected;
  const key = o.account.key;
  if (!firstBusiness.has(key) || seen < firstBusiness.get(key)!) firstBusiness.set(key, seen);
}
for (const record of accountRecords) {
  const first = firstBusiness.get(String(record.$key));
  const lifecycle = String(record.lifecycle);
  const offset = lifecycle === 'prospect' ? -laterInt(5, 365) : -laterInt(60, HISTORY_DAYS + 60);
  let created = day(offset);
  if (first && created > addDays(first, -30)) created = addDays(first, -laterInt(30, 90));
  if (created > AS_OF) created = day(-1);
  record.$createdAt = moment(created);
}
for (const record of leadRecords) {
  const converted = typeof record.converted_at === 'string' ? String(record.converted_at).slice(0, 10) : undefined;
  const created = converted ? addDays(converted, -laterInt(5, 25)) : day(-laterInt(1, 300));
  record.$createdAt = moment(created);
}

// Service requests were raised before they were resolved; most within their SLA, some late.
for (const record of serviceRecords) {
  const slaMs = Number(record.sla_hours) * HOUR;
  const late = laterChance(0.18);
  const share = late ? 1.2 + later() * 1.8 : 0.2 + later() * 0.7;
  if (typeof record.resolved_at === 'string') {
    record.$createdAt = new Date(Date.parse(record.resolved_at) - share * slaMs).toISOString();
  } else {
    // Still open: raised a share of their SLA ago (late ones already past it when the demo starts).
    const loadedAt = asOf.getTime() + 2 * HOUR;
    record.$createdAt = new Date(loadedAt - share * slaMs - laterInt(0, 2) * DAY * (late ? 1 : 0)).toISOString();
  }
}

// Orders of signed contracts; their payments point at them.
const orderRecords: Rec[] = [];
const orderOfContract = new Map<string, string>();
for (const contract of contractRecords) {
  if (!contract.signed_on || contract.status === 'terminated') continue;
  const opportunity = opportunities.find((o) => o.key === (contract.opportunity as { $key: string }).$key)!;
  const key = `order_${orderRecords.length + 1}`;
  const ordered = addDays(String(contract.signed_on), laterInt(1, 20));
  const age = (asOf.getTime() - Date.parse(`${ordered}T00:00:00Z`)) / DAY;
  orderRecords.push({
    $key: key, $owner: opportunity.account.owner, $createdAt: moment(ordered),
    number: `DD-${String(contract.number).slice(3)}`, account: contract.account, contract: ref(String(contract.$key)), opportunity: contract.opportunity,
    product: ref(opportunity.product), quantity: opportunity.quantity, amount: contract.amount, order_date: ordered,
    status: age > 60 ? (laterChance(0.95) ? 'completed' : 'cancelled') : age > 10 ? 'shipped' : 'open',
  });
  orderOfContract.set(String(contract.number).slice(3), key);
}
for (const payment of paymentRecords) {
  const order = orderOfContract.get(String(payment.reference).slice(3).replace(/-\d+$/, ''));
  if (order) payment.order = ref(order);
}

// Repeat orders: two years of reorders with structure for the analytics pack to find (value levels,
// customers whose orders fall off, products bought together, seasons; docs/demo-data.md). A third
// random stream, so everything above stays as it was.
const ordersRandom = prng(SEED + 2);
const springFestivals = Object.values(HOLIDAYS).flat().filter(([, name]) => name.startsWith('春节')).map(([date]) => date);
const repeat = repeatOrders({
  asOf: AS_OF,
  accounts: accounts.map((a, i) => ({
    key: a.key, owner: a.owner, industry: a.industry, level: a.level, lifecycle: a.lifecycle, rating: String(accountRecords[i].rating),
    notBefore: convertedByAccount.get(a.key)?.at,
    lostOn: opportunities.filter((o) => o.account === a && o.stage === 'lost').map((o) => o.closedOn!).sort().pop(),
    contractOrders: orderRecords.filter((o) => (o.account as { $key: string }).$key === a.key).map((o) => String(o.order_date)),
  })),
  price: (product) => productPrice(`product_${product}`),
  productsFor,
  springFestivals,
  random: ordersRandom,
});
for (let year = Number(repeat.from.slice(0, 4)); year <= YEAR; year++) {
  if (!springFestivals.some((d) => d.startsWith(String(year)))) throw new Error(`no Spring Festival for ${year}: add the year to HOLIDAYS`);
}
orderRecords.push(...repeat.records);
// Customers existed before they ordered: an account created later than 20 days before its first repeat
// order is created earlier (one converted from a lead no earlier than its conversion).
const { int: ordersInt } = randomTools(ordersRandom);
for (const record of accountRecords) {
  const first = repeat.firstOrder.get(String(record.$key));
  if (!first || String(record.$createdAt) < `${addDays(first, -20)}T`) continue;
  const converted = convertedByAccount.get(String(record.$key))?.at;
  let created = addDays(first, -ordersInt(20, 300));
  if (converted && created < converted) created = converted;
  record.$createdAt = officeMoment(created, ordersInt(9, 17), ordersInt(0, 5) * 10);
}

// Tasks are assigned by the sales manager to the rep who owns the account.
for (const task of taskRecords) {
  const rep = String(task.$owner);
  task.assignee = { $user: rep };
  task.$owner = managerOf(rep) ?? rep;
}

// Personal goals for every rep and department goals for every team: this year, a little above last year's pace.
const wonBy = (filter: (o: Opportunity) => boolean, from: string, to: string) =>
  won.filter((o) => filter(o) && o.closedOn! >= from && o.closedOn! <= to).reduce((n, o) => n + o.amount, 0);
for (const team of TEAMS) {
  const reps = team.reps.map(([u]) => u);
  const teamLastYear = wonBy((o) => reps.includes(o.account.owner), day(-365), AS_OF);
  goalRecords.push({
    $owner: team.manager[0], name: `${YEAR} 年${team.name}销售目标`, level: 'department', department: { $department: team.key },
    period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31`, target_amount: roundTo(Math.max(teamLastYear * 1.1, 500_000), 50_000),
    achieved_amount: wonBy((o) => reps.includes(o.account.owner), `${YEAR}-01-01`, `${YEAR}-12-31`),
  });
  for (const [rep, name] of team.reps) {
    const repLastYear = wonBy((o) => o.account.owner === rep, day(-365), AS_OF);
    goalRecords.push({
      $owner: team.manager[0], name: `${YEAR} 年${name}个人销售目标`, level: 'personal', user: { $user: rep },
      period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31`, target_amount: roundTo(Math.max(repLastYear * 1.15, 200_000), 10_000),
      achieved_amount: wonBy((o) => o.account.owner === rep, `${YEAR}-01-01`, `${YEAR}-12-31`),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Checks and output

const files: [string, unknown[]][] = [
  ['departments', departments],
  ['users', users.map((u) => ({ username: u.username, password: DEMO_PASSWORD, name: u.name, email: `${u.username}@example.com`, department: u.department, ...(u.manager ? { manager: u.manager } : {}), roles: u.roles }))],
  ['product', products],
  ['campaign', campaignRecords],
  ['account', accountRecords],
  ['contact', contactRecords],
  ['lead', leadRecords],
  ['opportunity', opportunityRecords],
  ['quote', quoteRecords],
  ['contract', contractRecords],
  ['order', orderRecords],
  ['payment', paymentRecords],
  ['activity', activityRecords],
  ['activity_link', activityLinkRecords],
  ['sales_task', taskRecords],
  ['service_request', serviceRecords],
  ['knowledge_article', knowledgeRecords],
  ['campaign_member', memberRecords],
  ['business_trip', tripRecords],
  ['expense_claim', expenseRecords],
  ['goal', goalRecords],
  ['care_holiday', holidayRecords],
];

const stages = new Set(opportunities.map((o) => o.stage));
for (const s of [...OPEN_STAGES, ...WON_STAGES, 'lost']) if (!stages.has(s)) throw new Error(`no opportunity in stage ${s}`);
const numbers = contractRecords.map((c) => c.number);
if (new Set(numbers).size !== numbers.length) throw new Error('contract numbers repeat');
if (new Set(accountRecords.map((a) => normalizedName(String(a.name)))).size !== accountRecords.length) throw new Error('account names repeat after normalisation');
const managers = new Set<string>();
for (const u of users) {
  if (u.manager && !managers.has(u.manager)) throw new Error(`${u.username}'s manager ${u.manager} is not listed before them`);
  managers.add(u.username);
}

fs.mkdirSync(OUT, { recursive: true });
for (const file of fs.readdirSync(OUT)) if (file.endsWith('.json')) fs.rmSync(path.join(OUT, file));
for (const [name, content] of files) fs.writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(content, null, 1)}\n`);
fs.writeFileSync(path.join(OUT, 'load-order.json'), `${JSON.stringify(files.map(([name]) => `${name}.json`), null, 1)}\n`);

const total = files.slice(2).reduce((n, [, list]) => n + list.length, 0);
console.log(`demo data as of ${AS_OF} in ${path.relative(process.cwd(), OUT) || '.'}:`);
for (const [name, list] of files) console.log(`  ${name.padEnd(18)} ${list.length}`);
console.log(`  ${'records'.padEnd(18)} ${total}`);
console.log(`repeat orders from ${repeat.from}: ${repeat.records.length}; accounts whose orders fall off: ${repeat.decliners.join(', ')}`);
