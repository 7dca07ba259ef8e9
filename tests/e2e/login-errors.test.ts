import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

async function attempt(page: Page, username: string, password: string): Promise<string> {
  await input(page, 'username').fill(username);
  await input(page, 'password').fill(password);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.click('[data-test="login-submit"]')]);
  await page.waitForTimeout(100);
  const alert = page.locator('[data-test="login-error"]');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

describe('the login page explains every refusal in the user\'s language', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('wrong password, in English and then in Chinese', async () => {
    await createUser(t.admin, 'wendy', 'Wendy Wu', []);
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/login`);
    await page.locator('[data-test="language-switch"]').getByText('English').click();
    expect(await attempt(page, 'wendy', 'not-her-password')).toContain('The username or password is wrong.');
    await page.locator('[data-test="language-switch"]').getByText('中文').click();
    expect(await page.textContent('[data-test="login-submit"]')).toContain('登录');
    expect(await attempt(page, 'wendy', 'still-not-it')).toContain('用户名或密码错误。');
    await screenshot(page, 'login-wrong-password-zh');
    await page.locator('[data-test="language-switch"]').getByText('English').click();
    await page.close();
  });

  it('a locked account says until when', async () => {
    await createUser(t.admin, 'lou', 'Lou Li', []);
    for (let i = 0; i < 5; i++) await t.client().post('/api/auth/login', { username: 'lou', password: 'wrong-password' });
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/login`);
    const text = await attempt(page, 'lou', PASSWORD);
    expect(text).toContain('This account is locked after too many failed attempts.');
    expect(text).toContain('Try again after');
    await screenshot(page, 'login-locked');
    await page.close();
  });

  it('a session survives a reload, ends with logging out, and an ended session leads back to the login page', async () => {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'wendy', PASSWORD);
    await page.reload();
    await page.waitForSelector('[data-test="main-menu"]');
    expect(await page.textContent('[data-test="user-menu"]')).toContain('Wendy Wu');
    await page.click('[data-test="user-menu"]');
    await page.locator('[data-test="logout"]').locator('visible=true').click();
    // The app reloads into the login page: wait for the address, not for a load event a second reload may cancel.
    await page.waitForURL(/\/login$/, { waitUntil: 'commit' });
    await page.waitForSelector('input[type="password"]');
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);

    // Deactivating the user ends the session; the next call the page makes sends it to the login page.
    await logIn(page, t.baseUrl, 'wendy', PASSWORD);
    const wendy = (await expectStatus(t.admin.get('/api/admin/users?q=wendy'), 200)).data[0];
    await expectStatus(t.admin.delete(`/api/admin/users/${wendy.id}`), 204);
    await page.click('[data-test="inbox-link"]');
    await page.waitForURL(/\/login\?next=/, { timeout: 30_000, waitUntil: 'commit' });
    await page.waitForSelector('input[type="password"]');
    await page.close();
  });

  it('outside the hours a role allows', async () => {
    const hour = new Date().getUTCHours();
    const at = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    await expectStatus(t.admin.put('/api/admin/roles/night_shift', { name: 'night_shift', login: { allowedHours: { from: at(hour + 2), to: at(hour + 3), tz: 'UTC' } } }), 201);
    await createUser(t.admin, 'nora', 'Nora Ng', ['night_shift']);
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/login`);
    expect(await attempt(page, 'nora', PASSWORD)).toContain('You cannot log in at this time of day');
    await page.close();
  });
});

describe('the login page under the rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { loginRateLimit: 4 } });
  });
  afterAll(async () => t?.close());

  it('tells the user to wait', async () => {
    // Four attempts a minute: the test app's own admin login was the first.
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await page.goto(`${t.baseUrl}/login`);
      for (let i = 0; i < 3; i++) expect(await attempt(page, 'admin', `wrong-${i}`)).toContain('The username or password is wrong.');
      expect(await attempt(page, 'admin', 'wrong-again')).toContain('Too many login attempts from this computer.');
      await screenshot(page, 'login-rate-limited');
    } finally {
      await browser.close();
    }
  });
});
