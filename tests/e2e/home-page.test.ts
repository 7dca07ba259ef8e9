import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 17, item 11: a home page worth opening. On the crm demo data a sales rep finds their open
// sales tasks, today's activities, their open opportunities with the total amount and the open
// service requests, owned or on their accounts (the crm pack's `ui.home`), and the records they opened lately;
// a service agent, who may not read opportunities or sales tasks, does not get those sections.

const DEMO_PASSWORD = 'Demo-pass-2026';
const REP = 'zhang.wei';
const AGENT = 'chen.jing';

const localDay = (offset = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('the home page', () => {
  let t: TestApp;
  let rep: ApiClient;
  let openOpportunities: { count: number };

  const section = (page: Page, key: string) => page.locator(`[data-test="home-list"][data-section="${key}"]`);
  const figure = (page: Page, key: string) => page.locator(`[data-test="home-figure"][data-figure="${key}"]`);

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'crm', demo: true }] });
    rep = await t.login(REP, DEMO_PASSWORD);
    const repId = (await rep.get('/api/auth/me')).body.id;
    const account = (await rep.get('/api/records/account?limit=1')).body.data[0];
    await expectStatus(t.admin.post('/api/records/sales_task', { subject: 'Call back about the tea boxes', assignee: repId, account: account.id, due_date: localDay(), priority: 'high', status: 'open' }), 201);
    await expectStatus(rep.post('/api/records/activity', { subject: 'Visit the tea garden', kind: 'plan', category: 'visit', account: account.id, due_at: new Date(`${localDay()}T23:00:00`).toISOString() }), 201);
    await expectStatus(rep.post('/api/records/activity', { subject: 'Tomorrow\'s call', kind: 'plan', category: 'call', account: account.id, due_at: new Date(`${localDay(1)}T09:00:00`).toISOString() }), 201);
    const filter = { _owner: { $eq: '$user.id' }, stage: { $nin: ['sign', 'satisfaction', 'lost'] } };
    openOpportunities = (await expectStatus(rep.post('/api/records/opportunity/aggregate', { filter, measures: [{ fn: 'count' }] }), 200)).rows[0];
  });
  afterAll(async () => t?.close());

  it('shows a sales rep their tasks, today\'s activities, open opportunities with their amount, and what they opened lately, on a desktop', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      await expect.poll(() => section(page, 'open_tasks').locator('[data-test="home-row"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Call back about the tea boxes')]));
      const today = await section(page, 'activities_today').locator('[data-test="home-row"]').allTextContents();
      expect(today.some((r) => r.includes('Visit the tea garden'))).toBe(true);
      expect(today.some((r) => r.includes('Tomorrow'))).toBe(false);
      await expect.poll(() => figure(page, 'open_opportunities').locator('[data-test="figure-count"]').textContent()).toBe(`${openOpportunities.count} records`);
      expect(await figure(page, 'open_opportunities').locator('[data-test="figure-value"]').textContent()).toMatch(/^CN¥[\d.]+[KM]$/);
      expect(await section(page, 'open_opportunities').locator('[data-test="home-row"]').count()).toBeGreaterThan(0);
      expect(await section(page, 'open_service_requests').count()).toBe(1);
      expect(await page.textContent('[data-test="home-approvals"]')).toContain('Approvals waiting for you');
      await expect.poll(() => page.textContent('[data-test="home-recent"]')).toContain('Records you open appear here.');

      // Open one of the opportunities, then come home: it heads the recently opened records.
      const first = section(page, 'open_opportunities').locator('[data-test="home-row"] a').first();
      const name = (await first.textContent())!.trim();
      await first.click();
      await page.waitForURL('**/o/opportunity/*');
      await page.waitForSelector(`text=${name}`);
      await page.click('[data-test="main-menu"] >> text=Home');
      await expect.poll(() => page.locator('[data-test="recent-row"]').first().textContent()).toContain(name);
      expect(await page.locator('[data-test="recent-row"]').first().textContent()).toContain('Opportunity');
      await waitUntilStill(page, { scrollTop: false }); // the tags' zoom-in transition
      await screenshot(page, 'home-page-desktop');
    } finally {
      await browser.close();
    }
  });

  it('stacks its cards on a phone, in Chinese, with no ECharts loaded', async () => {
    const browser = await openBrowser({ width: 390, height: 844 });
    try {
      const page = await browser.page();
      const scripts: string[] = [];
      page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      await chooseLanguage(page, 'zh-CN');
      await expect.poll(() => section(page, 'open_tasks').locator('h2').textContent()).toBe('我的待办销售任务');
      await expect.poll(() => figure(page, 'open_opportunities').locator('[data-test="figure-count"]').textContent()).toBe(`${openOpportunities.count} 条记录`);
      expect(await page.locator('[data-test="recent-row"]').count()).toBeGreaterThan(0);
      const cards = await page.locator('.cards > *').all();
      const boxes = await Promise.all(cards.map((c) => c.boundingBox()));
      for (const box of boxes) {
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        expect(box!.x).toBe(boxes[0]!.x);
      }
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(scripts.filter((s) => /echarts/i.test(s))).toEqual([]);
      await waitUntilStill(page, { scrollTop: false });
      await screenshot(page, 'home-page-phone-zh');
    } finally {
      await browser.close();
    }
  });

  it('leaves out the sections on objects a service agent may not read', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, AGENT, DEMO_PASSWORD);
      await page.waitForSelector('[data-test="home-list"][data-section="activities_today"]');
      await expect.poll(() => section(page, 'open_service_requests').locator('[data-test="home-row"]').count()).toBeGreaterThan(0);
      expect(await section(page, 'open_tasks').count()).toBe(0);
      expect(await section(page, 'open_opportunities').count()).toBe(0);
      expect(await figure(page, 'open_opportunities').count()).toBe(0);
      await screenshot(page, 'home-page-service-agent');
    } finally {
      await browser.close();
    }
  });
});
