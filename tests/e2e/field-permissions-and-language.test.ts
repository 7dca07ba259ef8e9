import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

describe('a field the user may not read, and the language switch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/lead', {
      name: 'lead',
      label: { en: 'Lead', 'zh-CN': '线索' },
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } },
        { name: 'stage', type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: [
          { value: 'new', label: { en: 'New lead', 'zh-CN': '新线索' } },
          { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } },
        ] },
        { name: 'score', type: 'integer', label: { en: 'Score', 'zh-CN': '评分' } },
        { name: 'margin_secret', type: 'text', label: { en: 'Secret margin', 'zh-CN': '保密毛利' } },
      ],
    }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/rep', {
      name: 'rep',
      objects: { lead: { operations: ['read', 'create', 'update', 'export'], fields: { margin_secret: 'none' } } },
    }), 201);
    for (const [i, stage] of ['new', 'new', 'won'].entries()) {
      await expectStatus(t.admin.post('/api/records/lead', { name: `Lead ${i}`, stage, score: 10 * i, margin_secret: `SECRET-${i}` }), 201);
    }
    await createUser(t.admin, 'rita', 'Rita Ruiz', ['rep']);
  });
  afterAll(async () => t?.close());

  it('never shows the hidden field in the list, its column chooser, the form, the record page or the export', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rita', PASSWORD);
      await page.click('[data-test="menu-lead"]');
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      const headers = await page.locator('[data-test="record-table"] th').allTextContents();
      expect(headers.join('|')).toContain('Name');
      expect(headers.join('|')).toContain('Score');
      expect(headers.join('|')).not.toContain('Secret');
      expect(await page.locator('[data-test="record-table"]').textContent()).not.toContain('SECRET');
      await page.getByRole('button', { name: 'Columns' }).click();
      const chooser = page.locator('.el-popover .column-list').locator('visible=true');
      await chooser.waitFor();
      expect(await chooser.textContent()).not.toContain('Secret');
      // The charts offer the enum; the hidden text field is not among the groupings either.
      await page.locator('[data-test="list-charts"]').waitFor();
      await screenshot(page, 'hidden-field-list');

      // The export the browser downloads, read through the same session.
      const csv = await page.evaluate(async () => (await fetch('/api/records/lead/export?format=csv&codes=true')).text());
      expect(csv.split('\n')[0]).toContain('name');
      expect(csv).not.toContain('margin_secret');
      expect(csv).not.toContain('SECRET');
      // And the file the export button saves, with its progress shown meanwhile.
      await page.click('[data-test="export"]');
      await page.locator('[data-test="export-csv"]').locator('visible=true').click();
      // The dialog offers an export for people (the default) or machine codes.
      await page.locator('[data-test="export-for-people"]').waitFor();
      await screenshot(page, 'export-choice');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="export-start"]')]);
      const saved = readFileSync(await download.path(), 'utf8');
      expect(saved.split('\n')[0]).toContain('Name');
      expect(saved).toContain('New lead');
      expect(saved.split('\n')).toHaveLength(5);
      expect(saved).toContain('Lead 2');
      expect(saved).not.toContain('margin_secret');
      expect(saved).not.toContain('SECRET');
      await page.locator('[data-test="export-dialog"]', { hasText: 'Done' }).waitFor();
      await screenshot(page, 'export-done');
      await page.locator('[data-test="export-dialog"]').waitFor({ state: 'hidden' });

      await page.click('[data-test="new-record"]');
      await page.waitForSelector('[data-test="record-form"] [data-field="name"]');
      expect(await page.locator('[data-field="margin_secret"]').count()).toBe(0);
      expect(await page.locator('[data-test="record-form"]').textContent()).not.toContain('Secret');

      const { data } = await expectStatus(t.admin.get('/api/records/lead?sort=name'), 200);
      await page.goto(`${t.baseUrl}/o/lead/${data[0].id}`);
      await page.waitForSelector('[data-test="record-fields"]');
      expect(await page.locator('[data-test="record-fields"]').textContent()).toContain('Lead 0');
      expect(await page.locator('body').textContent()).not.toContain('SECRET');
      expect(await page.locator('body').textContent()).not.toContain('Secret margin');
      await page.click('[data-test="edit-record"]');
      await page.waitForSelector('[data-test="record-form"] [data-field="name"]');
      expect(await page.locator('[data-field="margin_secret"]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('switches object, field and option labels and the interface between English and Chinese', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rita', PASSWORD);
      await page.click('[data-test="menu-lead"]');
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      expect(await page.textContent('[data-test="list-title"]')).toBe('Lead');
      expect(await page.title()).toBe('Lead · Tessera');
      expect(await page.locator('[data-test="record-table"]').textContent()).toContain('New lead');
      expect(await page.textContent('[data-test="new-record"]')).toContain('New');

      await page.locator('[data-test="language-switch"]').getByText('中文').click();
      await expect.poll(() => page.textContent('[data-test="list-title"]')).toBe('线索');
      expect(await page.title()).toBe('线索 · Tessera');
      const headers = (await page.locator('[data-test="record-table"] th').allTextContents()).join('|');
      expect(headers).toContain('名称');
      expect(headers).toContain('阶段');
      expect(await page.locator('[data-test="record-table"]').textContent()).toContain('新线索');
      expect(await page.textContent('[data-test="new-record"]')).toContain('新建');
      expect(await page.textContent('[data-test="main-menu"]')).toContain('线索');
      expect(await page.textContent('[data-test="main-menu"]')).toContain('审批');
      await screenshot(page, 'language-zh');

      // The choice is remembered for the next visit.
      await page.reload();
      await expect.poll(() => page.textContent('[data-test="list-title"]')).toBe('线索');
      await page.locator('[data-test="language-switch"]').getByText('English').click();
      await expect.poll(() => page.textContent('[data-test="list-title"]')).toBe('Lead');
    } finally {
      await browser.close();
    }
  });

  it('is usable on a tablet: the menu folds away and the list stays readable', async () => {
    const browser = await openBrowser({ width: 820, height: 1180 });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rita', PASSWORD);
      await page.goto(`${t.baseUrl}/o/lead`);
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      const aside = await page.locator('.aside').boundingBox();
      expect(aside?.width ?? 0).toBeLessThan(10);
      const table = await page.locator('[data-test="record-table"]').boundingBox();
      expect(table?.width ?? 0).toBeGreaterThan(700);
      await screenshot(page, 'tablet-list');
      await page.getByRole('button', { name: 'Show or hide the menu' }).click();
      await page.locator('[data-test="menu-lead"]').waitFor({ state: 'visible' });
      await page.click('[data-test="menu-lead"]');
      // Choosing an entry folds the menu again on a narrow screen.
      await expect.poll(async () => (await page.locator('.aside').boundingBox())?.width ?? 0).toBeLessThan(10);
    } finally {
      await browser.close();
    }
  });
});
