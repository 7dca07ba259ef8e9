import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { choose, fieldError, toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';
import type { Page } from 'playwright-core';

interface NewField {
  name: string;
  type: string;
  en: string;
  zh: string;
  required?: boolean;
  options?: string[];
}

/** Adds a field in the object designer through its form. */
async function addField(page: Page, field: NewField): Promise<void> {
  await page.click('[data-test="add-field"]');
  const editor = page.locator('[data-test="field-editor"]');
  await editor.waitFor();
  await input(page, 'field-name').fill(field.name);
  await choose(page, 'field-type', field.type);
  await input(page, 'field-label-en').fill(field.en);
  await input(page, 'field-label-zh').fill(field.zh);
  if (field.required) await page.click('[data-test="field-required"]');
  for (const [i, option] of (field.options ?? []).entries()) {
    if (i > 0) await page.click('[data-test="add-option"]');
    await input(page, `option-${i}`).fill(option);
  }
  // Close the editor by clicking the field's summary row.
  await page.locator(`[data-test="field-row-${field.name}"] .field-summary`).click();
}

describe('an administrator designs, a user submits, an approver approves', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('administrator: object with fields, two roles and a workflow, all through the designers', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);

      await page.click('[data-test="menu-admin-objects"]');
      await page.click('[data-test="new-object"]');
      await input(page, 'new-object-name').fill('expense');
      await page.click('[data-test="new-object-continue"]');
      await page.waitForSelector('[data-test="field-row-name"]');
      await input(page, 'object-label-en').fill('Expense claim');
      await input(page, 'object-label-zh').fill('报销单');
      await addField(page, { name: 'amount', type: 'Currency', en: 'Amount', zh: '金额', required: true });
      await addField(page, { name: 'category', type: 'Choice', en: 'Category', zh: '类别', options: ['travel', 'meals', 'other'] });
      await addField(page, { name: 'contact_email', type: 'E-mail', en: 'Contact e-mail', zh: '联系邮箱' });
      await addField(page, { name: 'internal_note', type: 'Text', en: 'Internal note', zh: '内部备注' });
      // The live check has looked at the draft, and the preview shows the generated form.
      await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
      await page.locator('[data-test="record-form"] [data-field="internal_note"]').waitFor();
      await screenshot(page, 'admin-object-designer');
      await page.click('[data-test="save-object"]');
      await toast(page, 'Saved as version 1');

      const stored = await expectStatus(t.admin.get('/api/meta/objects/expense'), 200);
      expect(stored.label).toEqual({ en: 'Expense claim', 'zh-CN': '报销单' });
      expect(stored.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual(['name:text', 'amount:currency', 'category:enum', 'contact_email:email', 'internal_note:text']);
      expect(stored.fields[1].required).toBe(true);
      expect(stored.fields[2].options).toEqual(['travel', 'meals', 'other']);

      // Role of the people who claim: their own claims, without the internal note.
      await page.click('[data-test="menu-admin-roles"]');
      await page.click('[data-test="new-role"]');
      await input(page, 'new-role-name').fill('claimant');
      await page.click('[data-test="new-role-continue"]');
      for (const op of ['read', 'create', 'update', 'submit']) await page.click(`[data-test="grant-expense-${op}"]`);
      await page.click('[data-test="grant-details-expense"]');
      await page.locator('[data-test="field-access-internal_note"]').getByText('Hidden', { exact: true }).click();
      await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
      await screenshot(page, 'admin-role-editor');
      await page.click('[data-test="save-role"]');
      await toast(page, 'Saved');
      const claimant = await expectStatus(t.admin.get('/api/admin/roles/claimant'), 200);
      expect(claimant.objects.expense).toEqual({ operations: ['read', 'create', 'update', 'submit'], fields: { internal_note: 'none' } });

      await page.click('[data-test="menu-admin-roles"]');
      await page.click('[data-test="new-role"]');
      await input(page, 'new-role-name').fill('expense_approver');
      await page.click('[data-test="new-role-continue"]');
      for (const op of ['read', 'approve']) await page.click(`[data-test="grant-expense-${op}"]`);
      await page.click('[data-test="save-role"]');
      await toast(page, 'Saved');

      // The workflow: draft → review (approval by expense approvers) → approved.
      await page.click('[data-test="menu-admin-workflows"]');
      await page.click('[data-test="new-workflow"]');
      await input(page, 'new-workflow-name').fill('expense_approval');
      await page.click('[data-test="new-workflow-continue"]');
      await choose(page, 'workflow-object', 'Expense claim');
      await page.click('[data-test="state-review"]');
      await choose(page, 'approver-role', 'expense_approver');
      await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
      await page.locator('[data-test="workflow-diagram"] .node.approval[data-state="review"]').waitFor();
      await screenshot(page, 'admin-workflow-designer');
      await page.click('[data-test="save-workflow"]');
      await toast(page, 'Saved as version 1');
      const workflow = await expectStatus(t.admin.get('/api/meta/workflows/expense_approval'), 200);
      expect(workflow.object).toBe('expense');
      expect(workflow.states.review.approval.approvers).toEqual({ role: 'expense_approver' });
    } finally {
      await browser.close();
    }
  });

  it('end user: the generated form shows mistakes beside their fields, then saves and submits', async () => {
    // A rule the server checks (the browser cannot): large amounts need a purchase order.
    const def = await expectStatus(t.admin.get('/api/meta/objects/expense'), 200);
    const { version: _v, ...definition } = def;
    await expectStatus(t.admin.put('/api/meta/objects/expense', {
      ...definition,
      validationRules: [{ name: 'needs_po', field: 'amount', errorWhen: { amount: { $gt: 5000 } }, message: { en: 'Amounts above 5000 need a purchase order.', 'zh-CN': '超过 5000 需要采购单。' } }],
    }), 200);
    await createUser(t.admin, 'carol', 'Carol Chen', ['claimant']);
    // Submitting needs someone to approve: the review step's approvers must resolve to an active user.
    await createUser(t.admin, 'victor', 'Victor Wang', ['expense_approver']);

    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'carol', PASSWORD);
      await page.click('[data-test="menu-expense"]');
      await page.waitForSelector('[data-test="record-table"]');
      await page.click('[data-test="new-record"]');
      await page.waitForSelector('[data-test="record-form"]');
      expect(await page.locator('[data-field="internal_note"]').count()).toBe(0);

      await page.click('[data-test="save-record"]');
      await expect.poll(() => fieldError(page, 'name').textContent()).toBe('This field is required.');
      expect(await fieldError(page, 'amount').textContent()).toBe('This field is required.');
      await page.locator('[data-field="contact_email"] input').fill('carol-at-example');
      await page.locator('[data-field="contact_email"] input').blur();
      await expect.poll(() => fieldError(page, 'contact_email').textContent()).toContain('Enter an e-mail address');
      await screenshot(page, 'user-form-errors');

      await page.locator('[data-field="name"] input').fill('Taxi to the airport');
      await page.locator('[data-field="amount"] input').fill('8000');
      await page.locator('[data-field="amount"] input').blur();
      await page.locator('[data-field="contact_email"] input').fill('carol@example.com');
      await page.locator('[data-field="contact_email"] input').blur();
      await page.click('[data-test="save-record"]');
      // The server's rule refuses it; its message (in the user's language) stands beside the amount.
      await expect.poll(() => fieldError(page, 'amount').textContent()).toBe('Amounts above 5000 need a purchase order.');
      await page.locator('[data-test="form-error"]').waitFor();
      await screenshot(page, 'user-form-server-error');

      await page.locator('[data-field="amount"] input').fill('120');
      await page.locator('[data-field="amount"] input').blur();
      await page.click('[data-test="save-record"]');
      await page.waitForSelector('[data-test="record-title"]');
      expect(await page.textContent('[data-test="record-title"]')).toBe('Taxi to the airport');
      expect(await page.locator('[data-test="record-fields"]').textContent()).not.toContain('Internal note');

      await page.locator('[data-test="workflow-submit"]').click();
      await expect.poll(() => page.locator('[data-test="workflow-state"]').textContent()).toBe('Review');
      // The diagram highlights the state the record is in.
      await page.locator('[data-test="workflow-diagram"] .node.current[data-state="review"]').waitFor();
      await screenshot(page, 'user-record-submitted');
    } finally {
      await browser.close();
    }
    const { data } = await expectStatus(t.admin.get('/api/records/expense'), 200);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ name: 'Taxi to the airport', amount: 120, contact_email: 'carol@example.com', _state: 'review' });
  });

  it('approver: the count in the header, the task with its summary in the inbox, approve', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'victor', PASSWORD);
      await expect.poll(() => page.locator('[data-test="inbox-count"] sup').textContent()).toBe('1');
      await page.click('[data-test="inbox-link"]');
      const task = page.locator('[data-test="task-card"]').first();
      await task.waitFor();
      expect(await task.textContent()).toContain('Taxi to the airport');
      await expect.poll(() => task.textContent()).toContain('Amount');
      await task.locator('[data-test="task-comment"] textarea, textarea[data-test="task-comment"]').fill('Fine, thanks.');
      await screenshot(page, 'approver-inbox');
      await task.locator('[data-test="approve"]').click();
      await toast(page, 'Approved.');
      await page.getByRole('tab', { name: 'Decided' }).click();
      await page.locator('[data-test="done-tasks"]', { hasText: 'approved' }).waitFor();
      await expect.poll(() => page.locator('[data-test="inbox-count"] sup').isVisible()).toBe(false);
      await screenshot(page, 'approver-decided');
    } finally {
      await browser.close();
    }
    const { data } = await expectStatus(t.admin.get('/api/records/expense'), 200);
    expect(data[0]._state).toBe('approved');
  });
});
