import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { choose } from './helpers/element-plus.ts';
import { expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 item 4 (platform part): an administrator links a portal user to the record they act for,
// and the staff web app does not let portal users in.

describe('portal users in the staff web app', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let orbit: string;
  beforeAll(async () => {
    t = await startTestApp();
    const customer = { name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, titleField: 'name', fields: [{ name: 'name', type: 'text' }] };
    await expectStatus(t.admin.put('/api/meta/objects/customer', customer), 201);
    orbit = String((await expectStatus(t.admin.post('/api/records/customer', { name: 'Orbit Ltd' }), 201)).id);
    await expectStatus(t.admin.post('/api/records/customer', { name: 'Nimbus Co' }), 201);
    browser = await openBrowser();
    page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an administrator makes a portal user acting for a customer, picked by its title', async () => {
    await page.click('[data-test="menu-admin-organisation"]');
    await page.click('[data-test="new-user"]');
    await input(page, 'user-username').fill('olga');
    await input(page, 'user-name').fill('Olga Orbit');
    await input(page, 'user-password').fill(PASSWORD);
    await page.locator('[data-test="user-kind"]').getByText('Portal').click();
    await choose(page, 'user-account-object', 'Customer (customer)');
    await page.locator('[data-test="user-account-record"]').click();
    const searched = page.waitForResponse((r) => r.url().includes('/api/records/customer'));
    await page.keyboard.type('Orb');
    await searched;
    await page.getByRole('option', { name: 'Orbit Ltd' }).locator('visible=true').click();
    await page.click('[data-test="save-user"]');
    await page.locator('[data-test="users-table"]', { hasText: 'Olga Orbit' }).waitFor();
    const row = page.locator('[data-test="users-table"] .el-table__row', { hasText: 'Olga Orbit' });
    expect(await row.textContent()).toContain('Orbit Ltd');
    expect(await row.textContent()).toContain('Portal');
    await screenshot(page, 'organisation-portal-user');
    const olga = (await expectStatus(t.admin.get('/api/admin/users?q=olga'), 200)).data[0];
    expect(olga).toMatchObject({ kind: 'portal', account: { object: 'customer', id: orbit, title: 'Orbit Ltd' } });

    // Editing shows the linked record by its title.
    await row.getByText('Edit').click();
    expect(await page.locator('[data-test="user-account-record"]').textContent()).toContain('Orbit Ltd');
    await page.keyboard.press('Escape');
  });

  it('the staff login page tells a portal user to sign in at /portal', async () => {
    // A browser of its own: the administrator's session cookie is not this person's.
    const own = await openBrowser();
    const fresh = await own.page();
    await fresh.goto(`${t.baseUrl}/login`);
    await input(fresh, 'username').fill('olga');
    await input(fresh, 'password').fill(PASSWORD);
    await fresh.click('[data-test="login-submit"]');
    const alert = fresh.locator('[data-test="login-error"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This is a customer portal account.');
    expect(await alert.textContent()).toContain('/portal');
    await screenshot(fresh, 'login-portal-account');

    // A portal session (as the portal would make it) opening the staff app is sent to /portal.
    const status = await fresh.evaluate(async (password) => {
      const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'olga', password, app: 'portal', session: 'cookie' }) });
      return res.status;
    }, PASSWORD);
    expect(status).toBe(200);
    await fresh.goto(`${t.baseUrl}/`);
    await fresh.waitForURL(/\/portal$/);
    await own.close();
  });
});
