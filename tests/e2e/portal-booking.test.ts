import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, openBrowser, screenshot as takeScreenshot, waitUntilStill } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 item 4: an exhibitor signs in to the portal, holds and reserves a booth on the floor plan of
// the edition taking bookings, and follows the reservation's approval on the portal's home page, at
// desktop and phone size, in English and Chinese; a staff user opening /portal sees a notice.

/** The portal has no staff shell to scroll: wait for it to stand still, then take the picture. */
async function screenshot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page, { scrollTop: false });
  await takeScreenshot(page, name);
}

const SIZES = [{ name: 'desktop', width: 1280, height: 800, locale: 'en-US' }, { name: 'phone', width: 390, height: 844, locale: 'zh-CN' }] as const;

async function portalLogIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/portal`);
  await page.waitForURL(/\/portal\/login/);
  await input(page, 'portal-email').fill(email);
  await input(page, 'portal-password').fill(PASSWORD);
  await page.click('[data-test="portal-login-submit"]');
  await page.waitForSelector('[data-test="portal-welcome"]');
}

describe('booking on the exhibitor portal', () => {
  let t: TestApp;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    // Someone reviews the reservations the exhibitors submit.
    await createUser(t.admin, 'fair.sales', 'Fair Sales', ['exhibition_sales']);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const edition = (await expectStatus(t.admin.post('/api/records/exhibition', { name: '2027 春季全国糖酒商品交易会', year: 2027, season: 'spring', start_date: day(120), end_date: day(122), status: 'booking' }), 201)).id;
    const hall = (await expectStatus(t.admin.post('/api/records/hall', { exhibition: edition, name: '1号馆', width: 36, depth: 24, outline: [{ kind: 'entrance', points: [[0, 10], [0, 14]] }] }), 201)).id;
    let n = 0;
    for (const row of [2, 8, 14, 20]) {
      for (let x = 2; x + 3 <= 34; x += 4) {
        n++;
        await expectStatus(t.admin.post('/api/records/booth', { number: `1-${String(n).padStart(2, '0')}`, exhibition: edition, hall, area: 9, price: 13_500, x, y: row, width: 3, depth: 3 }), 201);
      }
    }
    await expectStatus(t.admin.post('/api/records/announcement', { title: 'Exhibitor manual 2027', body: 'Move-in starts two days before the fair.', published: true, published_on: day(0), form_url: 'https://example.test/manual.pdf', form_label: 'Manual (PDF)' }), 201);
    await expectStatus(t.admin.post('/api/records/announcement', { title: 'Draft, not for exhibitors', published: false }), 201);
    for (const [size, name] of [['desktop', 'Sugar Valley Foods Ltd'], ['phone', '四川蜀南酒业有限公司']] as const) {
      accounts[size] = (await expectStatus(t.admin.post('/api/records/account', { name, is_exhibitor: true }), 201)).id;
      await expectStatus(t.admin.post('/api/admin/users', {
        username: `${size}@exhibitor.test`, password: PASSWORD, name: `${size} buyer`, kind: 'portal', roles: ['exhibitor_portal'], account: { object: 'account', id: accounts[size] },
      }), 201);
    }
  });
  afterAll(async () => t?.close());

  for (const size of SIZES) {
    it(`holds and reserves a booth for the exhibitor's own company (${size.name})`, async () => {
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.locale });
      try {
        const page = await browser.page();
        await portalLogIn(page, t.baseUrl, `${size.name}@exhibitor.test`);
        expect(await page.locator('[data-test="portal-company"]').textContent()).toBe(size.name === 'phone' ? '四川蜀南酒业有限公司' : 'Sugar Valley Foods Ltd');
        const announcements = await page.locator('[data-test="portal-announcements"]').textContent();
        expect(announcements).toContain('Exhibitor manual 2027');
        expect(announcements).not.toContain('Draft');
        await screenshot(page, `portal-home-${size.name}`);

        const menu = size.name === 'phone' ? '[data-test="portal-tabs"]' : '[data-test="portal-menu"]';
        await page.locator(menu).getByText(size.name === 'phone' ? '预订展位' : 'Book a booth').click();
        await page.waitForSelector('[data-test="floor-plan"] [data-booth]');
        const number = size.name === 'desktop' ? '1-01' : '1-02';
        const booth = page.locator(`[data-booth="${number}"]`);
        expect(await booth.getAttribute('data-status')).toBe('available');
        await booth.click();
        // The exhibitor holds for their own company: no exhibitor to pick, no discount to give.
        expect(await page.locator('[data-test="plan-exhibitor"]').count()).toBe(0);
        await page.click('[data-test="plan-hold"]');
        await toast(page, size.name === 'phone' ? '展位已为您预留。' : 'The booth is held for you.');
        await page.waitForSelector(`[data-booth="${number}"][data-status="held"]`);
        expect(await page.locator('[data-test="plan-discount"]').count()).toBe(0);
        await screenshot(page, `portal-booking-held-${size.name}`);
        await page.click('[data-test="plan-reserve"]');
        await toast(page, size.name === 'phone' ? '预订单已提交审批。' : 'The reservation was submitted for approval.');
        await page.waitForSelector(`[data-booth="${number}"][data-status="reserved"]`);
        // The other exhibitor's booth is taken, but not by whom.
        const other = size.name === 'desktop' ? null : page.locator('[data-booth="1-01"]');
        if (other) {
          await other.click();
          expect(await page.locator('[data-test="booth-panel"]').textContent()).not.toContain('Sugar Valley');
        }
        await screenshot(page, `portal-booking-reserved-${size.name}`);

        await page.locator(menu).getByText(size.name === 'phone' ? '首页' : 'Home').click();
        const status = page.locator('[data-test="portal-status"] [data-object="booth_reservation"]');
        await status.waitFor();
        expect(await status.textContent()).toContain(size.name === 'phone' ? '审核中' : 'Under review');
        expect(await status.textContent()).toContain(size.name === 'phone' ? '未付款' : 'Unpaid');
        await screenshot(page, `portal-home-reserved-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }

  it('keeps the staff out of the portal with a notice, and the portal user out of the staff app', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await page.goto(`${t.baseUrl}/login`);
      await input(page, 'username').fill('admin');
      await input(page, 'password').fill((await import('../integration/helpers/test-app.ts')).ADMIN_PASSWORD);
      await page.click('[data-test="login-submit"]');
      await page.waitForSelector('[data-test="main-menu"]');
      await page.goto(`${t.baseUrl}/portal`);
      await page.waitForSelector('[data-test="portal-staff-notice"]');
      await screenshot(page, 'portal-staff-notice');

      const own = await openBrowser();
      const portal = await own.page();
      await portalLogIn(portal, t.baseUrl, 'desktop@exhibitor.test');
      await portal.goto(`${t.baseUrl}/o/account`);
      await portal.waitForURL(/\/portal$/);
      await portal.waitForSelector('[data-test="portal-welcome"]');
      await own.close();
    } finally {
      await browser.close();
    }
  });
});
