import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { SCREENSHOTS, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';

// Configuration transfer in the admin area: export the running system's configuration as a file,
// change the system, import the earlier file, read the diff (a lossy change flagged) and apply it.

const site = {
  name: 'site', label: { en: 'Site', 'zh-CN': '站点' }, titleField: 'title',
  fields: [{ name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '名称' } }, { name: 'status', type: 'enum', options: ['open', 'closed'] }],
};
const siteRep = { name: 'site_rep', label: { en: 'Site rep', 'zh-CN': '站点专员' }, objects: { site: { operations: ['read', 'create', 'update'] } } };

describe('an administrator moves a configuration back with a preview', () => {
  let t: TestApp;
  let browser: Browser;
  let folder: string;
  let exported: string;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/site', site), 201);
    await expectStatus(t.admin.put('/api/admin/roles/site_rep', siteRep), 201);
    folder = await mkdtemp(join(tmpdir(), 'tessera-config-e2e-'));
    exported = join(folder, 'configuration.json');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('exports, shows the diff of the earlier file after a change, and applies it', async () => {
    browser = await openBrowser();
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.click('[data-test="menu-admin"]');
    await page.click('[data-test="menu-admin-config-transfer"]');
    await page.waitForSelector('[data-test="config-transfer"]');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="config-export"]')]);
    expect(download.suggestedFilename()).toMatch(/^configuration-\d{4}-\d{2}-\d{2}\.json$/);
    await download.saveAs(exported);

    // The system moves on: a new field with a value in it, and a role that may do more.
    await expectStatus(t.admin.put('/api/meta/objects/site', { ...site, fields: [...site.fields, { name: 'depth', type: 'number', label: { en: 'Depth', 'zh-CN': '深度' } }] }), 200);
    await expectStatus(t.admin.post('/api/records/site', { title: 'North quay', depth: 12 }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/site_rep', { ...siteRep, objects: { site: { operations: ['read', 'create', 'update', 'delete'] } } }), 200);

    await page.setInputFiles('[data-test="config-file"]', exported);
    const siteRow = page.locator('[data-test="config-diff"] .el-table__row', { has: page.locator('[data-test="diff-object-site"]') });
    await siteRow.waitFor();
    expect(await siteRow.textContent()).toContain('Site');
    expect(await siteRow.textContent()).toContain('changed');
    await siteRow.locator('[data-test="lossy"]').waitFor();
    expect(await page.textContent('[data-test="config-problems"]')).toContain('/definitions/objects/0');
    expect(await page.textContent('[data-test="config-problems"]')).toContain('import with data loss accepted');
    expect(await page.isDisabled('[data-test="config-apply"]')).toBe(true);

    await siteRow.locator('.el-table__expand-icon').click();
    const expanded = page.locator('.pointers').first();
    await expanded.waitFor();
    expect(await expanded.textContent()).toContain('/fields/2');
    expect(await page.textContent('[data-test="config-diff"]')).toMatch(/1 record has a value in 'depth'|depth/);
    const roleRow = page.locator('[data-test="config-diff"] .el-table__row', { has: page.locator('[data-test="diff-role-site_rep"]') });
    expect(await roleRow.textContent()).toContain('Site rep');
    await screenshot(page, 'config-transfer-diff-desktop');

    await page.click('[data-test="config-accept-lossy"]');
    await page.waitForSelector('[data-test="config-valid"]');
    await page.click('[data-test="config-apply"]');
    await page.locator('.el-message-box').waitFor();
    expect(await page.textContent('.el-message-box')).toContain('cannot be restored');
    await page.click('.el-message-box__btns .el-button--primary');
    await toast(page, 'The configuration was applied.');
    await page.waitForSelector('[data-test="config-nothing"]');
    const history = page.locator('[data-test="config-imports"] .el-table__row').first();
    await history.waitFor();
    expect(await history.textContent()).toContain('admin');
    expect(await history.textContent()).toContain('2 changed');

    const restored = await expectStatus(t.admin.get('/api/meta/objects/site'), 200);
    expect(restored.fields.map((f: { name: string }) => f.name)).toEqual(['title', 'status']);
    expect((await expectStatus(t.admin.get('/api/admin/roles/site_rep'), 200)).objects.site.operations).toEqual(['read', 'create', 'update']);
    await screenshot(page, 'config-transfer-applied-desktop');
  });

  it('shows the diff on a phone, in Chinese', async () => {
    await expectStatus(t.admin.put('/api/admin/roles/site_rep', { ...siteRep, label: { en: 'Site agent', 'zh-CN': '站点代理' } }), 200);
    const phone = await openBrowser({ width: 390, height: 844, locale: 'zh-CN' });
    try {
      const page = await phone.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.goto(`${t.baseUrl}/admin/config-transfer`);
      await page.waitForSelector('[data-test="config-transfer"]');
      expect(await page.textContent('h1')).toContain('配置迁移');
      await page.setInputFiles('[data-test="config-file"]', exported);
      const roleRow = page.locator('[data-test="config-diff"] .el-table__row', { has: page.locator('[data-test="diff-role-site_rep"]') });
      await roleRow.waitFor();
      expect(await roleRow.textContent()).toContain('站点专员');
      expect(await roleRow.textContent()).toContain('角色');
      await roleRow.locator('.el-table__expand-icon').click();
      await page.locator('.pointers').first().waitFor();
      expect(await page.textContent('.pointers')).toContain('/label/en');
      const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'config-transfer-diff-phone');
      // The page scrolls inside the shell, past what a full-page shot holds: the diff on its own.
      await page.locator('[data-test="config-diff"]').screenshot({ path: join(SCREENSHOTS, 'config-transfer-diff-phone-table.png') });
    } finally {
      await phone.close();
    }
  });
});
