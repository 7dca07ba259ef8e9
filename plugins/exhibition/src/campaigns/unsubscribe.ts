import type { RecordData, SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { updateFresh } from '../update-fresh.ts';
import { refreshCounts } from './campaign-counts.ts';
import { UNSUBSCRIBE_PAGE } from './campaign-texts.ts';
import { recipientByToken } from './find-recipient.ts';
import { escapeHtml } from './merge-fields.ts';

type PageLanguage = keyof typeof UNSUBSCRIBE_PAGE;

/** The page's language from the browser's Accept-Language: Chinese first if it asks for it first. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_m, k: string) => escapeHtml(values[k] ?? ''));

/** A tiny page, no script, no outside resources. */
export function unsubscribePage(lang: PageLanguage, body: string): string {
  const words = UNSUBSCRIBE_PAGE[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${words.title}</title>`
    + '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#303133}button{font-size:1rem;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#409eff;color:#fff}</style>'
    + `</head><body><h1>${words.title}</h1>${body}</body></html>`;
}

export function askPage(lang: PageLanguage, recipient: RecordData, campaignName: string, action: string): string {
  const words = UNSUBSCRIBE_PAGE[lang];
  const values = { campaign: campaignName, address: String(recipient.address ?? '') };
  return unsubscribePage(lang, `<p>${fill(words.ask, values)}</p><form method="post" action="${escapeHtml(action)}"><button type="submit">${words.button}</button></form>`);
}

export function donePage(lang: PageLanguage, recipient: RecordData): string {
  return unsubscribePage(lang, `<p>${fill(UNSUBSCRIBE_PAGE[lang].done, { address: String(recipient.address ?? '') })}</p>`);
}

export function invalidPage(lang: PageLanguage): string {
  return unsubscribePage(lang, `<p>${UNSUBSCRIBE_PAGE[lang].invalid}</p>`);
}

/** The recipient and its mailing's name for a token, or null. */
export async function unsubscribeTarget(token: string, system: SystemRecordService): Promise<{ recipient: RecordData; campaignName: string } | null> {
  const recipient = await recipientByToken(token, system);
  if (!recipient) return null;
  const campaign = await system.get('message_campaign', String(recipient.campaign));
  return { recipient, campaignName: String(campaign.name ?? '') };
}

/**
 * The unsubscribe (a click on the page, or an RFC 8058 one-click POST): the recipient is unsubscribed,
 * and the contact gets no more mailings on the channel (e-mail status unsubscribed; for SMS, do not
 * contact). Doing it twice changes nothing more.
 */
export async function unsubscribe(recipient: RecordData, channel: 'email' | 'sms', system: SystemRecordService, now = new Date()): Promise<void> {
  const id = String(recipient.id);
  let changed = false;
  await updateFresh('campaign_recipient', id, system, (current) => {
    if (current.status === 'unsubscribed') return null;
    changed = true;
    return { status: 'unsubscribed', last_event: 'unsubscribe' };
  });
  await updateFresh('contact', String(recipient.contact), system, (current) => {
    if (channel === 'sms') return current.do_not_contact === true ? null : { do_not_contact: true };
    return current.email_status === 'unsubscribed' ? null : { email_status: 'unsubscribed' };
  });
  if (!changed) return;
  await system.create('campaign_event', { recipient: id, campaign: String(recipient.campaign), contact: String(recipient.contact), kind: 'unsubscribe', received_at: now.toISOString() });
  await refreshCounts(String(recipient.campaign), system);
}
