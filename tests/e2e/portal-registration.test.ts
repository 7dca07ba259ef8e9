import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { decodedText, startSmtpSink, type SmtpSink } from '../integration/helpers/smtp-sink.ts';
import { input, openBrowser, screenshot as takeScreenshot, waitUntilStill } from './helpers/browser.ts';
import { choose } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 item 4: a company signs up on the exhibitor portal, confirms its e-mail address with the
// link mailed to it (a local SMTP sink), is approved by the sales team and signs in, at desktop and
// phone size, in English and Chinese.

const SIZES = [{ name: 'desktop', width: 1280, height: 800, locale: 'en-US' }, { name: 'phone', width: 390, height: 844, locale: 'zh-CN' }] as const;

async function screenshot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page, { scrollTop: false });
  await takeScreenshot(page, name);
}

describe('signing up on the exhibitor portal', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { jobPollingSeconds: 0.5, smtpUrl: sink.url }, packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'fair.sales', 'Fair Sales', ['exhibition_sales']);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  for (const size of SIZES) {
    it(`signs up, verifies, is approved and signs in (${size.name})`, async () => {
      const email = `${size.name}@newcomer.test`;
      const company = size.name === 'phone' ? '贵州茅台镇酱香酒业有限公司' : 'Golden Cane Sugar Co';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.locale });
      try {
        const page = await browser.page();
        await page.goto(`${t.baseUrl}/portal/login`);
        await page.click('[data-test="portal-to-sign-up"]');
        await page.waitForSelector('[data-test="sign-up-company_name"]');
        await input(page, 'sign-up-name').fill(size.name === 'phone' ? '张伟' : 'Grace Lin');
        await input(page, 'sign-up-email').fill(email);
        // A weak password first: the form says what is wrong, next to the field.
        await input(page, 'sign-up-password').fill('weak');
        await input(page, 'sign-up-company_name').fill(company);
        const en = size.name === 'desktop';
        await choose(page, 'sign-up-supply_chain', en ? 'Finished goods' : '成品');
        await choose(page, 'sign-up-business_role', en ? 'Producer' : '生产商');
        await choose(page, 'sign-up-region', en ? 'Guangdong' : '广东');
        await input(page, 'sign-up-phone').fill(en ? '13812345678' : '13987654321');
        await input(page, 'sign-up-contact_person').fill(size.name === 'phone' ? '张伟' : 'Grace Lin');
        await page.click('[data-test="sign-up-submit"]');
        await page.waitForSelector('[data-test="sign-up-error"]');
        expect(await page.locator('.el-form-item__error').first().textContent()).toContain('10');
        await screenshot(page, `portal-sign-up-problem-${size.name}`);
        await input(page, 'sign-up-password').fill(PASSWORD);
        await page.click('[data-test="sign-up-submit"]');
        await page.waitForSelector('[data-test="portal-sign-up-sent"]');
        expect(await page.locator('[data-test="portal-sign-up-sent"]').textContent()).toContain(email);
        await screenshot(page, `portal-sign-up-sent-${size.name}`);

        const mail = decodedText((await sink.waitFor(email, /portal\/verify\?token=/)).data);
        const token = /portal\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail)![1];
        await page.goto(`${t.baseUrl}/portal/verify?token=${token}`);
        await page.waitForSelector('[data-test="portal-verified"]');
        await screenshot(page, `portal-verified-${size.name}`);

        // Not yet approved: signing in says so.
        await page.goto(`${t.baseUrl}/portal/login`);
        await input(page, 'portal-email').fill(email);
        await input(page, 'portal-password').fill(PASSWORD);
        await page.click('[data-test="portal-login-submit"]');
        await page.waitForSelector('[data-test="portal-login-error"]');
        expect(await page.locator('[data-test="portal-login-error"]').textContent()).toContain(en ? 'not active yet' : '尚未启用');

        const sales = await t.login('fair.sales', PASSWORD);
        const application = (await sales.get(`/api/records/exhibitor_application?filter=${encodeURIComponent(JSON.stringify({ email: { $eq: email } }))}`)).body.data[0];
        expect(application).toMatchObject({ company_name: company, _state: 'sales_review' });
        const task = (await sales.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === String(application.id));
        await expectStatus(sales.post(`/api/tasks/${task.id}/approve`, {}), 200);

        await page.click('[data-test="portal-login-submit"]');
        await page.waitForSelector('[data-test="portal-welcome"]');
        expect(await page.locator('[data-test="portal-company"]').textContent()).toBe(company);
        const status = page.locator('[data-test="portal-status"] [data-object="exhibitor_application"]');
        await status.waitFor();
        expect(await status.textContent()).toContain(en ? 'Approved' : '已通过');
        await screenshot(page, `portal-approved-home-${size.name}`);

        const menu = size.name === 'phone' ? '[data-test="portal-tabs"]' : '[data-test="portal-menu"]';
        await page.locator(menu).getByText(en ? 'My company' : '公司资料').click();
        await page.waitForSelector('[data-test="contact-row"]');
        expect(await page.locator('[data-test="company-name"]').textContent()).toBe(company);
        await screenshot(page, `portal-company-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
