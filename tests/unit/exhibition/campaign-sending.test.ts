import { describe, expect, it } from 'vitest';
import { campaignCounts } from '../../../plugins/exhibition/src/campaigns/campaign-counts.ts';
import { campaignSettings } from '../../../plugins/exhibition/src/campaigns/campaign-settings.ts';
import { mergeFields } from '../../../plugins/exhibition/src/campaigns/merge-fields.ts';
import { composeEmail } from '../../../plugins/exhibition/src/campaigns/send-batch.ts';
import { planBatches } from '../../../plugins/exhibition/src/campaigns/send-plan.ts';
import { addressOf, recipientFilter } from '../../../plugins/exhibition/src/campaigns/start-campaign.ts';
import { numberForms } from '../../../plugins/exhibition/src/campaigns/sms-reply.ts';

const values = { name: 'Li <Lei>', company: 'Moutai & Co', title: 'Buyer' };

describe('planBatches', () => {
  it('puts the rate in each batch, one window apart', () => {
    const start = new Date('2027-03-01T08:00:00Z');
    const plan = planBatches(5, 2, start, 60);
    expect(plan.map((p) => p.batch)).toEqual([0, 0, 1, 1, 2]);
    expect(plan.map((p) => p.dueAt.toISOString())).toEqual(['2027-03-01T08:00:00.000Z', '2027-03-01T08:00:00.000Z', '2027-03-01T08:01:00.000Z', '2027-03-01T08:01:00.000Z', '2027-03-01T08:02:00.000Z']);
    expect(planBatches(3, 0, start, 60).map((p) => p.batch)).toEqual([0, 1, 2]);
    expect(planBatches(0, 10, start, 60)).toEqual([]);
  });
});

describe('merge fields', () => {
  it('fill text as is and escape values in HTML', () => {
    expect(mergeFields('Dear {{name}} ({{ title }}) of {{company}}; {{unknown}}', values)).toBe('Dear Li <Lei> (Buyer) of Moutai & Co; {{unknown}}');
    expect(mergeFields('<p>{{name}} of {{company}}</p>', values, true)).toBe('<p>Li &lt;Lei&gt; of Moutai &amp; Co</p>');
  });

  it('give each e-mail its subject, text, HTML and an unsubscribe footer', () => {
    const mail = composeEmail({ subject: 'For {{name}}', body_text: 'Hello {{company}}', body_html: '<b>{{name}}</b>' }, values, 'https://crm.example.test/u/x');
    expect(mail.subject).toBe('For Li <Lei>');
    expect(mail.text).toBe('Hello Moutai & Co\n\n--\nUnsubscribe / 退订: https://crm.example.test/u/x\n');
    expect(mail.html).toContain('<b>Li &lt;Lei&gt;</b>');
    expect(mail.html).toContain('href="https://crm.example.test/u/x"');
    expect(composeEmail({ subject: 's', body_text: 't' }, values, 'u').html).toBeUndefined();
  });
});

describe('recipients', () => {
  it('are skipped with the reason when they must not or cannot be reached', () => {
    expect(addressOf({ email: 'a@x.test', email_status: 'valid' }, 'email')).toEqual({ address: 'a@x.test' });
    expect(addressOf({ email: 'a@x.test', do_not_contact: true }, 'email')).toMatchObject({ skip: 'do_not_contact' });
    expect(addressOf({ email: 'a@x.test', email_status: 'unsubscribed' }, 'email')).toMatchObject({ skip: 'unsubscribed' });
    expect(addressOf({ email: 'a@x.test', email_status: 'invalid' }, 'email')).toMatchObject({ skip: 'invalid' });
    expect(addressOf({ email: ' ' }, 'email')).toMatchObject({ skip: 'no_address' });
    // An invalid e-mail does not stop an SMS.
    expect(addressOf({ mobile: '13800138000', email_status: 'invalid' }, 'sms')).toEqual({ address: '13800138000' });
    expect(addressOf({ phone: '023-1234' }, 'sms')).toEqual({ address: '023-1234' });
  });

  it('are found by the filter and any of the tags', () => {
    expect(recipientFilter({ recipient_filter: { 'account.is_exhibitor': true }, tags: ['vip', 'liquor'] })).toEqual({ $and: [{ 'account.is_exhibitor': true }, { tags: { $in: ['vip', 'liquor'] } }] });
    expect(recipientFilter({ recipient_filter: null, tags: [] })).toEqual({});
  });

  it('count a message as sent whatever came back after', () => {
    expect(campaignCounts({ queued: 1, sending: 0, sent: 2, failed: 1, bounced_hard: 1, bounced_soft: 1, replied: 1, unsubscribed: 1, skipped: 2 })).toEqual({
      total_count: 10, sent_count: 6, failed_count: 1, bounced_count: 2, replied_count: 1, unsubscribed_count: 1, skipped_count: 2,
    });
  });
});

describe('settings', () => {
  it('take the return domain from MAIL_FROM unless configured, and fall back on bad numbers', () => {
    expect(campaignSettings({}, 'fair@example.test')).toMatchObject({ bounceDomain: 'example.test', windowSeconds: 60, softBounceThreshold: 3, softBouncePoints: 1, inboundSmtpPort: null, inboundSmtpHost: '127.0.0.1', inboundSecret: null });
    expect(campaignSettings({ bounce_domain: 'b.example.test', public_url: 'https://crm.test/', soft_bounce_threshold: 'x', inbound_smtp_port: '2525' }, 'f@e.test')).toMatchObject({ bounceDomain: 'b.example.test', publicUrl: 'https://crm.test', softBounceThreshold: 3, inboundSmtpPort: 2525 });
  });
});

describe('numberForms', () => {
  it('matches a mobile number with or without the country code and separators', () => {
    expect(numberForms('+86 138 0013 8001')).toEqual(['+86 138 0013 8001', '+8613800138001', '13800138001']);
    expect(numberForms('13800138001')).toEqual(['13800138001', '+8613800138001']);
  });
});
