import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 17 item 1: global search in the header, keyboard-driven, and the search page on a phone.

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'crm' }] });
  const account = async (values: Record<string, unknown>) => (await expectStatus(t.admin.post('/api/records/account', values), 201)).id as string;
  ids.machinery = await account({ name: '渝通机械有限公司', phone: '+86 138-0013-8000', email: 'sales@yutong.cn', region: 'Chongqing' });
  ids.logistics = await account({ name: '渝通物流', phone: '+86 23 6666 1234', region: 'Chongqing' });
  await account({ name: 'Harbor Trading', email: 'hello@harbor.com', region: 'Sichuan' });
  await expectStatus(t.admin.post('/api/records/contact', { name: '王渝通', mobile: '139 0000 5678', account: ids.machinery }), 201);
  await expectStatus(t.admin.post('/api/records/lead', { name: '李明', company: '渝通电子', phone: '021-5555-0101' }), 201);
});
afterAll(() => t?.close());

describe('global search at desktop size', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ width: 1280, height: 800, locale: 'zh-CN' });
  });
  afterAll(() => browser?.close());

  it('Ctrl+K focuses the box, results come grouped by object, arrows and Enter open a record', async () => {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await chooseLanguage(page, 'zh-CN');
    await page.keyboard.press('Control+k');
    expect(await page.locator('[data-test="global-search"]').evaluate((box) => box === box.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('渝通');
    await page.waitForSelector('[data-test="search-group-account"]');
    await page.waitForSelector('[data-test="search-group-contact"]');
    const panel = page.locator('[data-test="global-search-results"]');
    expect(await panel.locator('[data-test="search-group-account"] h3').textContent()).toBe('客户');
    expect(await panel.locator('[data-test="search-group-lead"]').textContent()).toContain('公司：渝通电子');
    await screenshot(page, 'global-search-desktop-zh');

    await page.keyboard.press('ArrowDown');
    const first = await panel.locator('.row.active .title').textContent();
    expect(first).toBe('渝通机械有限公司');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/o/account/${ids.machinery}`);
    await expect.poll(() => page.locator('[data-test="global-search-results"]').count()).toBe(0);
    await page.close();
  });

  it('a phone fragment finds the record by its digits; Esc closes; "see all" opens the search page', async () => {
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/`);
    await page.waitForSelector('[data-test="global-search"]');
    await page.keyboard.press('/');
    await page.keyboard.type('1380013');
    await page.waitForSelector('[data-test="search-result"]');
    expect(await page.locator('[data-test="search-group-account"] .matched').first().textContent()).toBe('电话：+86 138-0013-8000');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-test="global-search-results"]').count()).toBe(0);

    await page.keyboard.press('Control+k');
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await page.waitForSelector('[data-test="global-search-results"]');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=13800130');
    await page.waitForSelector('[data-test="search-nothing"]');
    await input(page, 'search-page-input').fill('渝通');
    await input(page, 'search-page-input').press('Enter');
    await page.waitForSelector('[data-test="search-page-group-lead"]');
    await screenshot(page, 'global-search-page-desktop-zh');
    await page.close();
  });
});

describe('global search on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ width: 390, height: 844, locale: 'zh-CN' });
  });
  afterAll(() => browser?.close());

  it('the header shows a search icon that opens the search page, with the query in the URL', async () => {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await chooseLanguage(page, 'zh-CN');
    expect(await page.locator('[data-test="global-search"]').count()).toBe(0);
    await page.click('[data-test="search-icon"]');
    await page.waitForURL('**/search');
    const box = input(page, 'search-page-input');
    await box.fill('渝通');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('q') ?? '')).toBe('渝通');
    await page.waitForSelector('[data-test="search-page-group-account"]');
    expect(await page.locator('[data-test="search-page-group-account"] [data-test="search-page-result"]').allTextContents()).toEqual(['渝通机械有限公司', '渝通物流']);
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'global-search-phone-zh');
    await page.locator('[data-test="search-page-result"]', { hasText: '渝通物流' }).click();
    await page.waitForURL(`**/o/account/${ids.logistics}`);
    await page.close();
  });
});
