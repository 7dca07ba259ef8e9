import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';
import type { EditionPlan } from './demo-editions.ts';
import { personName } from './demo-names.ts';

/**
 * The demo's visitors and buyers, badges and forums, from a random stream of their own (the booth
 * data's files do not move when this changes). Closed editions: visitors mostly came, their badges and
 * most exhibitor staff badges are checked in, forum sessions are over with their attendees. Spring
 * 2027 (selling): visitors pre-registered, exhibitor staff badges approved or still drafts, forum
 * sessions open, two of them full with a waiting list.
 */

const SEED = 20270326;
const DAY = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
type Rec = Record<string, unknown>;
const ref = (key: string) => ({ $key: key });

export interface StandOf { exhibitor: { key: string; name: string; owner: string } }

export interface VisitorDemo { visitor: Rec[]; badge: Rec[]; forum_session: Rec[]; forum_registration: Rec[] }

const PROVINCES: [string, string[]][] = [
  ['四川', ['成都', '绵阳', '宜宾', '泸州']], ['重庆', ['重庆']], ['广东', ['广州', '深圳', '佛山']], ['北京', ['北京']], ['上海', ['上海']],
  ['天津', ['天津']], ['江苏', ['南京', '苏州']], ['浙江', ['杭州', '宁波']], ['云南', ['昆明']], ['河南', ['郑州']], ['湖北', ['武汉']], ['山东', ['济南', '青岛']],
];
const BUYER_BRANDS = ['红旗', '华联', '佳惠', '百信', '万家', '永辉', '家乐', '舞东风', '惠民', '新一佳', '好又多', '联华'];
const BUYER_TRADES = ['连锁超市', '酒业贸易', '食品商行', '供应链管理', '餐饮管理', '烟酒商行', '电子商务'];
const TITLES = ['采购经理', '采购总监', '总经理', '品类经理', '店长', '市场部经理', '业务员'];
const INTERESTS = ['liquor', 'wine', 'beer', 'beverages', 'food', 'sugar', 'condiments', 'packaging', 'machinery'];
const MEDIA = ['糖酒快讯', '华夏酒报', '中国食品报', '新食品杂志', '酒业家', '四川日报'];
const TOPICS = [
  ['白酒消费趋势与渠道变革', '中国酒业协会 专家'], ['食糖市场年度展望', '糖业协会 分析师'], ['葡萄酒进口与国产替代', '葡萄酒学院 教授'],
  ['休闲食品新品发布会', '行业媒体 主编'], ['即时零售与酒水电商', '电商平台 采购总监'], ['食品包装绿色转型', '包装协会 专家'],
  ['啤酒精酿市场分享', '精酿品牌 创始人'], ['调味品品牌出海', '出口商会 顾问'],
];

export function visitorDemo(editions: readonly EditionPlan[], standsOf: ReadonlyMap<string, readonly StandOf[]>, staff: readonly string[], asOf: string): VisitorDemo {
  const r = randomTools(prng(SEED));
  const { int, chance, pick, weighted, shuffle } = r;
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  const at = (date: string, hour: number, minute = int(0, 59)) => new Date(Date.parse(`${date}T00:00:00Z`) + ((hour - 8) * 60 + minute) * 60_000).toISOString();
  const codes = new Set<string>();
  const code = () => {
    let c: string;
    do c = Array.from({ length: 16 }, () => ALPHABET[int(0, 31)]).join(''); while (codes.has(c));
    codes.add(c);
    return c;
  };
  let serial = 0;
  const mobile = () => `1${pick(['33', '37', '50', '52', '80', '87', '88', '99'])}${String(20_000_000 + ((serial++ * 15_485_863) % 79_999_999)).padStart(8, '0')}`;

  const out: VisitorDemo = { visitor: [], badge: [], forum_session: [], forum_registration: [] };
  for (const edition of editions) {
    const closed = edition.status === 'closed';
    const openedOn = addDays(edition.start, closed ? -120 : -150);
    const registeredOn = () => {
      const last = closed ? addDays(edition.start, -1) : addDays(asOf, -1);
      const span = Math.max(1, (Date.parse(last) - Date.parse(openedOn)) / DAY);
      return addDays(openedOn, int(0, span));
    };
    const day = (n: number) => addDays(edition.start, n);

    // Visitors and buyers, each with a badge unless they cancelled.
    const visitors: { key: string; name: string; company: string; phone: string; came: boolean }[] = [];
    for (let i = 0; i < (closed ? 66 : 40); i++) {
      const person = personName(r);
      const [province, cities] = pick(PROVINCES);
      const city = pick(cities);
      const company = `${city}${pick(BUYER_BRANDS)}${pick(BUYER_TRADES)}有限公司`;
      const buyer = chance(0.55);
      const status = closed ? weighted({ attended: 78, registered: 12, cancelled: 6, confirmed: 4 }) : weighted({ registered: 70, confirmed: 26, cancelled: 4 });
      const key = `visitor_${edition.key}_${i + 1}`;
      const phone = mobile();
      const created = registeredOn();
      out.visitor.push({
        $key: key, $owner: pick(staff), $createdAt: at(created, int(9, 21)), exhibition: ref(edition.key), name: person.name, company, title: pick(TITLES),
        mobile: phone, email: `${person.pinyin}${i + 1}@buyer${serial}.example.cn`, province, city,
        interests: shuffle([...INTERESTS]).slice(0, int(1, 3)), is_buyer: buyer,
        ...(buyer ? { purchase_intent: weighted({ exploring: 30, this_year: 40, at_the_fair: 25, none: 5 }) } : {}),
        source: weighted({ website: 35, wechat: 30, exhibitor_invitation: 15, association: 10, walk_in: 10 }), status,
      });
      if (status === 'cancelled') continue;
      const came = status === 'attended';
      visitors.push({ key, name: person.name, company, phone, came });
      out.badge.push({
        $key: `badge_${key}`, $owner: pick(staff), $createdAt: at(created, int(9, 21)), exhibition: ref(edition.key), holder_kind: 'visitor', holder_name: person.name,
        company, visitor: ref(key), code: code(), status: came ? 'checked_in' : 'approved', ...(came ? { checked_in_at: at(day(int(0, 2)), int(9, 15)) } : {}),
      });
    }

    // Exhibitor staff: one to three badges a stand; the organiser's staff and the press.
    const staffNames: { name: string; exhibitor: string; company: string; owner: string }[] = [];
    for (const stand of standsOf.get(edition.key) ?? []) {
      const count = int(1, 3);
      for (let s = 0; s < count; s++) {
        const person = personName(r);
        const status = closed ? (chance(0.93) ? 'checked_in' : 'approved') : weighted({ approved: 70, draft: 30 });
        staffNames.push({ name: person.name, exhibitor: stand.exhibitor.key, company: stand.exhibitor.name, owner: stand.exhibitor.owner });
        out.badge.push({
          $key: `badge_${edition.key}_staff_${staffNames.length}`, $owner: stand.exhibitor.owner, $createdAt: at(closed ? addDays(edition.start, -int(10, 40)) : addDays(asOf, -int(1, 30)), int(9, 18)),
          exhibition: ref(edition.key), holder_kind: 'exhibitor_staff', holder_name: person.name, company: stand.exhibitor.name, exhibitor: ref(stand.exhibitor.key),
          code: code(), status, ...(status === 'checked_in' ? { checked_in_at: at(day(0), int(7, 9)) } : {}),
        });
      }
    }
    for (let m = 0; m < (closed ? 6 : 3); m++) {
      const person = personName(r);
      out.badge.push({
        $key: `badge_${edition.key}_media_${m + 1}`, $owner: pick(staff), $createdAt: at(closed ? addDays(edition.start, -int(5, 20)) : addDays(asOf, -int(1, 20)), int(9, 18)),
        exhibition: ref(edition.key), holder_kind: 'media', holder_name: person.name, company: pick(MEDIA), code: code(),
        status: closed ? 'checked_in' : 'approved', ...(closed ? { checked_in_at: at(day(0), int(8, 10)) } : {}),
      });
    }

    // Forum sessions: over on closed editions, open on spring 2027 (two of them full with a waiting line).
    const sessions = shuffle([...TOPICS]).slice(0, closed ? 4 : 6);
    sessions.forEach(([title, speaker], s) => {
      const key = `forum_${edition.key}_${s + 1}`;
      const capacity = pick([30, 40, 50, 60, 80]);
      const start = at(day(s % 3), s < 3 ? 10 : 14, 0);
      out.forum_session.push({
        $key: key, $owner: 'ma.dong', $createdAt: at(openedOn, 10), exhibition: ref(edition.key), title: `${edition.year} ${title}`, speaker, room: `${pick(['A', 'B', 'C'])}${int(1, 3)}0${int(1, 6)} 会议室`,
        starts_at: start, ends_at: new Date(Date.parse(start) + 2 * 3600_000).toISOString(), capacity, status: closed ? 'closed' : 'open',
      });
      const full = !closed && s < 2;
      const seated = full ? capacity : Math.round(capacity * (closed ? int(60, 100) : int(20, 75)) / 100);
      const waiting = full ? int(3, 8) : 0;
      const people = shuffle([
        ...visitors.map((v) => ({ name: v.name, company: v.company, phone: v.phone, visitor: v.key, came: v.came })),
        ...staffNames.map((x) => ({ name: x.name, company: x.company, exhibitor: x.exhibitor, came: true })),
      ]).slice(0, seated + waiting);
      people.forEach((p, i) => {
        const seat = i < seated ? i + 1 : null;
        out.forum_registration.push({
          $owner: pick(staff), $createdAt: at(closed ? addDays(edition.start, -int(1, 30)) : addDays(asOf, -int(1, 40)), int(9, 21)),
          session: ref(key), attendee_name: p.name, company: p.company, ...('phone' in p ? { phone: p.phone } : {}),
          ...('visitor' in p ? { visitor: ref(p.visitor as string) } : { exhibitor: ref(p.exhibitor as string) }),
          status: seat === null ? 'waiting' : closed ? (p.came && chance(0.85) ? 'attended' : 'registered') : 'registered',
          ...(seat === null ? { position: i - seated + 1 } : { seat }),
        });
      });
    });
  }
  return out;
}
