import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SinkMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// notify with email: true sends, besides the in-app notification, a mail in the user's language
// through nodemailer, as a job after the step commits; a local SMTP sink receives it.

let t: TestApp;
let sink: SmtpSink;
let mails: SinkMail[];

beforeAll(async () => {
  sink = await startSmtpSink();
  mails = sink.mails;
  t = await startTestApp({ config: { jobPollingSeconds: 0.5, smtpUrl: sink.url, mailFrom: 'Tessera <crm@example.test>' } });

  expect((await t.admin.put('/api/meta/objects/claim', { titleField: 'title', fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
  const flow = {
    name: 'claim_flow', object: 'claim', initial: 'open',
    states: {
      open: { on: { pay: 'paid' } },
      paid: { type: 'final', entry: [{ notify: { to: { role: 'accounts' }, message: { en: 'A claim was paid', 'zh-CN': '报销已支付' }, email: true } }] },
    },
  };
  await t.admin.put('/api/admin/roles/accounts', { name: 'accounts', objects: { claim: { operations: ['read'] } } });
  expect((await t.admin.put('/api/meta/workflows/claim_flow', flow)).status).toBe(201);
  for (const [username, email, language] of [['mail.en', 'en@example.test', 'en'], ['mail.zh', 'zh@example.test', 'zh-CN'], ['mail.none', null, 'en']] as const) {
    const res = await t.admin.post('/api/admin/users', { username, password: 'Correct-horse-42', name: username, email, language, roles: ['accounts'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('e-mail notifications', () => {
  it('mails each recipient with an address, in their language, after the step commits', async () => {
    const id = String((await t.admin.post('/api/records/claim', { title: 'Train' })).body.id);
    await t.admin.post(`/api/records/claim/${id}/submit`, {});
    expect((await t.admin.post(`/api/records/claim/${id}/transition`, { event: 'pay' })).body.state).toBe('paid');
    const until = Date.now() + 20_000;
    while (mails.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['en@example.test', 'zh@example.test']);
    const en = mails.find((m) => m.to[0] === 'en@example.test')!.data;
    expect(en).toContain('Subject: A claim was paid');
    expect(en).toContain(`Record: claim #${id}`);
    expect(en).toContain('crm@example.test');
    const zh = mails.find((m) => m.to[0] === 'zh@example.test')!.data;
    expect(zh).toMatch(/Subject: =\?UTF-8\?/);
    const none = await t.login('mail.none', 'Correct-horse-42');
    expect((await none.get('/api/notifications')).body.unread).toBe(1);
  });
});
