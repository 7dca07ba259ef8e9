import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { choose, pickUser } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';


describe('an administrator organises departments, people and roles, and asks why', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/memo', { name: 'memo', label: { en: 'Memo', 'zh-CN': '备忘' }, titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'textarea' }] }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/memo_reader', { name: 'memo_reader', label: { en: 'Memo reader', 'zh-CN': '备忘读者' }, objects: { memo: { operations: ['read'], scope: { read: 'department_tree' }, fields: { body: 'none' } } } }), 201);
    browser = await openBrowser();
    page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('builds a department tree with a head, and a user with department, manager and roles', async () => {
    await page.click('[data-test="menu-admin-organisation"]');
    await page.click('[data-test="new-department"]');
    await input(page, 'department-name').fill('Sales');
    await page.click('[data-test="save-department"]');
    await page.locator('[data-test="department-tree"]', { hasText: 'Sales' }).waitFor();

    await page.locator('[data-test="department-tree"] .el-tree-node__content', { hasText: 'Sales' }).first().click();
    await page.click('[data-test="new-department"]');
    await input(page, 'department-name').fill('Sales East');
    await pickUser(page, '.el-dialog', 'Admin', 'Administrator (admin)');
    await page.click('[data-test="save-department"]');
    await page.locator('[data-test="department-tree"]', { hasText: 'Sales East' }).waitFor();
    expect(await page.textContent('[data-test="department-tree"]')).toContain('Head: Administrator');

    await page.click('[data-test="new-user"]');
    await input(page, 'user-username').fill('sam');
    await input(page, 'user-name').fill('Sam Su');
    await input(page, 'user-password').fill('Strong-pass-2026');
    await choose(page, 'user-department', '· Sales East');
    await pickUser(page, '[data-test="user-dialog"]', 'Admin', 'Administrator (admin)');
    await choose(page, 'user-roles', 'Memo reader (memo_reader)');
    await page.keyboard.press('Escape');
    await page.click('[data-test="save-user"]');
    await page.locator('[data-test="users-table"]', { hasText: 'Sam Su' }).waitFor();
    expect(await page.textContent('[data-test="users-table"]')).toContain('Memo reader');
    await screenshot(page, 'organisation');

    const { data: departments } = await expectStatus(t.admin.get('/api/admin/departments'), 200);
    const sales = departments.find((d: { name: string }) => d.name === 'Sales');
    const east = departments.find((d: { name: string }) => d.name === 'Sales East');
    expect(east.parent).toBe(sales.id);
    const admin = (await expectStatus(t.admin.get('/api/admin/users?q=admin'), 200)).data[0];
    expect(east.head).toBe(admin.id);
    const sam = (await expectStatus(t.admin.get('/api/admin/users?q=sam'), 200)).data[0];
    expect(sam).toMatchObject({ name: 'Sam Su', department: east.id, manager: admin.id, roles: ['memo_reader'], active: true });
  });

  it('explains, level by level, what the new user may do', async () => {
    await page.goto(`${t.baseUrl}/admin/roles/memo_reader`);
    await page.getByRole('tab', { name: 'Explain' }).click();
    const tool = page.locator('[data-test="explain-tool"]');
    await pickUser(page, '[data-test="explain-tool"]', 'Sam', 'Sam Su (sam)');
    await tool.locator('.el-select').nth(1).click();
    await page.getByRole('option', { name: 'Memo', exact: true }).locator('visible=true').click();
    await tool.getByRole('button', { name: 'Explain' }).click();
    await tool.locator('.el-alert', { hasText: 'Allowed' }).waitFor();
    const levels = await tool.locator('.el-table__row').allTextContents();
    expect(levels.length).toBeGreaterThanOrEqual(5);
    expect(levels.join('|')).toContain('Login');
    expect(levels.join('|')).toContain('Department');

    await tool.locator('.el-select').nth(3).click();
    await page.getByRole('option', { name: 'Body', exact: true }).locator('visible=true').click();
    await tool.getByRole('button', { name: 'Explain' }).click();
    await tool.locator('.el-alert', { hasText: 'Not allowed' }).waitFor();
    await screenshot(page, 'explain');
  });

  it('the role editor refuses a broken scope with the problem beside it, before saving', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const json = page.locator('.json-editor textarea').locator('visible=true');
    const doc = JSON.parse(await json.inputValue());
    doc.objects.memo.fields = { nowhere: 'none' };
    await json.fill(JSON.stringify(doc, null, 2));
    await page.locator('[data-test="live-check"]', { hasText: '/objects/memo/fields/nowhere' }).waitFor();
    await page.click('[data-test="save-role"]');
    await page.locator('[data-test="save-error"]', { hasText: '/objects/memo/fields/nowhere' }).waitFor();
    const stored = await expectStatus(t.admin.get('/api/admin/roles/memo_reader'), 200);
    expect(stored.objects.memo.fields).toEqual({ body: 'none' });
  });
});
