/**
 * The organiser's publishing and service side in the exhibition demo: its trade journal (monthly, two
 * years of issues, subscriptions of exhibitors, the dispatches of past issues), advertising slots and
 * placements, the request routing table, business requests in every state across the departments and
 * the departments' logs. Its own random stream, so the booth data's draws do not shift.
 */
import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';

type Rec = Record<string, unknown>;
const SEED = 20261215;
const DAY = 86_400_000;

export interface ServiceAccount {
  key: string;
  owner: string;
  /** Its contacts' keys, the main one first. */
  contacts: string[];
}

const ref = (key: string) => ({ $key: key });
const department = (key: string) => ({ $department: key });
const user = (username: string) => ({ $user: username });
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const monthOf = (year: number, month: number) => `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;

/** Who works each department's queue and log (the demo users of the organiser). */
const DEPARTMENT_PEOPLE: Record<string, string[]> = {
  fair_office: ['ma.dong', 'tang.lu', 'jiang.hai', 'fan.qing'],
  fair_marketing: ['xie.yun', 'cui.hao'],
  fair_news: ['bai.xue', 'yu.bo'],
};
const ROUTES: [string, string][] = [
  ['booth', 'fair_office'], ['enquiry', 'fair_office'], ['complaint', 'fair_office'], ['other', 'fair_office'],
  ['advertising', 'fair_news'], ['subscription', 'fair_news'], ['partnership', 'fair_marketing'],
];
const SUBJECTS: Record<string, string[]> = {
  booth: ['希望调换到主通道旁的展位', '申请增加一个标摊', '询问特装搭建报馆流程', '展位楣板名称需要修改'],
  advertising: ['咨询会刊封底广告价格', '希望在新闻网站首页投放横幅', '展馆户外广告牌档期', '电子快讯软文合作'],
  subscription: ['增订两份《华夏糖酒》', '更改期刊寄送地址', '未收到上期期刊', '咨询电子版订阅'],
  enquiry: ['观众邀请函如何申请', '展商证办理时间', '展会期间的物流服务', '开幕式议程安排'],
  complaint: ['展位用电未按时开通', '布展期间货车无法进场', '展位被他人占用', '发票开具错误'],
  partnership: ['行业协会联合主办论坛', '媒体合作伙伴申请', '酒店协议价合作'],
  other: ['遗失物品查询', '往届会刊购买'],
};
const NOTES = ['电话回访参展意向', '拜访客户洽谈展位续订', '与客户开会讨论赞助方案', '发送招展函及平面图', '整理本周客户咨询记录'];

export function servicesDemo(accounts: readonly ServiceAccount[], asOf: string): [string, Rec[]][] {
  const { int, chance, pick, shuffle } = randomTools(prng(SEED));
  const at = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + (int(1, 9) * 60 + int(0, 5) * 10) * 60_000).toISOString();

  // The journal: monthly, published on the 15th, 2025-01 to 2026-12.
  const journals: Rec[] = [
    { $key: 'journal_huaxia', $owner: 'bai.xue', $createdAt: at('2024-11-20'), title: '华夏糖酒', issues_per_year: 12, price: 360, renewal_notice_days: 30 },
  ];
  const issues: Rec[] = [];
  for (let n = 1; n <= 24; n++) {
    const date = `${monthOf(2025, n)}-15`;
    const status = date < asOf ? 'dispatched' : 'planned';
    issues.push({ $key: `issue_${n}`, $owner: 'bai.xue', $createdAt: at(addDays(date, -40)), name: `《华夏糖酒》${monthOf(2025, n).replace('-', ' 年第 ')} 期`, journal: ref('journal_huaxia'), number: n, publication_date: date, status });
  }

  // Subscriptions: a year from the first of a month; some renewed once, some ending within the renewal notice of the reference day.
  const subscribers = shuffle([...accounts]).slice(0, 60);
  const subscriptions: Rec[] = [];
  for (const [i, account] of subscribers.entries()) {
    let start = `${monthOf(2025, int(1, 12))}-01`;
    let previous: string | undefined;
    const copies = chance(0.8) ? 1 : int(2, 5);
    for (let round = 0; round < 2; round++) {
      const end = addDays(`${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, -1);
      if (start > asOf) break;
      const key = `subscription_${i}_${round}`;
      const cancelled = round === 0 && chance(0.05);
      const status = cancelled ? 'cancelled' : end < asOf ? 'expired' : 'active';
      subscriptions.push({
        $key: key, $owner: account.owner, $createdAt: at(addDays(start, -int(5, 20))), account: ref(account.key), contact: ref(account.contacts[0]), journal: ref('journal_huaxia'),
        starts_on: start, ends_on: end, copies, price: 360 * copies, status, ...(previous ? { renewal_of: ref(previous) } : {}),
      });
      // Two in three renew the year after.
      if (cancelled || !chance(0.67)) break;
      previous = key;
      start = addDays(end, 1);
    }
  }
  const dispatches: Rec[] = [];
  for (const issue of issues.filter((x) => x.status === 'dispatched')) {
    const date = String(issue.publication_date);
    for (const s of subscriptions) {
      if (s.status === 'cancelled' || String(s.starts_on) > date || String(s.ends_on) < date) continue;
      dispatches.push({
        $owner: 'yu.bo', $createdAt: at(addDays(date, 1)), subscription: ref(String(s.$key)), issue: ref(String(issue.$key)), account: s.account, copies: s.copies,
        dispatched_at: at(addDays(date, 1)), status: chance(0.01) ? 'returned' : 'dispatched',
      });
    }
  }

  // Advertising: slots of the website, the newsletter, the venue and the journal; placements month by month, never overlapping.
  const slots: Rec[] = [
    ['网站首页通栏', 'website', '首页顶部', '1200×90', 12_000], ['网站新闻页侧栏', 'website', '新闻详情页右侧', '300×250', 5_000],
    ['电子快讯头条', 'online', '每周电子快讯首位', '600×200', 6_000], ['展馆正门拱门', 'outdoor', '1 号馆正门', '12×6 米', 60_000],
    ['登录厅吊旗', 'outdoor', '登录大厅', '2×4 米 ×10', 30_000], ['会刊封底', 'journal', '封底', '210×285 毫米', 25_000],
    ['会刊内页跨版', 'journal', '内页第 2–3 页', '420×285 毫米', 18_000],
  ].map(([name, channel, position, size, price], i) => ({ $key: `slot_${i}`, $owner: 'bai.xue', $createdAt: at('2024-12-01'), name, channel, position, size, price, active: true }));
  const placements: Rec[] = [];
  for (const slot of slots) {
    let month = int(1, 4);
    while (month <= 30) {
      const length = slot.channel === 'outdoor' ? 1 : int(1, 3);
      const first = monthOf(2025, month);
      const last = monthOf(2025, month + length - 1);
      const account = pick(accounts);
      const status = `${last}-28` < asOf ? 'finished' : `${first}-01` <= asOf ? 'running' : 'booked';
      placements.push({
        $owner: pick(DEPARTMENT_PEOPLE.fair_news), $createdAt: at(addDays(`${first}-01`, -int(20, 60))), name: `${slot.name} ${first}${length > 1 ? `…${last}` : ''}`,
        slot: ref(String(slot.$key)), account: ref(account.key), contact: ref(account.contacts[0]), first_month: first, last_month: last, status,
        price: Number(slot.price) * length, creative_url: `https://ads.example.cn/creative/${placements.length + 1}.jpg`,
      });
      month += length + int(0, 3);
    }
  }

  // Business requests over the last months: settled ones with their history, and recent ones still open
  // (created `new`: the pack's hook routes them and starts their handling workflow at install).
  const routes = ROUTES.map(([type, dept]) => ({ $owner: 'ma.dong', request_type: type, department: department(dept) }));
  const routeOf = new Map(ROUTES);
  const requests: Rec[] = [];
  const log: Rec[] = [];
  const types = ['booth', 'booth', 'enquiry', 'enquiry', 'enquiry', 'complaint', 'complaint', 'advertising', 'advertising', 'subscription', 'subscription', 'partnership', 'other'];
  for (let i = 0; i < 48; i++) {
    const type = pick(types);
    const dept = routeOf.get(type)!;
    const account = pick(accounts);
    const handler = DEPARTMENT_PEOPLE[dept][0];
    const open = i >= 40;
    const created = open ? addDays(asOf, -int(0, 1)) : addDays(asOf, -int(3, 150));
    const key = `request_${i}`;
    const subject = pick(SUBJECTS[type]);
    const base = { $key: key, $owner: account.owner, $createdAt: at(created), subject, request_type: type, account: ref(account.key), contact: ref(account.contacts[0]) };
    if (open) {
      requests.push({ ...base, description: `${subject}。请尽快联系。`, status: 'new' });
      continue;
    }
    const escalated = chance(0.15);
    const declined = !escalated && chance(0.08);
    const closedOn = addDays(created, escalated ? int(3, 5) : int(1, 2));
    requests.push({
      ...base, description: `${subject}。`, department: department(dept), status: declined ? 'declined' : 'closed', sla_due: at(addDays(created, 2)), escalated,
      resolution: declined ? '不属于主办方服务范围，已告知客户。' : '已与客户沟通并处理完毕。',
    });
    const entry = (date: string, kind: string, by: string | null) => log.push({
      $owner: by ?? handler, $createdAt: at(date), department: department(dept), date, kind, subject, account: ref(account.key), request: ref(key), ...(by ? { by: user(by) } : {}),
    });
    entry(created, 'request_received', account.owner);
    if (escalated) entry(addDays(created, 2), 'request_escalated', null);
    entry(closedOn, 'request_closed', escalated ? 'ma.dong' : handler);
  }
  for (let i = 0; i < 36; i++) {
    const dept = pick(Object.keys(DEPARTMENT_PEOPLE));
    const by = pick(DEPARTMENT_PEOPLE[dept]);
    const date = addDays(asOf, -int(0, 90));
    const kind = pick(['call', 'call', 'visit', 'meeting', 'email', 'note']);
    log.push({ $owner: by, $createdAt: at(date), department: department(dept), date, kind, subject: pick(NOTES), account: ref(pick(accounts).key), by: user(by) });
  }
  log.sort((a, b) => String(a.$createdAt).localeCompare(String(b.$createdAt)));

  return [
    ['journal', journals], ['journal_issue', issues], ['journal_subscription', subscriptions], ['journal_dispatch', dispatches],
    ['ad_slot', slots], ['ad_placement', placements], ['request_route', routes], ['business_request', requests], ['department_activity', log],
  ];
}
