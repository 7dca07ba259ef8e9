import type { MailService, OutgoingMail, PluginLogger, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { everyPage } from '../../../platform/src/plugins/plugin-api.ts';

export const RENEWAL_WORKFLOW = 'subscription_renewal';
const DEFAULT_NOTICE_DAYS = 30;
const DAY = 86_400_000;

export interface RenewalTools {
  system: SystemRecordService;
  log: PluginLogger;
  mail: Pick<MailService, 'queue'>;
}

export interface RenewalRun {
  date: string;
  offered: number;
  expired: number;
  mailed: number;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY));

async function all(system: SystemRecordService, object: string, filter: unknown, fields?: string[]): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  for await (const page of everyPage(system, object, { filter, ...(fields ? { fields } : {}) })) rows.push(...page.data);
  return rows;
}

/** Subscriptions whose period ended before `date` and that are not yet marked so. */
async function expireEnded(date: string, system: SystemRecordService): Promise<number> {
  const ended = await all(system, 'journal_subscription', { status: { $in: ['active', 'expiring'] }, ends_on: { $lt: date } }, ['id']);
  if (ended.length) await system.updateMany('journal_subscription', ended.map((s) => ({ id: String(s.id), values: { status: 'expired' } })));
  return ended.length;
}

function offerMail(subscription: RecordData, journal: RecordData, to: string): OutgoingMail {
  const title = String(journal.title);
  const ends = String(subscription.ends_on);
  return {
    to,
    subject: `《${title}》订阅续订 / Renewing your subscription to ${title}`,
    text: [
      `您订阅的《${title}》（${subscription.copies} 份）将于 ${ends} 到期。如需继续订阅，请回复本邮件或联系您的客户经理。`,
      '',
      `Your subscription to ${title} (${subscription.copies} copies) ends on ${ends}. To renew it, reply to this mail or call your account manager.`,
    ].join('\n'),
  };
}

/** The contact's address for a mail, unless they asked not to be contacted or it is invalid. */
async function contactAddress(contactId: unknown, system: SystemRecordService): Promise<string | null> {
  if (!contactId) return null;
  const contact = await system.get('contact', String(contactId));
  if (!contact.email || contact.do_not_contact === true || ['invalid', 'unsubscribed'].includes(String(contact.email_status))) return null;
  return String(contact.email);
}

/**
 * One subscription's renewal offer: the `subscription_renewal` workflow starts (its entry marks the
 * subscription expiring and tells the account's owner, in-app and by mail; the owner's task is to
 * record the customer's answer), and the contact gets a mail when mail is configured. A subscription
 * whose account has no active owner still becomes `expiring`, and the run goes on.
 */
async function offer(subscription: RecordData, journal: RecordData, date: string, tools: RenewalTools): Promise<boolean> {
  const { system } = tools;
  await system.update('journal_subscription', String(subscription.id), { _version: subscription._version, renewal_offered_on: date });
  try {
    await system.submit('journal_subscription', String(subscription.id), { workflow: RENEWAL_WORKFLOW });
  } catch (err) {
    tools.log.warn({ err, subscription: subscription.id }, 'renewal offer without a workflow: the account has no active owner');
    const current = await system.get('journal_subscription', String(subscription.id));
    await system.update('journal_subscription', String(subscription.id), { _version: current._version, status: 'expiring' });
  }
  const to = await contactAddress(subscription.contact, system);
  return to ? tools.mail.queue(offerMail(subscription, journal, to)) : false;
}

/**
 * The daily renewal run as on `date`: subscriptions past their end become `expired`; active ones ending
 * within their journal's `renewal_notice_days` (30 by default) and not yet offered get their offer.
 * Running it again the same day, or twice at once, offers nothing twice (`renewal_offered_on`, and at
 * most one running workflow per record).
 */
export async function runRenewals(date: string, tools: RenewalTools): Promise<RenewalRun> {
  const { system } = tools;
  const expired = await expireEnded(date, system);
  let offered = 0;
  let mailed = 0;
  for (const journal of await all(system, 'journal', {})) {
    const notice = Number(journal.renewal_notice_days ?? DEFAULT_NOTICE_DAYS);
    const due = await all(system, 'journal_subscription', {
      journal: String(journal.id), status: 'active', renewal_offered_on: { $null: true }, ends_on: { $gte: date, $lte: addDays(date, notice) },
    });
    for (const subscription of due) {
      if (await offer(subscription, journal, date, tools)) mailed++;
      offered++;
    }
  }
  return { date, offered, expired, mailed };
}

/**
 * The workflow action of `renewed`: the same subscription for the period that follows, as long as
 * the one it renews (`renewal_of` points back). It runs once: the workflow ends in `renewed` once.
 */
export async function renewSubscription(id: string, system: SystemRecordService): Promise<void> {
  const old = await system.get('journal_subscription', id);
  const starts = addDays(String(old.ends_on), 1);
  await system.create('journal_subscription', {
    account: old.account, contact: old.contact ?? null, journal: old.journal, copies: old.copies, price: old.price ?? null, address: old.address ?? null,
    starts_on: starts, ends_on: nextPeriodEnd(String(old.starts_on), String(old.ends_on)), status: 'active', renewal_of: id,
  });
}

/**
 * The end of the period after [starts, ends]: as many whole months when the period is whole months
 * (a year from 1 April ends on 31 March, leap years or not), else as many days.
 */
export function nextPeriodEnd(starts: string, ends: string): string {
  const next = addDays(ends, 1);
  const [sy, sm, sd] = starts.split('-').map(Number);
  const [ny, nm, nd] = next.split('-').map(Number);
  if (sd !== nd) return addDays(next, Math.round((Date.parse(ends) - Date.parse(starts)) / DAY));
  const months = (ny - sy) * 12 + (nm - sm);
  const total = ny * 12 + nm - 1 + months;
  const end = new Date(Date.UTC(Math.floor(total / 12), total % 12, nd));
  return addDays(isoDay(end), -1);
}
