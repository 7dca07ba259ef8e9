import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, openBrowser, screenshot as takeScreenshot, waitUntilStill } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 items 4 and 10: the portal's other pages as an exhibitor uses them, at desktop (English)
// and phone size (Chinese): apply for a staff badge, register for a forum, send an enquiry, and see
// the company's journal subscription and advertising; the home page then lists what was asked for.

async function screenshot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page, { scrollTop: false });
  await takeScreenshot(page, name);
}

const SIZES = [{ name: 'desktop', width: 1280, height: 800, locale: 'en-US' }, { name: 'phone', width: 390, height: 844, locale: 'zh-CN' }] as const;

describe('badges, forums, enquiries and subscriptions on the exhibitor portal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'fair.sales', 'Fair Sales', ['exhibition_sales']);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const edition = (await expectStatus(t.admin.post('/api/records/exhibition', { name: '2027 春季全国糖酒商品交易会', year: 2027, season: 'spring', start_date: day(120), end_date: day(122), status: 'booking' }), 201)).id;
    await expectStatus(t.admin.post('/api/records/forum_session', { exhibition: edition, title: '白酒产业趋势论坛', capacity: 50, status: 'open', starts_at: `${day(120)}T02:00:00Z`, room: '会议室 A', speaker: '王教授' }), 201);
    const journal = (await expectStatus(t.admin.post('/api/records/journal', { title: '糖酒快讯', issues_per_year: 12 }), 201)).id;
    const slot = (await expectStatus(t.admin.post('/api/records/ad_slot', { name: '官网首页横幅', channel: 'website', position: 'home-top', price: 8000 }), 201)).id;
    for (const [size, name] of [['desktop', 'Sugar Valley Foods Ltd'], ['phone', '四川蜀南酒业有限公司']] as const) {
      const account = (await expectStatus(t.admin.post('/api/records/account', { name, is_exhibitor: true }), 201)).id;
      await expectStatus(t.admin.post('/api/admin/users', {
        username: `${size}@exhibitor.test`, password: PASSWORD, name: `${size} buyer`, kind: 'portal', roles: ['exhibitor_portal'], account: { object: 'account', id: account },
      }), 201);
      await expectStatus(t.admin.post('/api/records/journal_subscription', { account, journal, starts_on: day(-30), ends_on: day(335), copies: 2, status: 'active' }), 201);
      await expectStatus(t.admin.post('/api/records/ad_placement', { name: `${name} banner`, slot, account, first_month: size === 'desktop' ? '2027-02' : '2027-03', last_month: size === 'desktop' ? '2027-02' : '2027-03', status: 'booked' }), 201);
    }
  });
  afterAll(async () => t?.close());

  for (const size of SIZES) {
    it(`lets an exhibitor ask for badges, seats and answers, and see what they bought (${size.name})`, async () => {
      const zh = size.name === 'phone';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.locale });
      try {
        const page = await browser.page();
        await page.goto(`${t.baseUrl}/portal`);
        await page.waitForURL(/\/portal\/login/);
        await input(page, 'portal-email').fill(`${size.name}@exhibitor.test`);
        await input(page, 'portal-password').fill(PASSWORD);
        await page.click('[data-test="portal-login-submit"]');
        await page.waitForSelector('[data-test="portal-welcome"]');

        await page.goto(`${t.baseUrl}/portal/badges`);
        await page.waitForSelector('[data-test="portal-badges"]');
        const holder = zh ? '张伟' : 'Li Na';
        await input(page, 'badges-holder').fill(holder);
        await page.click('[data-test="badges-apply"]');
        await expect.poll(() => page.locator('[data-test="portal-badges"] li').allTextContents()).toEqual([expect.stringContaining(holder)]);
        await screenshot(page, `portal-badges-${size.name}`);

        await page.goto(`${t.baseUrl}/portal/forums`);
        const session = page.locator('[data-test^="session-"]');
        await session.waitFor();
        await session.getByRole('button').click();
        await session.locator('input').first().fill(holder);
        await session.locator('button[type="submit"]').click();
        await expect.poll(() => page.locator('[data-test="portal-forums"] .mine').textContent()).toContain(holder);
        // A seat is drawn among the free ones (fewer collisions when many register at once).
        expect(await page.locator('[data-test="portal-forums"] .mine').textContent()).toMatch(zh ? /座位 \d+/ : /Seat \d+/);
        await screenshot(page, `portal-forums-${size.name}`);

        await page.goto(`${t.baseUrl}/portal/enquiries`);
        const subject = zh ? '展位能否靠近入口？' : 'Can our booth be near the entrance?';
        await input(page, 'request-subject').fill(subject);
        await input(page, 'request-description').fill(zh ? '我们希望展位靠近 1 号入口。' : 'Near entrance 1, please.');
        await page.click('[data-test="request-send"]');
        await expect.poll(() => page.locator('[data-test="request-row"]').allTextContents()).toEqual([expect.stringContaining(subject)]);
        await screenshot(page, `portal-enquiries-${size.name}`);

        await page.goto(`${t.baseUrl}/portal/subscriptions`);
        await page.waitForSelector('[data-test="subscription-row"]');
        expect(await page.locator('[data-test="subscription-row"]').textContent()).toContain('糖酒快讯');
        expect(await page.locator('[data-test="placement-row"]').count()).toBe(1);
        await screenshot(page, `portal-subscriptions-${size.name}`);

        await page.goto(`${t.baseUrl}/portal`);
        const status = page.locator('[data-test="portal-status"]');
        await status.locator('[data-object="badge"]').waitFor();
        expect(await status.locator('[data-object="badge"]').textContent()).toContain(zh ? '审核中' : 'Under review');
        expect(await status.locator('[data-object="forum_registration"]').textContent()).toContain(zh ? '已报名' : 'Registered');
        expect(await status.locator('[data-object="business_request"]').textContent()).toContain(subject);
        await screenshot(page, `portal-home-requests-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
