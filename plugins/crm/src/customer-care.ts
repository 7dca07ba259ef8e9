import type { Notify, RecordData, RecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { everyRecord } from './every-record.ts';

export const CUSTOMER_CARE_JOB = 'customer_care';
/** Every morning at 08:00 in China (00:00 UTC). */
export const CUSTOMER_CARE_CRON = '0 0 * * *';

/** The calendar day in China, where the customers are: YYYY-MM-DD and month * 100 + day. */
export function careDay(now: Date): { date: string; monthDay: number } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [, month, day] = date.split('-').map(Number);
  return { date, monthDay: month * 100 + day };
}

/** Who looks after a contact: its owner, else its account's owner. */
async function caretaker(contact: RecordData, system: RecordService, accountOwners: Map<string, string | null>): Promise<string | null> {
  if (contact._owner) return String(contact._owner);
  const account = contact.account ? String(contact.account) : null;
  if (!account) return null;
  if (!accountOwners.has(account)) accountOwners.set(account, ((await system.get('account', account))._owner as string | null) ?? null);
  return accountOwners.get(account) ?? null;
}

/**
 * Customer care (R18): each morning, the owners of key contacts whose birthday is today get a
 * reminder per contact, and on a care holiday one reminder listing their key contacts to greet.
 */
export async function remindCustomerCare(now: Date, system: RecordService, notify: Notify): Promise<{ birthdays: number; holidayReminders: number }> {
  const { date, monthDay } = careDay(now);
  const accountOwners = new Map<string, string | null>();
  const birthdays: RecordData[] = [];
  await everyRecord(system, 'contact', { key_contact: { $eq: true }, birthday_md: { $eq: monthDay } }, (c) => { birthdays.push(c); });
  for (const contact of birthdays) {
    const owner = await caretaker(contact, system, accountOwners);
    if (!owner) continue;
    await notify([owner], { en: `Today is the birthday of ${String(contact.name)}: send your wishes.`, 'zh-CN': `今天是 ${String(contact.name)} 的生日，请送上祝福。` }, { object: 'contact', id: String(contact.id) });
  }
  const holidays = (await system.list('care_holiday', { filter: { day: { $eq: date } } })).data;
  let holidayReminders = 0;
  if (holidays.length) {
    const byOwner = new Map<string, RecordData[]>();
    const keyContacts: RecordData[] = [];
    await everyRecord(system, 'contact', { key_contact: { $eq: true } }, (c) => { keyContacts.push(c); });
    for (const contact of keyContacts) {
      const owner = await caretaker(contact, system, accountOwners);
      if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), contact]);
    }
    for (const holiday of holidays) {
      for (const [owner, contacts] of byOwner) {
        const names = contacts.slice(0, 10).map((c) => String(c.name)).join(', ') + (contacts.length > 10 ? ' …' : '');
        await notify([owner], {
          en: `${String(holiday.name)}: greet your ${contacts.length} key contacts (${names}).`,
          'zh-CN': `${String(holiday.name)}：请问候您的 ${contacts.length} 位关键联系人（${names}）。`,
        }, { object: 'care_holiday', id: String(holiday.id) });
        holidayReminders++;
      }
    }
  }
  return { birthdays: birthdays.length, holidayReminders };
}
