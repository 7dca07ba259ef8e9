import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { pickUser } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';


describe('sharing a record and handing records over', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/case', { name: 'case', label: { en: 'Case', 'zh-CN': '工单' }, titleField: 'subject', fields: [{ name: 'subject', type: 'text', required: true }] }), 201);
    // Owners see their own cases only; what others see of them comes from shares.
    await expectStatus(t.admin.put('/api/admin/roles/agent', { name: 'agent', objects: { case: { operations: ['read', 'update'], scope: { read: 'own' } } } }), 201);
    for (const subject of ['Printer on fire', 'Cannot log in', 'Invoice missing']) ids.push((await expectStatus(t.admin.post('/api/records/case', { subject }), 201)).id);
    await createUser(t.admin, 'amy', 'Amy An', ['agent']);
    await createUser(t.admin, 'ben', 'Ben Bo', ['agent']);
    browser = await openBrowser();
    page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shares one record with a person, who then sees it', async () => {
    await page.goto(`${t.baseUrl}/o/case/${ids[0]}`);
    await page.click('[data-test="share-record"]');
    const dialog = page.locator('[data-test="share-dialog"]');
    await dialog.waitFor();
    await pickUser(page, '[data-test="share-dialog"]', 'Amy', 'Amy An (amy)');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.locator('.el-table__row', { hasText: 'Amy An' }).waitFor();
    await screenshot(page, 'share-dialog');
    await page.keyboard.press('Escape');

    const amy = await t.login('amy', PASSWORD);
    const seen = await expectStatus(amy.get('/api/records/case'), 200);
    expect(seen.data.map((r: { subject: string }) => r.subject)).toEqual(['Printer on fire']);
  });

  it('transfers the selected records of a list to another owner', async () => {
    await page.goto(`${t.baseUrl}/o/case`);
    const rows = page.locator('[data-test="record-table"] .el-table__body-wrapper .el-table__row');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.nth(1).locator('.el-checkbox').click();
    await rows.nth(2).locator('.el-checkbox').click();
    await page.click('[data-test="bulk-transfer"]');
    await pickUser(page, '[data-test="transfer-dialog"]', 'Ben', 'Ben Bo (ben)');
    await page.click('[data-test="transfer-run"]');
    await page.locator('[data-test="transfer-dialog"]').waitFor({ state: 'hidden' });
    const ben = await t.login('ben', PASSWORD);
    const seen = await expectStatus(ben.get('/api/records/case?sort=subject'), 200);
    expect(seen.data.map((r: { subject: string }) => r.subject)).toEqual(['Cannot log in', 'Invoice missing']);
    expect(seen.data.every((r: { _owner: string }) => r._owner === seen.data[0]._owner)).toBe(true);
  });

  it('the new owner sees the records in the browser, owned by them', async () => {
    const other = await openBrowser();
    try {
      const benPage = await other.page();
      await logIn(benPage, t.baseUrl, 'ben', PASSWORD);
      await benPage.click('[data-test="menu-case"]');
      const rows = benPage.locator('[data-test="record-table"] .el-table__body-wrapper .el-table__row');
      await expect.poll(() => rows.count()).toBe(2);
      await rows.first().locator('.title-link').click();
      await benPage.waitForSelector('[data-test="record-title"]');
      expect(await benPage.textContent('.system')).toContain('Owner: Ben Bo');
      // An agent may edit but not delete or transfer: the page offers only what the server allows.
      expect(await benPage.locator('[data-test="edit-record"]').count()).toBe(1);
      expect(await benPage.locator('[data-test="delete-record"]').count()).toBe(0);
      expect(await benPage.locator('[data-test="transfer-record"]').count()).toBe(0);
      await screenshot(benPage, 'transferred-record');
    } finally {
      await other.close();
    }
  });
});
