import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../integration/helpers/smtp-sink.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15, item 7: a mailing's progress page (bars of sent, failed, bounced, replied…) with send,
// pause and resume, reached from the mailing's record.

describe('mailing progress', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let account: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      config: { jobPollingSeconds: 0.5, smtpUrl: `smtp://127.0.0.1:${sink.port}`, mailFrom: 'Spring Fair <fair@example.test>' },
      env: { TESSERA_EXHIBITION_CAMPAIGN_WINDOW_SECONDS: '5' },
    });
    await expectStatus(t.admin.post('/api/packs/exhibition/install?demo=false'), 200);
    await createUser(t.admin, 'mail.director', 'Mail Director', ['exhibition_director']);
    account = (await expectStatus(t.admin.post('/api/records/account', { name: '泸州老窖商贸有限公司', is_exhibitor: true }), 201)).id;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  async function mailing(tag: string, rate: number): Promise<string> {
    for (const n of [1, 2, 3]) await expectStatus(t.admin.post('/api/records/contact', { name: `${tag} ${n}`, account, email: `${tag}${n}@buyers.test`, tags: [tag] }), 201);
    const skipped = await expectStatus(t.admin.post('/api/records/contact', { name: `${tag} blocked`, account, email: `${tag}x@buyers.test`, tags: [tag], do_not_contact: true }), 201);
    expect(skipped.id).toBeTruthy();
    return (await expectStatus(t.admin.post('/api/records/message_campaign', { name: `Spring fair ${tag}`, channel: 'email', subject: 'Invitation', body_text: 'Dear {{name}}', tags: [tag], rate_per_minute: rate }), 201)).id;
  }

  it('sends a mailing from its progress page and shows the bars (desktop)', async () => {
    const id = await mailing('desk', 100);
    const browser = await openBrowser({ width: 1280, height: 800, locale: 'en-US' });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'mail.director', PASSWORD);
      await page.goto(`${t.baseUrl}/o/message_campaign/${id}`);
      await page.waitForSelector('[data-test="record-action-/exhibition/mailings/:id"]').catch(async (error) => {
        await screenshot(page, 'mailing-record-failed-desktop');
        throw error;
      });
      await page.click('[data-test="record-action-/exhibition/mailings/:id"]');
      await page.waitForURL(new RegExp(`/exhibition/mailings/${id}$`));
      await page.waitForSelector('[data-test="mailing-send"]');
      await screenshot(page, `mailing-draft-desktop`);
      await page.click('[data-test="mailing-send"]');
      await page.locator('.el-message-box').getByRole('button', { name: 'Send' }).click();
      await toast(page, 'Sending has started.');
      await page.locator('[data-test="mailing-status"]', { hasText: 'Sent' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-test="bar-sent"] .count').textContent()).toBe('3 of 4');
      expect(await page.locator('[data-test="bar-skipped"] .count').textContent()).toBe('1 of 4');
      await screenshot(page, `mailing-sent-desktop`);
      expect(sink.mails.filter((m) => m.to[0].startsWith('desk'))).toHaveLength(3);
    } finally {
      await browser.close();
    }
  });

  it('pauses and resumes a mailing at its rate, in Chinese (phone)', async () => {
    const id = await mailing('phone', 1);
    const browser = await openBrowser({ width: 390, height: 844, locale: 'zh-CN' });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'mail.director', PASSWORD);
      await page.goto(`${t.baseUrl}/exhibition/mailings/${id}`);
      await page.click('[data-test="mailing-send"]');
      await page.locator('.el-message-box').getByRole('button', { name: '发送' }).click();
      await toast(page, '已开始发送。');
      await page.locator('[data-test="bar-sent"] .count', { hasText: '1 / 4' }).waitFor({ timeout: 15_000 });
      await page.click('[data-test="mailing-pause"]');
      await toast(page, '已暂停发送。');
      await page.waitForSelector('[data-test="mailing-resume"]');
      expect(await page.locator('[data-test="mailing-status"]').textContent()).toContain('已暂停');
      await screenshot(page, `mailing-paused-phone`);
      await page.click('[data-test="mailing-resume"]');
      await toast(page, '已继续发送。');
      await page.waitForSelector('[data-test="mailing-pause"]');
      await screenshot(page, `mailing-resumed-phone`);
    } finally {
      await browser.close();
    }
  });
});
