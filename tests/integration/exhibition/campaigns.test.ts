import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';
import { startSmtpSink, type SinkMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { deliverTo, dsn, freePort, reply, startSmsProvider } from './campaign-fixtures.ts';

// Issue 15 item 7 (R26): mailings by e-mail and SMS to contacts by filter and tags, sent as jobs at a
// rate, with per-recipient return addresses (VERP) so that bounces and replies map to the recipient;
// hard bounces disable the contact at once, soft bounces add up; unsubscribe links are honoured.

let t: TestApp;
let director: ApiClient;
let sales: ApiClient;
let sink: SmtpSink;
let sms: Awaited<ReturnType<typeof startSmsProvider>>;
let inboundPort: number;
const API = '/api/plugins/exhibition';
const SECRET = 'inbound-secret-1234';
const WINDOW = 2;
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const VERP = /^bounce\+([0-9a-f]{32})@bounces\.example\.test$/;

async function create(object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.admin.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}
let buyer: Record<string, any>;
/** A contact of the default buyer account unless another is given. */
const person = (values: Record<string, unknown>) => create('contact', { account: buyer.id, ...values });
const contact = async (id: string) => (await t.admin.get(`/api/records/contact/${id}`)).body;
const recipients = async (campaign: string) => (await t.admin.get(`/api/records/campaign_recipient?filter=${q({ campaign })}&sort=id&limit=500`)).body.data as Record<string, any>[];
const recipientOf = async (campaign: string, contactId: string) => (await recipients(campaign)).find((r) => r.contact === contactId)!;
const progress = async (campaign: string) => (await director.get(`${API}/campaigns/${campaign}/progress`)).body;
const mailsTo = (address: string): SinkMail[] => sink.mails.filter((m) => m.to.includes(address));
const tokenOf = (mail: SinkMail) => VERP.exec(mail.from)![1];

async function campaign(values: Record<string, unknown>): Promise<string> {
  return String((await create('message_campaign', { channel: 'email', subject: 'Spring fair invitation for {{name}}', body_text: 'Dear {{name}} of {{company}}, you are invited.', rate_per_minute: 100, ...values })).id);
}
async function send(id: string, who = director) {
  const res = await who.post(`${API}/campaigns/${id}/send`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const finished = (id: string) => eventually(() => progress(id), (p) => p.status === 'sent', 30_000);

beforeAll(async () => {
  sink = await startSmtpSink({ unfoldHeaders: true });
  sms = await startSmsProvider();
  inboundPort = await freePort();
  t = await startTestApp({
    config: { jobPollingSeconds: 0.5, smtpUrl: `smtp://127.0.0.1:${sink.port}`, mailFrom: 'Spring Fair <fair@example.test>' },
    env: {
      TESSERA_EXHIBITION_BOUNCE_DOMAIN: 'bounces.example.test',
      TESSERA_EXHIBITION_PUBLIC_URL: 'https://crm.example.test',
      TESSERA_EXHIBITION_INBOUND_SMTP_PORT: String(inboundPort),
      TESSERA_EXHIBITION_INBOUND_SECRET: SECRET,
      TESSERA_EXHIBITION_SMS_URL: sms.url,
      TESSERA_EXHIBITION_SOFT_BOUNCE_THRESHOLD: '3',
      TESSERA_EXHIBITION_CAMPAIGN_WINDOW_SECONDS: String(WINDOW),
    },
  });
  expect((await t.admin.post('/api/packs/exhibition/install?demo=false')).status).toBe(200);
  const dept = (await t.admin.post('/api/admin/departments', { name: 'Fair office' })).body.id;
  for (const [username, role] of [['mail.director', 'exhibition_director'], ['mail.sales', 'exhibition_sales']]) {
    const res = await t.admin.post('/api/admin/users', { username, password: PASSWORD, name: username, roles: [role], department: String(dept) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  buyer = await create('account', { name: 'Buyers Ltd' });
  director = await t.login('mail.director', PASSWORD);
  sales = await t.login('mail.sales', PASSWORD);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
  await sms?.close();
});

describe('an e-mail mailing to a local SMTP sink', () => {
  it('sends with VERP return addresses; a hard bounce disables the contact and a reply is recorded', async () => {
    const account = await create('account', { name: 'Moutai Group' });
    const ana = await person({ name: 'Ana', email: 'ana@buyers.test', account: account.id, tags: ['vip'] });
    const bo = await person({ name: 'Bo', email: 'bo@buyers.test', account: account.id, tags: ['vip', 'liquor'] });
    const cy = await person({ name: 'Cy', email: 'cy@buyers.test', tags: ['vip'] });
    const blocked = await person({ name: 'Dee', email: 'dee@buyers.test', tags: ['vip'], do_not_contact: true });
    const invalid = await person({ name: 'Eve', email: 'eve@buyers.test', tags: ['vip'], email_status: 'invalid' });
    const none = await person({ name: 'Fay', tags: ['vip'] });
    await person({ name: 'Gus', email: 'gus@buyers.test', tags: ['other'] });
    const id = await campaign({ name: 'VIP invitation', tags: ['vip'], body_html: '<p>Dear <b>{{name}}</b></p>' });

    const refused = await sales.post(`${API}/campaigns/${id}/send`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('You are not permitted to send this mailing.');
    expect((await send(id)).status).toBe('sending');
    const again = await director.post(`${API}/campaigns/${id}/send`);
    expect(again.status).toBe(409);

    await eventually(async () => sink.mails.length, () => ['ana', 'bo', 'cy'].every((n) => mailsTo(`${n}@buyers.test`).length === 1));
    expect(mailsTo('gus@buyers.test')).toHaveLength(0);
    const skipped = Object.fromEntries((await recipients(id)).filter((r) => r.status === 'skipped').map((r) => [r.contact, r.skip_reason]));
    expect(skipped).toEqual({ [blocked.id]: 'do_not_contact', [invalid.id]: 'invalid', [none.id]: 'no_address' });

    const anaMail = mailsTo('ana@buyers.test')[0];
    expect(anaMail.from).toMatch(VERP);
    const anaToken = tokenOf(anaMail);
    expect(anaMail.data).toContain(`Reply-To: reply+${anaToken}@bounces.example.test`);
    expect(anaMail.data).toContain(`List-Unsubscribe: <https://crm.example.test/api/plugins/exhibition/unsubscribe/${anaToken}>`);
    expect(anaMail.data).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(anaMail.data).toContain('Subject: Spring fair invitation for Ana');
    expect(anaMail.data).toContain('Dear Ana of Moutai Group, you are invited.');
    expect(anaMail.data).toContain('<b>Ana</b>');
    expect(anaMail.data).toContain('From: Spring Fair <fair@example.test>');
    expect(new Set(sink.mails.slice(-3).map(tokenOf)).size).toBe(3);
    // Only the token's hash is stored.
    expect(JSON.stringify(await recipients(id))).not.toContain(anaToken);

    await deliverTo(inboundPort, `bounce+${anaToken}@bounces.example.test`, dsn(`bounce+${anaToken}@bounces.example.test`, 'ana@buyers.test', '5.1.1'));
    const disabled = await eventually(() => contact(ana.id), (c) => c.do_not_contact === true);
    expect(disabled).toMatchObject({ do_not_contact: true, email_status: 'invalid' });
    expect((await recipientOf(id, ana.id)).status).toBe('bounced_hard');

    const boToken = tokenOf(mailsTo('bo@buyers.test')[0]);
    await deliverTo(inboundPort, `reply+${boToken}@bounces.example.test`, reply(`reply+${boToken}@bounces.example.test`, 'bo@buyers.test', "Yes, we'll come with two colleagues."));
    const replied = await eventually(() => recipientOf(id, bo.id), (r) => r.status === 'replied');
    expect(replied.status).toBe('replied');
    expect(replied.replied_at).toBeTruthy();
    const events = (await t.admin.get(`/api/records/campaign_event?filter=${q({ recipient: replied.id })}`)).body.data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'reply', summary: "Yes, we'll come with two colleagues." });
    const activities = (await t.admin.get(`/api/records/activity?filter=${q({ contact: bo.id })}`)).body.data;
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ kind: 'log', account: account.id, subject: 'Reply to a mailing: Re: Spring fair invitation', notes: "Yes, we'll come with two colleagues." });
    expect((await contact(bo.id)).do_not_contact).not.toBe(true);

    // Mail for any other address is refused by the listener.
    await expect(deliverTo(inboundPort, 'someone@bounces.example.test', reply('someone@bounces.example.test', 'x@example.test', 'hi'))).rejects.toThrow();

    const done = await finished(id);
    expect(done).toMatchObject({ status: 'sent', total: 6, sent: 3, bounced: 1, replied: 1, skipped: 3, failed: 0, queued: 0 });
    expect((await recipientOf(id, cy.id)).status).toBe('sent');
    const record = (await director.get(`/api/records/message_campaign/${id}`)).body;
    expect(record).toMatchObject({ total_count: 6, sent_count: 3, bounced_count: 1, replied_count: 1, skipped_count: 3 });
  });

  it('scores soft bounces from the webhook and disables the contact past the threshold; an automatic reply changes nothing', async () => {
    const soft = await person({ name: 'Soft', email: 'soft@buyers.test', tags: ['soft'] });
    const id = await campaign({ name: 'Soft', tags: ['soft'] });
    await send(id);
    const mail = (await eventually(async () => mailsTo('soft@buyers.test'), (m) => m.length === 1))[0];
    const bounce = `bounce+${tokenOf(mail)}@bounces.example.test`;
    const post = (raw: string, secret = SECRET) => t.client().post(`${API}/inbound/mail`, { to: [bounce], raw }, { 'x-tessera-secret': secret });

    const wrong = await post(dsn(bounce, 'soft@buyers.test', '4.2.2'), 'not-the-secret');
    expect(wrong.status).toBe(403);
    expect((await contact(soft.id)).bounce_score).toBe(0);

    const auto = await post(['From: soft@buyers.test', `To: ${bounce}`, 'Subject: Automatic reply: Spring fair', 'Auto-Submitted: auto-replied', '', 'I am out of the office until Monday.', ''].join('\r\n'));
    expect(auto.body).toMatchObject({ kind: 'auto_reply', matched: true });
    expect((await contact(soft.id))).toMatchObject({ bounce_score: 0, email_status: 'valid' });

    const first = await post(dsn(bounce, 'soft@buyers.test', '4.2.2'));
    expect(first.body).toMatchObject({ kind: 'soft_bounce', matched: true });
    expect(await contact(soft.id)).toMatchObject({ bounce_score: 1, email_status: 'soft_bouncing' });
    expect((await recipientOf(id, soft.id)).status).toBe('bounced_soft');
    await post(dsn(bounce, 'soft@buyers.test', '4.2.2'));
    expect(await contact(soft.id)).toMatchObject({ bounce_score: 2, email_status: 'soft_bouncing' });
    expect((await contact(soft.id)).do_not_contact).not.toBe(true);
    await post(dsn(bounce, 'soft@buyers.test', '4.2.2'));
    expect(await contact(soft.id)).toMatchObject({ bounce_score: 3, email_status: 'invalid', do_not_contact: true });
    const kinds = (await t.admin.get(`/api/records/campaign_event?filter=${q({ contact: soft.id })}&sort=id`)).body.data.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['auto_reply', 'soft_bounce', 'soft_bounce', 'soft_bounce']);

    const bad = await post('');
    expect(bad.status).toBe(400);
    const unknown = await t.client().post(`${API}/inbound/mail`, { to: ['bounce+00000000000000000000000000000000@bounces.example.test'], raw: dsn('x', 'y@example.test', '5.1.1') }, { 'x-tessera-secret': SECRET });
    expect(unknown.body).toMatchObject({ kind: 'hard_bounce', matched: false });
  });
});

describe('the rate', () => {
  it('plans batches of the rate one window apart and sends no batch before it is due', async () => {
    for (const name of ['R1', 'R2', 'R3', 'R4', 'R5']) await person({ name, email: `${name.toLowerCase()}@rate.test`, tags: ['rate'] });
    const id = await campaign({ name: 'Rate', tags: ['rate'], rate_per_minute: 2 });
    await send(id);
    await finished(id);
    const rows = (await recipients(id)).sort((a, b) => a.batch - b.batch || Number(a.id) - Number(b.id));
    expect(rows.map((r) => r.batch)).toEqual([0, 0, 1, 1, 2]);
    const dueAt = [0, 1, 2].map((b) => Date.parse(rows.find((r) => r.batch === b)!.due_at));
    expect(dueAt[1] - dueAt[0]).toBe(WINDOW * 1000);
    expect(dueAt[2] - dueAt[1]).toBe(WINDOW * 1000);
    for (const r of rows) {
      expect(r.status).toBe('sent');
      expect(Date.parse(r.sent_at)).toBeGreaterThanOrEqual(Date.parse(r.due_at));
    }
    // No window of the rate's length holds more than the rate.
    const sentAt = rows.map((r) => Date.parse(r.sent_at)).sort((a, b) => a - b);
    for (let i = 0; i + 2 < sentAt.length; i++) expect(sentAt[i + 2] - sentAt[i]).toBeGreaterThanOrEqual(WINDOW * 1000);
  });
});

describe('unsubscribing', () => {
  it('honours an RFC 8058 one-click POST without login, and shows the page in the reader\'s language', async () => {
    const una = await person({ name: 'Una', email: 'una@buyers.test', tags: ['unsub'] });
    const id = await campaign({ name: 'Unsubscribe me', tags: ['unsub'] });
    await send(id);
    const mail = (await eventually(async () => mailsTo('una@buyers.test'), (m) => m.length === 1))[0];
    const url = /List-Unsubscribe: <https:\/\/crm\.example\.test(\/api\/[^>]+)>/.exec(mail.data)![1];

    const page = await t.client().raw(url, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('不再向 una@buyers.test 发送类似“Unsubscribe me”的群发邮件？');
    expect(html).toContain('<form method="post"');
    expect((await contact(una.id)).email_status).toBe('valid');

    const click = await t.client().raw(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('una@buyers.test will receive no more mailings from us.');
    expect((await contact(una.id)).email_status).toBe('unsubscribed');
    expect((await recipientOf(id, una.id)).status).toBe('unsubscribed');
    expect((await t.client().raw(url, { method: 'POST' })).status).toBe(200);
    expect((await t.admin.get(`/api/records/campaign_event?filter=${q({ contact: una.id, kind: 'unsubscribe' })}`)).body.data).toHaveLength(1);
    await eventually(() => progress(id), (p) => p.unsubscribed === 1);

    const bad = await t.client().raw(`${API}/unsubscribe/0123456789abcdef0123456789abcdef`);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('This unsubscribe link is not valid (any more).');

    const next = await campaign({ name: 'After unsubscribing', tags: ['unsub'] });
    await send(next);
    expect((await recipientOf(next, una.id))).toMatchObject({ status: 'skipped', skip_reason: 'unsubscribed' });
  });
});

describe('an SMS mailing', () => {
  it('sends through the HTTP provider with a reference that delivery receipts come back with', async () => {
    const sam = await person({ name: 'Sam', mobile: '13800138001', tags: ['sms'] });
    const down = await person({ name: 'Zed', mobile: '13800138000', tags: ['sms'] });
    const id = await campaign({ name: 'SMS', channel: 'sms', subject: null, body_text: 'Hi {{name}}, hall 3 opens at 9.', tags: ['sms'] });
    await send(id);
    const done = await finished(id);
    expect(done).toMatchObject({ sent: 1, failed: 1 });
    const message = sms.messages.find((m) => m.to === '13800138001')!;
    expect(message.text).toBe('Hi Sam, hall 3 opens at 9.');
    expect(message.reference).toMatch(/^[0-9a-f]{32}$/);
    expect((await recipientOf(id, down.id)).error).toContain('502');

    const receipt = await t.client().post(`${API}/sms/receipts`, { reference: message.reference, status: 'failed', error: 'absent subscriber' }, { 'x-tessera-secret': SECRET });
    expect(receipt.body).toEqual({ matched: true });
    expect(await recipientOf(id, sam.id)).toMatchObject({ status: 'failed', error: 'absent subscriber' });
    expect((await t.client().post(`${API}/sms/receipts`, { reference: message.reference, status: 'maybe' }, { 'x-tessera-secret': SECRET })).status).toBe(400);

    const answer = await t.client().post(`${API}/sms/replies`, { from: '+86 138 0013 8001', text: '收到，9 点到。' }, { 'x-tessera-secret': SECRET });
    expect(answer.body).toEqual({ matched: true, kind: 'reply' });
    expect((await recipientOf(id, sam.id)).status).toBe('replied');
    expect((await t.admin.get(`/api/records/activity?filter=${q({ contact: sam.id })}`)).body.data.map((a: { notes: string }) => a.notes)).toEqual(['收到，9 点到。']);
    expect((await t.client().post(`${API}/sms/replies`, { from: '13900000000', text: 'hi' }, { 'x-tessera-secret': SECRET })).body).toEqual({ matched: false });
    expect((await t.client().post(`${API}/sms/replies`, { text: 'hi' }, { 'x-tessera-secret': SECRET })).status).toBe(400);

    const unsubscribe = await t.client().raw(`${API}/unsubscribe/${message.reference}`, { method: 'POST' });
    expect(unsubscribe.status).toBe(200);
    expect((await contact(sam.id)).do_not_contact).toBe(true);
    const stop = await t.client().post(`${API}/sms/replies`, { from: '13800138001', text: 'TD' }, { 'x-tessera-secret': SECRET });
    expect(stop.body).toEqual({ matched: true, kind: 'unsubscribe' });
  });
});

describe('pausing and resuming', () => {
  it('sends nothing while paused and nobody twice after, however many runs start', async () => {
    for (const name of ['P1', 'P2', 'P3', 'P4']) await person({ name, email: `${name.toLowerCase()}@pause.test`, tags: ['pause'] });
    const id = await campaign({ name: 'Pause', tags: ['pause'], rate_per_minute: 1 });
    await send(id);
    await eventually(async () => sink.mails.filter((m) => m.to[0].endsWith('@pause.test')).length, (n) => n === 1);
    const paused = await director.post(`${API}/campaigns/${id}/pause`);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect((await sales.post(`${API}/campaigns/${id}/resume`)).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, (WINDOW + 1) * 1000));
    expect(sink.mails.filter((m) => m.to[0].endsWith('@pause.test'))).toHaveLength(1);
    expect((await director.post(`${API}/campaigns/${id}/pause`)).status).toBe(409);

    const resumed = await director.post(`${API}/campaigns/${id}/resume`);
    expect(resumed.body.status).toBe('sending');
    // Runs started at once by a restart's tick and by hand: the per-recipient claims keep each message single.
    await Promise.all([1, 2, 3].map(() => t.tessera.services.jobs.send('exhibition.campaign_batch', { campaign: id })));
    await finished(id);
    const pauseMails = sink.mails.filter((m) => m.to[0].endsWith('@pause.test'));
    expect(pauseMails.map((m) => m.to[0]).sort()).toEqual(['p1@pause.test', 'p2@pause.test', 'p3@pause.test', 'p4@pause.test']);
    expect((await progress(id))).toMatchObject({ status: 'sent', sent: 4, total: 4 });
  });
});
