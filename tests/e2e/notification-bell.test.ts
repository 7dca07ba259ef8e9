import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 17, item 4: the bell in the header. A rejection arrives in the submitter's bell naming the
// record (object label and title) and opens it; a countersign's approvers still pending are told who
// approved, and their task cards list who approved and who is pending. Desktop and phone.

const deal = {
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'name',
  fields: [{ name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } }, { name: 'amount', type: 'number', label: { en: 'Amount', 'zh-CN': '金额' } }],
};
const workflow = {
  name: 'deal_approval',
  label: { en: 'Deal approval', 'zh-CN': '交易审批' },
  object: 'deal',
  initial: 'draft',
  states: {
    draft: { label: { en: 'Draft', 'zh-CN': '草稿' }, on: { submit: 'manager_review' } },
    manager_review: {
      label: { en: 'Manager review', 'zh-CN': '经理审批' },
      approval: { approvers: { managerOf: '_owner' } },
      on: { approve: [{ target: 'finance_review', when: { amount: { $gt: 10000 } } }, { target: 'approved' }], reject: 'draft' },
    },
    finance_review: { label: { en: 'Finance review', 'zh-CN': '财务会签' }, approval: { approvers: { role: 'finance' }, mode: 'all' }, on: { approve: 'approved', reject: 'draft' } },
    approved: { label: { en: 'Approved', 'zh-CN': '已批准' }, type: 'final' },
  },
};

describe('the notification bell', () => {
  let t: TestApp;
  const api: Record<string, ApiClient> = {};

  async function submittedDeal(name: string, amount: number): Promise<string> {
    const id = (await expectStatus(api.rep.post('/api/records/deal', { name, amount }), 201)).id as string;
    await expectStatus(api.rep.post(`/api/records/deal/${id}/submit`, {}), 200);
    return id;
  }
  async function decide(who: ApiClient, id: string, decision: 'approve' | 'reject', comment?: string) {
    const task = (await who.get('/api/tasks?status=open')).body.data.find((k: { recordId: string }) => k.recordId === id);
    await expectStatus(who.post(`/api/tasks/${task.id}/${decision}`, { comment }), 200);
  }
  const fitsPhone = async (page: Page, selector: string) => {
    const box = await page.locator(selector).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/deal', deal), 201);
    await expectStatus(t.admin.put('/api/admin/roles/seller', { name: 'seller', objects: { deal: { operations: ['read', 'create', 'update', 'submit'], scope: { read: 'own', update: 'own' } } } }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/finance', { name: 'finance', objects: { deal: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/boss', { name: 'boss', objects: { deal: { operations: ['read'] } } }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/deal_approval', workflow), 201);
    const boss = await createUser(t.admin, 'bell.boss', 'Bea Boss', ['boss']);
    await createUser(t.admin, 'bell.rep', 'Rita Rep', ['seller'], { manager: boss });
    await createUser(t.admin, 'bell.fin1', 'Fay Finance', ['finance']);
    await createUser(t.admin, 'bell.fin2', 'Fred Finance', ['finance']);
    await createUser(t.admin, 'bell.fin3', 'Flo Finance', ['finance']);
    for (const [key, username] of Object.entries({ boss: 'bell.boss', rep: 'bell.rep', fin1: 'bell.fin1', fin2: 'bell.fin2' })) api[key] = await t.login(username, PASSWORD);
  });
  afterAll(async () => t?.close());

  it('brings a rejection to the submitter on a desktop: it names the record, opens it and is marked read', async () => {
    const id = await submittedDeal('Harbour cranes', 5000);
    await decide(api.boss, id, 'reject', 'The price is below our floor');
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'bell.rep', PASSWORD);
      await expect.poll(() => page.textContent('[data-test="bell-count"]')).toBe('1');
      await page.click('[data-test="bell"]');
      const item = page.locator('[data-test="bell-item"]').first();
      await expect.poll(() => item.locator('[data-test="bell-record"]').textContent()).toBe('Deal · Harbour cranes');
      expect(await item.locator('[data-test="bell-text"]').textContent()).toBe('Bea Boss rejected it at "Manager review" and sent it back to "Draft": The price is below our floor');
      expect(await item.getAttribute('data-read')).toBe('no');
      await screenshot(page, 'notification-bell-desktop');

      await item.click();
      await page.waitForURL(`**/o/deal/${id}`);
      await page.waitForSelector('text=Harbour cranes');
      await expect.poll(() => page.locator('[data-test="bell-count"]').count()).toBe(0);

      // A new rejection while the page is open: opening the bell fetches it, without a reload.
      const second = await submittedDeal('Dock lights', 800);
      await decide(api.boss, second, 'reject');
      await page.click('[data-test="bell"]');
      await expect.poll(() => page.locator('[data-test="bell-item"]').first().locator('[data-test="bell-record"]').textContent()).toBe('Deal · Dock lights');
      await expect.poll(() => page.textContent('[data-test="bell-count"]')).toBe('1');
      await page.click('[data-test="bell-mark-all"]');
      await expect.poll(() => page.locator('[data-test="bell-count"]').count()).toBe(0);
      expect(await page.locator('[data-test="bell-item"][data-read="no"]').count()).toBe(0);
      await page.click('[data-test="bell-see-all"]');
      await page.waitForURL('**/inbox?tab=notifications');
      await expect.poll(() => page.locator('[data-test="notification-record"]').first().textContent()).toContain('Deal · Dock lights');
    } finally {
      await browser.close();
    }
  });

  it('tells a countersigner on a phone who approved and who is pending, on the card and in the bell, in both languages', async () => {
    const id = await submittedDeal('Container terminal', 50000);
    await decide(api.boss, id, 'approve');
    await decide(api.fin1, id, 'approve', 'Fine by me');
    const browser = await openBrowser({ width: 390, height: 844 });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'bell.fin2', PASSWORD);
      await page.goto(`${t.baseUrl}/inbox`);
      const card = page.locator('[data-test="task-card"]', { hasText: 'Container terminal' });
      await expect.poll(() => card.locator('[data-test="round-approved"]').textContent()).toContain('Fay Finance');
      const pending = await card.locator('[data-test="round-pending"] .el-tag').allTextContents();
      expect(pending.map((s) => s.trim())).toEqual(['Fred Finance', 'Flo Finance']);
      await screenshot(page, 'notification-countersign-card-phone');
      await fitsPhone(page, '[data-test="task-round"]');

      await expect.poll(() => page.textContent('[data-test="bell-count"]')).toBe('1');
      await fitsPhone(page, '[data-test="bell"]');
      await page.click('[data-test="bell"]');
      const item = page.locator('[data-test="bell-item"]').first();
      await expect.poll(() => item.locator('[data-test="bell-text"]').textContent()).toBe('Fay Finance approved at "Finance review"; still waiting for Fred Finance, Flo Finance.');
      expect(await item.locator('[data-test="bell-record"]').textContent()).toBe('Deal · Container terminal');
      await screenshot(page, 'notification-bell-phone');
      await fitsPhone(page, '.bell-popper');
      await page.mouse.click(200, 820);

      await chooseLanguage(page, 'zh-CN');
      await page.click('[data-test="bell"]');
      await expect.poll(() => page.locator('[data-test="bell-item"]').first().locator('[data-test="bell-text"]').textContent()).toBe('Fay Finance已在“财务会签”同意，仍在等待Fred Finance、Flo Finance。');
      expect(await page.locator('[data-test="bell-item"]').first().locator('[data-test="bell-record"]').textContent()).toBe('交易 · Container terminal');
      await screenshot(page, 'notification-bell-phone-zh');
      await page.locator('[data-test="bell-item"]').first().click();
      await page.waitForURL(`**/o/deal/${id}`);
    } finally {
      await browser.close();
    }
  });
});
