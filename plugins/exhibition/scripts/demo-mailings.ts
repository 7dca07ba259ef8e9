/**
 * The mailings of the exhibition demo (docs/exhibition.md, "Mailings"): three sent mailings, two by
 * e-mail and one by SMS, with every recipient's outcome, and one draft. The outcomes agree with the
 * contacts' e-mail status: an `invalid` address bounced hard in the first e-mail it was sent (and the
 * contact is then do-not-contact), a `soft_bouncing` one bounced soft (its bounce score counts the soft
 * bounces), an `unsubscribed` contact unsubscribed from the first e-mail it got; later mailings skip
 * them. Its own random stream, so that the other demo files stay as they are.
 */
import { prng, randomTools } from '../../../platform/scripts/demo-random.ts';

type Rec = Record<string, unknown>;

const SEED = 20261205;
const ref = (key: string) => ({ $key: key });

interface Plan {
  key: string;
  name: string;
  channel: 'email' | 'sms';
  subject?: string;
  body: string;
  tags: string[];
  rate: number;
  /** When sending started (UTC); none for a draft. */
  start?: string;
}

const PLANS: Plan[] = [
  {
    key: 'mailing_1', name: '2026 春季糖酒会招展邀请', channel: 'email', subject: '{{company}}：诚邀参加 2026 春季全国糖酒商品交易会',
    body: '尊敬的{{name}}：\n\n2026 春季全国糖酒商品交易会将于 3 月在成都举办，诚邀{{company}}参展。老展商续订期内可优先保留原展位。\n\n华夏会展 展会事业部',
    tags: ['参展联系人', '现场对接'], rate: 60, start: '2026-01-12T02:00:00.000Z',
  },
  {
    key: 'mailing_2', name: '2026 秋季展布展提醒（短信）', channel: 'sms', body: '{{name}}您好：秋季糖酒会布展时间为 10 月 14–15 日，请凭展商证入场。【华夏会展】',
    tags: ['现场对接'], rate: 120, start: '2026-10-08T01:30:00.000Z',
  },
  {
    key: 'mailing_3', name: '2027 春季展早鸟招展', channel: 'email', subject: '2027 春季糖酒会早鸟价开放：{{company}}可享优先选位',
    body: '尊敬的{{name}}：\n\n2027 春季糖酒会展位预订已开放，11 月 30 日前确认可享早鸟价。\n\n华夏会展 展会事业部',
    tags: ['参展联系人'], rate: 60, start: '2026-11-10T02:00:00.000Z',
  },
  {
    key: 'mailing_4', name: '2027 春季展会刊征稿', channel: 'email', subject: '2027 春季糖酒会会刊征稿：{{company}}',
    body: '尊敬的{{name}}：\n\n会刊征稿已开始，请于 2 月 1 日前提交企业简介与产品图片。\n\n华夏会展 市场中心',
    tags: ['会刊订阅'], rate: 60,
  },
];

const REPLIES = ['收到，我们会按时参展，请把展位图发给我。', '今年考虑扩大展位面积，请销售联系我。', '请问早鸟价截止日期能否延后一周？', '已转给市场部同事处理，谢谢。', '我们今年预算有限，暂不参展。'];

export interface DemoMailings {
  campaigns: Rec[];
  recipients: Rec[];
  events: Rec[];
}

const at = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();

/** Builds the mailings from the demo's contacts, and gives the contacts the bounce scores and do-not-contact flags their outcomes imply. */
export function demoMailings(contacts: Rec[], owner: string): DemoMailings {
  const r = randomTools(prng(SEED));
  const campaigns: Rec[] = [];
  const recipients: Rec[] = [];
  const events: Rec[] = [];
  /** Contacts whose e-mail status a sent mailing already explains. */
  const explained = new Set<string>();
  let replies = 0;

  for (const plan of PLANS) {
    const counts = { total_count: 0, sent_count: 0, failed_count: 0, bounced_count: 0, replied_count: 0, unsubscribed_count: 0, skipped_count: 0 };
    const members = contacts.filter((c) => (c.tags as string[]).some((t) => plan.tags.includes(t)));
    let queued = 0;
    for (const contact of members) {
      if (!plan.start) break;
      const key = String(contact.$key);
      const status = String(contact.email_status);
      const row: Rec = { $key: `${plan.key}_${key}`, $owner: owner, $createdAt: plan.start, campaign: ref(plan.key), contact: ref(key), address: plan.channel === 'email' ? contact.email : contact.mobile };
      counts.total_count++;
      const skip = (reason: string) => {
        recipients.push({ ...row, status: 'skipped', skip_reason: reason });
        counts.skipped_count++;
      };
      const disabled = plan.channel === 'sms' ? contact.do_not_contact === true : explained.has(key) && status !== 'valid' && status !== 'soft_bouncing';
      if (disabled) {
        skip(status === 'invalid' ? 'invalid' : status === 'unsubscribed' ? 'unsubscribed' : 'do_not_contact');
        continue;
      }
      const batch = Math.floor(queued++ / plan.rate);
      const sentAt = at(plan.start, batch + r.int(0, 50) / 60);
      const sent = { ...row, batch, due_at: at(plan.start, batch), sent_at: sentAt };
      const event = (kind: string, minutes: number, extra: Rec = {}) => events.push({ $key: `${String(row.$key)}_${kind}`, $owner: owner, $createdAt: at(sentAt, minutes), recipient: ref(String(row.$key)), campaign: ref(plan.key), contact: ref(key), kind, received_at: at(sentAt, minutes), ...extra });
      if (plan.channel === 'email' && !explained.has(key) && status !== 'valid') {
        explained.add(key);
        counts.sent_count++;
        if (status === 'invalid') {
          recipients.push({ ...sent, status: 'bounced_hard', last_event: 'hard_bounce 5.1.1: 550 5.1.1 Recipient address rejected: User unknown' });
          event('hard_bounce', r.int(1, 20), { status_code: '5.1.1', subject: 'Undelivered Mail Returned to Sender', summary: '5.1.1 smtp; 550 5.1.1 Recipient address rejected: User unknown' });
          contact.do_not_contact = true;
          counts.bounced_count++;
        } else if (status === 'soft_bouncing') {
          recipients.push({ ...sent, status: 'bounced_soft', last_event: 'soft_bounce 4.2.2: 452 4.2.2 Mailbox full' });
          event('soft_bounce', r.int(5, 60), { status_code: '4.2.2', subject: '系统退信', summary: '4.2.2 smtp; 452 4.2.2 Mailbox full' });
          contact.bounce_score = Number(contact.bounce_score ?? 0) + 1;
          counts.bounced_count++;
        } else {
          recipients.push({ ...sent, status: 'unsubscribed', last_event: 'unsubscribe' });
          event('unsubscribe', r.int(30, 600));
          counts.unsubscribed_count++;
        }
        continue;
      }
      if (plan.channel === 'email' && status === 'soft_bouncing') {
        // A second soft bounce: the score rises, still under the threshold of 3.
        recipients.push({ ...sent, status: 'bounced_soft', last_event: 'soft_bounce 4.2.2: 452 4.2.2 Mailbox full' });
        event('soft_bounce', r.int(5, 60), { status_code: '4.2.2', subject: '系统退信', summary: '4.2.2 smtp; 452 4.2.2 Mailbox full' });
        contact.bounce_score = Number(contact.bounce_score ?? 0) + 1;
        counts.sent_count++;
        counts.bounced_count++;
        continue;
      }
      if (plan.channel === 'sms' && r.chance(0.02)) {
        recipients.push({ ...row, batch, due_at: at(plan.start, batch), status: 'failed', error: 'absent subscriber', last_event: 'undelivered: failed' });
        event('undelivered', 2, { status_code: 'failed', summary: 'absent subscriber' });
        counts.failed_count++;
        continue;
      }
      counts.sent_count++;
      if (plan.channel === 'email' && r.chance(0.06)) {
        const words = REPLIES[replies++ % REPLIES.length];
        const minutes = r.int(20, 2 * 24 * 60);
        recipients.push({ ...sent, status: 'replied', replied_at: at(sentAt, minutes), last_event: `reply: ${words}` });
        event('reply', minutes, { subject: `回复：${plan.name}`, summary: words });
        counts.replied_count++;
        continue;
      }
      recipients.push({ ...sent, status: 'sent' });
    }
    const last = recipients.filter((x) => (x.campaign as { $key: string }).$key === plan.key && x.sent_at).map((x) => String(x.sent_at)).sort().pop();
    campaigns.push({
      $key: plan.key, $owner: owner, $createdAt: plan.start ? at(plan.start, -3 * 24 * 60) : '2026-11-28T03:00:00.000Z', name: plan.name, channel: plan.channel,
      ...(plan.subject ? { subject: plan.subject } : {}), body_text: plan.body, tags: plan.tags, rate_per_minute: plan.rate,
      status: plan.start ? 'sent' : 'draft', ...(plan.start ? { started_at: plan.start, finished_at: last ?? plan.start } : {}), ...counts,
    });
  }
  return { campaigns, recipients, events };
}
