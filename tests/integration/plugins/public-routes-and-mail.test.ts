import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SinkMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Two things packs get from the platform: routes anyone may call without login
// (`router(resource, { public: true })`: before authentication, rate-limited, no CSRF) and a mail
// service on the platform's SMTP configuration with the pack's own envelope sender and headers.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/packs');
let t: TestApp;
let plain: TestApp | undefined;
let ownPort: number;
let sink: SmtpSink;
let mails: SinkMail[];
const API = '/api/plugins/mail_desk';

beforeAll(async () => {
  sink = await startSmtpSink();
  mails = sink.mails;
  t = await startTestApp({ config: { packDirs: [fixtures], publicRateLimit: 5, smtpUrl: sink.url, mailFrom: 'Fair office <office@example.test>' }, packs: [{ name: 'mail_desk' }] });
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  ownPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  plain = await startTestApp({ config: { packDirs: [fixtures] }, env: { TESSERA_MAIL_DESK_LISTEN_PORT: String(ownPort) } });
  expect((await plain!.admin.post('/api/packs/mail_desk/install')).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await plain?.close();
  await sink?.close();
});

describe('public pack routes', () => {
  it('answer without login, and take form bodies without a CSRF token', async () => {
    const anonymous = plain!.client();
    expect((await anonymous.get(`${API}/hello/fair`)).body).toEqual({ word: 'fair', loggedIn: false });
    const form = await anonymous.raw(`${API}/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'tessera_session=forged' }, body: 'List-Unsubscribe=One-Click' });
    expect(form.status).toBe(200);
    expect(await form.json()).toEqual({ body: { 'List-Unsubscribe': 'One-Click' } });
    expect((await anonymous.post(`${API}/echo`, { a: 1 })).body).toEqual({ body: { a: 1 } });
  });

  it("leave the pack's other routes behind login, and refuse the caller of a public request", async () => {
    const anonymous = plain!.client();
    expect((await anonymous.get(`${API}/staff-only`)).status).toBe(401);
    expect((await plain!.admin.get(`${API}/staff-only`)).body).toEqual({ user: 'admin' });
    const who = await anonymous.get(`${API}/who`);
    expect(who.status).toBe(401);
    expect(who.body.error.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(who.body)).not.toMatch(/at .*\.ts/);
  });

  it('are rate-limited per client address, with the error shape', async () => {
    const anonymous = t.client();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await anonymous.get(`${API}/hello/x${i}`)).status);
    expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.slice(5)).toEqual([429, 429]);
    const zh = await anonymous.raw(`${API}/hello/again`, { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(429);
    expect(((await zh.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过多，请稍后重试。' });
    // Logged-in routes do not count against it.
    expect((await t.admin.get(`${API}/staff-only`)).status).toBe(200);
  });
});

describe("the packs' mail service", () => {
  it('sends html and text with the envelope sender, Reply-To and headers the pack gives', async () => {
    const res = await t.admin.post(`${API}/mail`, { to: 'buyer@example.test' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ configured: true, fromAddress: 'office@example.test', accepted: ['buyer@example.test'] });
    const mail = mails.find((m) => m.to.includes('buyer@example.test'))!;
    expect(mail.from).toBe('bounce+abc123@bounces.example.test');
    expect(mail.data).toContain('From: Fair office <office@example.test>');
    expect(mail.data).toContain('Reply-To: reply+abc123@bounces.example.test');
    expect(mail.data).toContain('List-Unsubscribe: <https://crm.example.test/u/abc123>');
    expect(mail.data).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.data).toContain('multipart/alternative');
    expect(mail.data).toContain('Hello in text');
    expect(mail.data).toContain('<b>html</b>');
  });

  it('refuses to send without an SMTP server configured (409, in the error shape)', async () => {
    const res = await plain!.admin.post(`${API}/mail`, { to: 'buyer@example.test' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: 'No mail server is configured (SMTP_URL), so no mail can be sent.' });
  });
});

describe("a pack's own resources", () => {
  const greet = () => new Promise<string>((resolve, reject) => {
    const socket = net.connect(ownPort, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });

  it('are released at shutdown through onShutdown', async () => {
    expect(await greet()).toBe('mail desk\n');
    await plain!.close();
    plain = undefined;
    await expect(greet()).rejects.toThrow(/ECONNREFUSED/);
  });
});
