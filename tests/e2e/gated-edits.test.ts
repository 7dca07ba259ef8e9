import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// R16: a salesperson's change to a key field waits for the manager; the page says so and shows what waits.
describe('an edit that needs approval', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/customer', {
      name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } },
        { name: 'credit_limit', type: 'integer', label: { en: 'Credit limit', 'zh-CN': '信用额度' } },
      ],
      history: ['credit_limit'],
      gatedEdits: [{ fields: ['credit_limit'], roles: ['sales_rep'], workflow: 'customer_edit' }],
    }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/customer_edit', {
      name: 'customer_edit', object: 'customer', initial: 'pending',
      states: { pending: { approval: { approvers: { managerOf: '_owner' } }, on: { approve: 'approved', reject: 'rejected' } }, approved: { type: 'final' }, rejected: { type: 'final' } },
    }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/sales_rep', { name: 'sales_rep', objects: { customer: { operations: ['read', 'create', 'update'] } } }), 201);
    const manager = await createUser(t.admin, 'mia', 'Mia Ma', ['sales_rep']);
    await createUser(t.admin, 'ray', 'Ray Ren', ['sales_rep'], { manager });
    const ray = await t.login('ray', PASSWORD);
    id = (await expectStatus(ray.post('/api/records/customer', { name: 'Hongta Group', credit_limit: 100000 }), 201)).id;
  });
  afterAll(async () => t?.close());

  it('keeps the old value, tells the salesperson, and shows the proposed value until the manager approves', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'ray', PASSWORD);
      await page.goto(`${t.baseUrl}/o/customer/${id}/edit`);
      await page.locator('[data-field="credit_limit"] input').fill('500000');
      await page.locator('[data-field="credit_limit"] input').blur();
      await page.click('[data-test="save-record"]');
      await toast(page, 'Saved; some changes wait for approval.');
      await page.waitForSelector('[data-test="record-fields"]');
      expect(await page.textContent('[data-test="record-fields"] [data-field="credit_limit"]')).toBe('100,000');
      await expect.poll(() => page.locator('[data-test="proposed-change"]').textContent()).toContain('500,000');
      expect(await page.textContent('[data-test="proposed-change"]')).toContain('Credit limit');
      await screenshot(page, 'gated-edit-pending');

      const mia = await t.login('mia', PASSWORD);
      const task = (await expectStatus(mia.get('/api/tasks'), 200)).data[0];
      await expectStatus(mia.post(`/api/tasks/${task.id}/approve`, {}), 200);
      await page.reload();
      await expect.poll(() => page.textContent('[data-test="record-fields"] [data-field="credit_limit"]')).toBe('500,000');
      expect(await page.locator('[data-test="proposed-change"]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
