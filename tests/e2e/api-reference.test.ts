import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { join } from 'node:path';
import { SCREENSHOTS, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 18 item 3: the API reference page at /api/docs, read from /api/openapi.json with the session.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'crm' }] });
  await expectStatus(t.admin.post('/api/records/account', { name: 'Harbor Trading', region: 'Sichuan' }), 201);
});
afterAll(() => t?.close());

describe.each([
  { size: 'desktop', width: 1280, height: 800, locale: 'en', title: 'Account', send: 'Send', login: 'Log in to the application first' },
  { size: 'phone', width: 390, height: 844, locale: 'zh-CN', title: '客户', send: '发送', login: '请先登录应用' },
])('the API reference ($size, $locale)', ({ size, width, height, locale, title, send, login }) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ width, height, locale });
  });
  afterAll(() => browser?.close());

  it('asks to log in first', async () => {
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.waitForSelector('.login');
    expect(await page.locator('.login').textContent()).toContain(login);
    await page.close();
  });

  it("lists the account's operations with their schemas, and tries GET /api/records/account", async () => {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.waitForSelector('#tag-account');
    expect(await page.locator('#tag-account h2').textContent()).toContain(title);
    await page.fill('#find', '/records/account');
    const list = page.locator('#op-account-list');
    await list.locator('summary').first().click();
    // The record schema names each field with its label and options.
    expect(await list.locator('.op-body').textContent()).toContain('filter');
    await list.locator('details summary').first().click();
    expect(await list.locator('.tree').first().textContent()).toContain('Sichuan');
    await list.locator('button', { hasText: send }).click();
    await expect.poll(() => list.locator('pre.answer').textContent()).toContain('HTTP 200');
    expect(await list.locator('pre.answer').textContent()).toContain('Harbor Trading');

    // A write sends the session's CSRF token: creating an account through the form succeeds.
    const create = page.locator('#op-account-create');
    await create.locator('summary').first().click();
    await create.locator('textarea').fill(JSON.stringify({ name: `Tried from the reference ${size}` }));
    await create.locator('button', { hasText: send }).click();
    await expect.poll(() => create.locator('pre.answer').textContent()).toContain('HTTP 201');
    await screenshot(page, `api-reference-${size}`);
    await list.evaluate((node) => node.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, `api-reference-${size}-answer.png`) });
    await page.close();
  });
});
