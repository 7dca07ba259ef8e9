import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 17 item 3: a list cell edited in place (the record's own access decides; a refusal, a stale
// version and a change waiting for approval are said), and a bulk edit reporting each record.

describe('inline and bulk edit of a list', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/deal', {
      name: 'deal', label: { en: 'Deal', 'zh-CN': '商机' }, titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } },
        { name: 'stage', type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: [
          { value: 'open', label: { en: 'Open', 'zh-CN': '进行中' }, color: '#409eff' },
          { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' }, color: '#1f8a4c' },
          { value: 'lost', label: { en: 'Lost', 'zh-CN': '输单' }, color: '#c0392b' },
        ] },
        { name: 'notes', type: 'text', label: { en: 'Notes', 'zh-CN': '备注' } },
        { name: 'discount', type: 'integer', max: 50, label: { en: 'Discount', 'zh-CN': '折扣' } },
        { name: 'credit', type: 'integer', label: { en: 'Credit', 'zh-CN': '信用额度' } },
      ],
      gatedEdits: [{ fields: ['credit'], roles: ['deal_rep'], workflow: 'deal_credit' }],
    }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/deal_rep', { name: 'deal_rep', objects: { deal: { operations: ['read', 'create', 'update'], scope: { update: 'own' } } } }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/deal_credit', {
      name: 'deal_credit', object: 'deal', initial: 'pending',
      states: { pending: { approval: { approvers: { managerOf: '_owner' } }, on: { approve: 'approved', reject: 'rejected' } }, approved: { type: 'final' }, rejected: { type: 'final' } },
    }), 201);
    const manager = await createUser(t.admin, 'mona', 'Mona Meng', ['deal_rep']);
    await createUser(t.admin, 'rick', 'Rick Ren', ['deal_rep'], { manager });
    const rick = await t.login('rick', PASSWORD);
    const mona = await t.login('mona', PASSWORD);
    for (const [name, stage] of [['Alpha', 'open'], ['Beta', 'won'], ['Gamma', 'lost']]) ids[name] = (await expectStatus(rick.post('/api/records/deal', { name, stage, notes: 'old', credit: 100 }), 201)).id;
    ids.Delta = (await expectStatus(mona.post('/api/records/deal', { name: 'Delta', stage: 'open', notes: 'old' }), 201)).id;
  });
  afterAll(async () => t?.close());

  const row = (page: Page, name: string) => page.locator('[data-test="record-table"] .el-table__row', { hasText: name });
  async function openCell(page: Page, name: string, field: string) {
    const cell = row(page, name).locator(`.cell-view[data-field="${field}"]`);
    await cell.hover();
    await cell.locator('[data-test="cell-edit"]').click();
  }
  const stored = async (name: string) => (await t.admin.get(`/api/records/deal/${ids[name]}`)).body;

  it('edits a cell in place and says what the server refused, on a desktop', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rick', PASSWORD);
      await page.goto(`${t.baseUrl}/o/deal?`);
      await row(page, 'Delta').waitFor();
      // Enum tags wear the colours the object declares.
      const won = row(page, 'Beta').locator('[data-option="won"]');
      expect(await won.getAttribute('style')).toContain('background-color: rgb(31, 138, 76)');

      await openCell(page, 'Alpha', 'notes');
      await input(page, 'cell-editor').fill('called back');
      await page.keyboard.press('Enter');
      await row(page, 'Alpha').getByText('called back').waitFor();
      expect(await stored('Alpha')).toMatchObject({ notes: 'called back', _version: 2 });

      // A value the server refuses: its reason beside the cell, which stays open; Esc leaves it as it was.
      await openCell(page, 'Alpha', 'discount');
      await page.locator('[data-test="cell-editor"] input').fill('80');
      await page.keyboard.press('Enter');
      await page.locator('[data-test="cell-error"]').waitFor();
      expect(await page.textContent('[data-test="cell-error"]')).toContain('50');
      await screenshot(page, 'inline-edit-refused');
      await page.keyboard.press('Escape');
      await page.locator('[data-test="cell-editor"]').waitFor({ state: 'detached' });
      expect((await stored('Alpha')).discount).toBeNull();

      // Someone else changed the record meanwhile: the page says so and shows the record as it is now.
      await expectStatus(t.admin.patch(`/api/records/deal/${ids.Beta}`, { _version: 1, notes: 'changed by admin' }), 200);
      await openCell(page, 'Beta', 'notes');
      await input(page, 'cell-editor').fill('mine');
      await page.keyboard.press('Enter');
      await toast(page, 'Someone changed this record meanwhile');
      await row(page, 'Beta').getByText('changed by admin').waitFor();

      // A change that needs the manager's approval keeps the old value and says so.
      await openCell(page, 'Gamma', 'credit');
      await page.locator('[data-test="cell-editor"] input').fill('900');
      await page.keyboard.press('Enter');
      await toast(page, 'the change waits for approval');
      expect((await stored('Gamma')).credit).toBe(100);

      // Someone else's record: this user may read it but not change it.
      await openCell(page, 'Delta', 'notes');
      await toast(page, 'You may not change this field of this record.');
      expect(await page.locator('[data-test="cell-editor"]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('edits the selected rows at once and lists the records it could not change', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rick', PASSWORD);
      await page.goto(`${t.baseUrl}/o/deal`);
      await row(page, 'Delta').waitFor();
      await page.locator('[data-test="record-table"] thead .el-checkbox').click();
      await page.click('[data-test="bulk-edit"]');
      await choose(page, 'bulk-edit-field', 'Stage');
      await page.locator('[data-test="bulk-edit-value"] .el-select').click();
      await page.getByRole('option', { name: 'Won', exact: true }).locator('visible=true').click();
      await page.click('[data-test="bulk-edit-run"]');
      await page.locator('[data-test="bulk-edit-summary"]').waitFor();
      expect(await page.textContent('[data-test="bulk-edit-summary"]')).toBe('3 changed, 0 waiting for approval, 1 not changed.');
      const failures = await page.locator('[data-test="bulk-edit-failures"] .el-table__row').allTextContents();
      expect(failures).toHaveLength(1);
      expect(failures[0]).toContain('Delta');
      await screenshot(page, 'bulk-edit-results');
      await page.click('[data-test="bulk-edit-close"]');
      for (const name of ['Alpha', 'Beta', 'Gamma']) expect((await stored(name)).stage).toBe('won');
      expect((await stored('Delta')).stage).toBe('open');
      await row(page, 'Alpha').locator('[data-option="won"]').waitFor();
      await screenshot(page, 'bulk-edit-list');
    } finally {
      await browser.close();
    }
  });

  // A phone shows a list as cards (edited on the record's page); a touch tablet keeps the table.
  it('offers the pencil on a touch tablet, where nothing hovers', async () => {
    const browser = await openBrowser({ width: 820, height: 1180, locale: 'zh-CN', touch: true });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'rick', PASSWORD);
      await page.goto(`${t.baseUrl}/o/deal`);
      await row(page, 'Alpha').waitFor();
      const pencil = row(page, 'Alpha').locator('.cell-view[data-field="name"] [data-test="cell-edit"]');
      await pencil.click();
      await page.locator('[data-test="cell-editor"]').waitFor();
      await screenshot(page, 'inline-edit-tablet');
      await page.keyboard.press('Escape');
    } finally {
      await browser.close();
    }
  });
});
