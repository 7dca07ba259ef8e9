import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// The record's workflow panel shows its SLAs: when each is due, paused with the time left, breached in red.

const cst = (text: string) => new Date(`${text}+08:00`);
const office = [['09:00', '12:00'], ['13:30', '18:00']];

describe('SLAs in the workflow panel', () => {
  let t: TestApp;
  let clock = cst('2026-12-04T17:00:00');
  const ids: Record<'running' | 'paused' | 'breached', string> = { running: '', paused: '', breached: '' };

  async function submit(title: string): Promise<string> {
    const { id } = await expectStatus(t.admin.post('/api/records/complaint', { title }), 201);
    await expectStatus(t.admin.post(`/api/records/complaint/${id}/submit`, {}), 200);
    return String(id);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: () => clock });
    await expectStatus(t.admin.put('/api/meta/objects/complaint', { name: 'complaint', label: { en: 'Complaint', 'zh-CN': '投诉' }, titleField: 'title', fields: [{ name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' } }] }), 201);
    await expectStatus(t.admin.put('/api/admin/roles/complaint_agent', { name: 'complaint_agent', objects: { complaint: { operations: ['read'] } } }), 201);
    const agent = await createUser(t.admin, 'cara', 'Cara Chen', ['complaint_agent']);
    await createUser(t.admin, 'zhou', 'Zhou Zhi', ['complaint_agent'], { language: 'zh-CN' });
    await expectStatus(t.admin.put('/api/meta/calendars/cn_service', { name: 'cn_service', timezone: 'Asia/Shanghai', week: { mon: office, tue: office, wed: office, thu: office, fri: office } }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/complaint_handling', {
      name: 'complaint_handling', object: 'complaint', initial: 'new',
      states: {
        new: { on: { submit: 'handling' } },
        handling: { label: { en: 'Handling', 'zh-CN': '处理中' }, approval: { approvers: { user: agent } }, on: { approve: 'resolved', reject: 'resolved', ask_customer: 'waiting_customer' } },
        waiting_customer: { label: { en: 'Waiting for the customer', 'zh-CN': '等待客户' }, on: { customer_replied: 'handling' } },
        resolved: { type: 'final', label: { en: 'Resolved', 'zh-CN': '已解决' } },
      },
      slas: [{ name: 'resolution', label: { en: 'Resolution', 'zh-CN': '解决时限' }, after: 'PT4H', calendar: 'cn_service', pausedIn: ['waiting_customer'] }],
    }), 201);
    ids.breached = await submit('Line down since Thursday');
    ids.paused = await submit('Bill twice');
    clock = cst('2026-12-07T10:00:00');
    await expectStatus(t.admin.post(`/api/records/complaint/${ids.paused}/transition`, { event: 'ask_customer' }), 200);
    clock = cst('2026-12-07T13:00:00');
    expect(await t.tessera.sweepSlas()).toBe(1);
    ids.running = await submit('Slow internet');
  });
  afterAll(async () => t?.close());

  async function slaOn(page: Page, baseUrl: string, id: string) {
    await page.goto(`${baseUrl}/o/complaint/${id}`);
    const sla = page.locator('[data-test="workflow-sla"]');
    await sla.waitFor();
    return sla;
  }

  it('shows the due moment, the time left while paused, and a breach in red, on a desktop and on a phone', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      let sla = await slaOn(page, t.baseUrl, ids.running);
      expect(await sla.getAttribute('data-status')).toBe('running');
      expect(await sla.textContent()).toMatch(/Resolution\s*due Dec 7, 2026, \d{2}:\d{2}/);
      sla = await slaOn(page, t.baseUrl, ids.paused);
      expect(await sla.getAttribute('data-status')).toBe('paused');
      expect(await sla.textContent()).toContain('paused, 2 h 0 min left');
      expect((await page.locator('[data-test="workflow-panel"]').textContent()) ?? '').toContain('SLA paused');
      sla = await slaOn(page, t.baseUrl, ids.breached);
      expect(await sla.getAttribute('data-status')).toBe('breached');
      await expect.poll(() => sla.locator('.el-tag--danger').textContent()).toBe('breached');
      await waitUntilStill(page);
      await screenshot(page, 'workflow-sla-breached');
    } finally {
      await browser.close();
    }
    const phone = await openBrowser({ width: 390, height: 844, locale: 'zh-CN', touch: true });
    try {
      const page = await phone.page();
      await logIn(page, t.baseUrl, 'zhou', PASSWORD);
      const sla = await slaOn(page, t.baseUrl, ids.paused);
      expect(await sla.textContent()).toContain('已暂停，剩余 2 小时 0 分钟');
      await waitUntilStill(page);
      await screenshot(page, 'workflow-sla-paused-phone');
    } finally {
      await phone.close();
    }
  });
});
