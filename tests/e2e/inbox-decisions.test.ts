import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { choose, pickUser, toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

async function as<T>(t: TestApp, username: string, work: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    await logIn(page, t.baseUrl, username, PASSWORD);
    try {
      return await work(page);
    } catch (error) {
      await screenshot(page, `failed-${username}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}

describe('lookups, delegation, rejection to an earlier step and notifications', () => {
  let t: TestApp;
  let tripId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/client', { name: 'client', label: { en: 'Client', 'zh-CN': '客户' }, titleField: 'name', fields: [{ name: 'name', type: 'text', required: true }] }), 201);
    for (const name of ['Acme Ltd', 'Acorn Foods', 'Brightside']) await expectStatus(t.admin.post('/api/records/client', { name }), 201);
    await expectStatus(t.admin.put('/api/meta/objects/trip', {
      name: 'trip', label: { en: 'Trip', 'zh-CN': '出差' }, titleField: 'purpose',
      fields: [
        { name: 'purpose', type: 'text', required: true, label: { en: 'Purpose', 'zh-CN': '事由' } },
        { name: 'customer', type: 'lookup', target: 'client', label: { en: 'Customer', 'zh-CN': '客户' } },
        { name: 'nights', type: 'integer', min: 0, label: { en: 'Nights', 'zh-CN': '晚数' } },
      ],
    }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/traveller', { name: 'traveller', objects: { trip: { operations: ['read', 'create', 'update', 'submit'] }, client: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/team_lead', { name: 'team_lead', objects: { trip: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/deputy', { name: 'deputy', objects: { trip: { operations: ['read'] }, client: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/finance', { name: 'finance', objects: { trip: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/trip_approval', {
      name: 'trip_approval', object: 'trip', initial: 'draft',
      states: {
        draft: { on: { submit: 'lead_review' }, entry: [{ notify: { to: { field: '_owner' }, message: { en: 'Your trip is back with you.', 'zh-CN': '您的出差申请已退回。' } } }] },
        lead_review: { approval: { approvers: { role: 'team_lead' } }, on: { approve: 'finance_review', reject: 'draft' } },
        finance_review: { approval: { approvers: { role: 'finance' } }, on: { approve: 'approved', reject: 'lead_review' } },
        approved: { type: 'final' },
      },
    }), 201);
    await createUser(t.admin, 'tom', 'Tom Tan', ['traveller']);
    await createUser(t.admin, 'lena', 'Lena Liu', ['team_lead']);
    await createUser(t.admin, 'dan', 'Dan Du', ['deputy']);
    await createUser(t.admin, 'fred', 'Fred Fu', ['finance']);
  });
  afterAll(async () => t?.close());

  it('the traveller picks the customer by typing part of its name, saves and submits', async () => {
    tripId = await as(t, 'tom', async (page) => {
      await page.click('[data-test="menu-trip"]');
      await page.click('[data-test="new-record"]');
      await page.locator('[data-field="purpose"] input').fill('Visit to sign the contract');
      await page.locator('[data-field="customer"] .el-select').click();
      await page.keyboard.type('Ac');
      // Search as you type: only the titles containing what was typed are offered.
      await expect.poll(async () => (await page.getByRole('option').locator('visible=true').allTextContents()).sort()).toEqual(['Acme Ltd', 'Acorn Foods']);
      await page.getByRole('option', { name: 'Acme Ltd' }).locator('visible=true').click();
      await page.locator('[data-field="nights"] input').fill('2');
      await page.click('[data-test="save-record"]');
      await page.waitForSelector('[data-test="record-title"]');
      expect(await page.locator('[data-test="record-fields"] [data-field="customer"]').textContent()).toBe('Acme Ltd');
      await page.click('[data-test="workflow-submit"]');
      await expect.poll(() => page.locator('[data-test="workflow-state"]').textContent()).toBe('Lead review');
      return new URL(page.url()).pathname.split('/').pop()!;
    });
    const trip = await expectStatus(t.admin.get(`/api/records/trip/${tripId}`), 200);
    expect(trip._state).toBe('lead_review');
  });

  it('a team lead passes the task on to a colleague, who approves it', async () => {
    await as(t, 'lena', async (page) => {
      await page.click('[data-test="inbox-link"]');
      const task = page.locator('[data-test="task-card"]').first();
      await task.locator('[data-test="delegate"]').click();
      await pickUser(page, '[data-test="task-card"]', 'Dan', 'Dan Du (dan)');
      await task.locator('textarea[data-test="task-comment"], [data-test="task-comment"] textarea').fill('Dan knows this customer.');
      await task.locator('[data-test="confirm-delegate"]').click();
      await toast(page, 'Passed on.');
      await page.getByRole('tab', { name: 'Decided' }).click();
      await page.locator('[data-test="done-tasks"]', { hasText: 'passed on' }).waitFor();
    });
    await as(t, 'dan', async (page) => {
      await page.click('[data-test="inbox-link"]');
      const task = page.locator('[data-test="task-card"]').first();
      expect(await task.textContent()).toContain('Passed on to you by someone else.');
      // The summary and the customer's title arrive after the card.
      await expect.poll(() => task.textContent()).toContain('Acme Ltd');
      await task.locator('[data-test="approve"]').click();
      await toast(page, 'Approved.');
    });
    const trip = await expectStatus(t.admin.get(`/api/records/trip/${tripId}`), 200);
    expect(trip._state).toBe('finance_review');
  });

  it('finance rejects it back to the very first step, and the traveller is notified', async () => {
    await as(t, 'fred', async (page) => {
      await page.click('[data-test="inbox-link"]');
      const task = page.locator('[data-test="task-card"]').first();
      await task.locator('[data-test="reject"]').click();
      // Earlier steps go by readable names (this workflow's states have no labels).
      await choose(page, 'reject-to', 'Draft');
      await task.locator('textarea[data-test="task-comment"], [data-test="task-comment"] textarea').fill('Please add the hotel quote.');
      await screenshot(page, 'inbox-reject-to');
      await task.locator('[data-test="confirm-reject"]').click();
      await toast(page, 'Rejected.');
    });
    const trip = await expectStatus(t.admin.get(`/api/records/trip/${tripId}`), 200);
    expect(trip._state).toBe('draft');

    await as(t, 'tom', async (page) => {
      await page.click('[data-test="bell"]');
      await page.click('[data-test="bell-see-all"]');
      const notes = page.locator('[data-test="notifications"]');
      // The workflow's message, in the reader's language (not the stored pair of languages), and the
      // engine's notice of the rejection with the approver's comment.
      await expect.poll(() => notes.locator('[data-test="notification-message"]').allTextContents()).toContain('Your trip is back with you.');
      expect((await notes.locator('[data-test="notification-message"]').allTextContents()).some((m) => m.endsWith('sent it back to "Draft": Please add the hotel quote.'))).toBe(true);
      await screenshot(page, 'notifications');
      await notes.getByRole('button', { name: 'Mark all as read' }).click();
      await notes.getByText('No notifications.').waitFor();
      await page.goto(`${t.baseUrl}/o/trip/${tripId}`);
      const panel = page.locator('[data-test="workflow-panel"]');
      await expect.poll(() => panel.locator('[data-test="workflow-state"]').textContent()).toBe('Draft');
      expect(await panel.textContent()).toContain('Please add the hotel quote.');
      // Back in draft, the traveller can send it on again.
      await panel.locator('[data-test="workflow-event-submit"]').waitFor();
      // It goes on inside the running instance, not as a new submission.
      expect(await panel.locator('[data-test="workflow-submit"]').count()).toBe(0);
      await screenshot(page, 'record-rejected');
    });
  });
});
