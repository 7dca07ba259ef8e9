import type { RandomTools } from '../../../platform/scripts/demo-random.ts';

/** Names of the demo's people and companies: Chinese, made from parts. */

export type Segment = 'raw_materials' | 'finished_goods' | 'peripheral';
export type BusinessRole = 'producer' | 'distributor' | 'service_agency';
export type Industry = 'food_beverage' | 'manufacturing' | 'retail' | 'logistics';

type Pair = readonly [zh: string, pinyin: string];
const SURNAMES: Pair[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'],
  ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'],
  ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['田', 'tian'], ['袁', 'yuan'],
];
const MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '飞', '斌', '建华', '志刚', '海波', '国强', '永明'];
const FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '雪', '琳', '颖', '倩', '慧', '晓燕', '丽华', '春燕', '美玲'];

export interface Person { name: string; gender: 'male' | 'female'; pinyin: string }

export function personName(r: RandomTools): Person {
  const gender = r.chance(0.55) ? 'male' : 'female';
  const [surname, pinyin] = r.pick(SURNAMES);
  return { name: surname + r.pick(gender === 'male' ? MALE : FEMALE), gender, pinyin };
}

export interface Place { region: string; city: string; area: string }

/** Cities of the crm's regions (the account's `region` options) that make, trade or serve food, sugar and wine. */
export const CITIES: Record<Segment, Place[]> = {
  raw_materials: [
    { region: 'Yunnan', city: '临沧', area: '0883' }, { region: 'Yunnan', city: '德宏', area: '0692' }, { region: 'Yunnan', city: '昆明', area: '0871' },
    { region: 'Guangdong', city: '湛江', area: '0759' }, { region: 'Sichuan', city: '泸州', area: '0830' }, { region: 'Sichuan', city: '宜宾', area: '0831' },
    { region: 'Jiangsu', city: '宿迁', area: '0527' }, { region: 'Zhejiang', city: '杭州', area: '0571' },
  ],
  finished_goods: [
    { region: 'Sichuan', city: '泸州', area: '0830' }, { region: 'Sichuan', city: '宜宾', area: '0831' }, { region: 'Sichuan', city: '成都', area: '028' },
    { region: 'Sichuan', city: '邛崃', area: '028' }, { region: 'Chongqing', city: '重庆', area: '023' }, { region: 'Yunnan', city: '普洱', area: '0879' },
    { region: 'Zhejiang', city: '绍兴', area: '0575' }, { region: 'Jiangsu', city: '宿迁', area: '0527' }, { region: 'Beijing', city: '北京', area: '010' },
    { region: 'Shanghai', city: '上海', area: '021' }, { region: 'Guangdong', city: '广州', area: '020' }, { region: 'Guangdong', city: '汕头', area: '0754' },
  ],
  peripheral: [
    { region: 'Sichuan', city: '成都', area: '028' }, { region: 'Chongqing', city: '重庆', area: '023' }, { region: 'Guangdong', city: '佛山', area: '0757' },
    { region: 'Guangdong', city: '广州', area: '020' }, { region: 'Zhejiang', city: '宁波', area: '0574' }, { region: 'Jiangsu', city: '苏州', area: '0512' },
    { region: 'Shanghai', city: '上海', area: '021' }, { region: 'Beijing', city: '北京', area: '010' },
  ],
};

const BRAND_FIRST = ['金', '玉', '华', '鑫', '德', '宏', '瑞', '丰', '泰', '嘉', '福', '恒', '盛', '鼎', '醇', '甘', '甜', '蜀', '云', '粤', '江', '川', '百', '古'];
const BRAND_SECOND = ['源', '泉', '樽', '坊', '润', '康', '禾', '岭', '河', '峰', '悦', '宝', '香', '缘', '顺', '达'];

/** What a company of a segment and role calls itself, the industry that makes it, and the free tags it would carry. */
const TRADES: Record<Segment, Partial<Record<BusinessRole, { words: string[]; industry: Industry; tag: string }[]>>> = {
  raw_materials: {
    producer: [
      { words: ['糖业', '制糖'], industry: 'food_beverage', tag: '食糖' }, { words: ['淀粉', '食品配料'], industry: 'food_beverage', tag: '食品配料' },
      { words: ['酿酒原料', '酒曲'], industry: 'food_beverage', tag: '酿酒原料' }, { words: ['香料', '果汁原料'], industry: 'food_beverage', tag: '食品配料' },
    ],
    distributor: [{ words: ['糖业贸易', '原料贸易', '粮油贸易'], industry: 'retail', tag: '原料贸易' }],
  },
  finished_goods: {
    producer: [
      { words: ['酒业', '酒厂', '酿酒'], industry: 'food_beverage', tag: '白酒' }, { words: ['葡萄酒', '酒庄'], industry: 'food_beverage', tag: '葡萄酒' },
      { words: ['黄酒', '啤酒'], industry: 'food_beverage', tag: '啤酒黄酒' }, { words: ['饮料', '饮品'], industry: 'food_beverage', tag: '饮料' },
      { words: ['食品', '休闲食品'], industry: 'food_beverage', tag: '休闲食品' }, { words: ['调味品', '火锅底料'], industry: 'food_beverage', tag: '调味品' },
      { words: ['茶业'], industry: 'food_beverage', tag: '茶叶' },
    ],
    distributor: [{ words: ['商贸', '酒类贸易', '食品贸易', '供应链'], industry: 'retail', tag: '经销' }],
  },
  peripheral: {
    producer: [
      { words: ['包装材料', '纸品包装', '印务'], industry: 'manufacturing', tag: '包装' }, { words: ['玻璃制品', '陶瓷酒瓶', '瓶盖'], industry: 'manufacturing', tag: '酒瓶瓶盖' },
      { words: ['机械', '灌装设备'], industry: 'manufacturing', tag: '设备' },
    ],
    distributor: [{ words: ['设备贸易'], industry: 'retail', tag: '设备' }],
    service_agency: [
      { words: ['物流', '冷链物流'], industry: 'logistics', tag: '物流' }, { words: ['品牌策划', '广告', '会展服务'], industry: 'retail', tag: '营销服务' },
      { words: ['防伪科技', '检测技术'], industry: 'manufacturing', tag: '技术服务' },
    ],
  },
};

const ROLE_WEIGHTS: Record<Segment, Partial<Record<BusinessRole, number>>> = {
  raw_materials: { producer: 75, distributor: 25 },
  finished_goods: { producer: 65, distributor: 35 },
  peripheral: { producer: 55, distributor: 10, service_agency: 35 },
};

export interface Company { name: string; role: BusinessRole; industry: Industry; tag: string; place: Place; brand: string }

export function companyName(segment: Segment, r: RandomTools): Company {
  const role = r.weighted(ROLE_WEIGHTS[segment] as Record<BusinessRole, number>);
  const trade = r.pick(TRADES[segment][role]!);
  const place = r.pick(CITIES[segment]);
  const brand = r.pick(BRAND_FIRST) + r.pick(BRAND_SECOND);
  const word = r.pick(trade.words);
  const suffix = word.endsWith('厂') ? '' : r.weighted({ 有限公司: 55, 股份有限公司: 12, 有限责任公司: 13, '': 8, 集团有限公司: 6, 厂: role === 'producer' ? 8 : 0 });
  return { name: `${place.city}${brand}${word}${suffix}`, role, industry: trade.industry, tag: trade.tag, place, brand };
}
