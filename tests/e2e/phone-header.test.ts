import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';

// Issue 17 (mobile, R33): at 390 × 844 the header fits the screen; the language moves into the user's menu.

describe('the header on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await openBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('fits the screen, and the user menu switches the language', async () => {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-test="inbox-link"]');
    const header = page.locator('.header');
    expect(await header.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    for (const item of await header.locator('a, button').all()) {
      const box = await item.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.locator('[data-test="language-switch"]').count()).toBe(0);
    await screenshot(page, 'phone-header');

    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => page.textContent('[data-test="inbox-link"]')).toContain('审批');
    expect(await header.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-header-zh');
    await page.close();
  });
});
