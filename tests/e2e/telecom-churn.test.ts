import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { eventually } from '../integration/helpers/eventually.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 16, item 5: after the churn model has run on the demo, a Sichuan account manager's home page
// lists their region's active subscribers at risk with their retention tasks, at desktop and phone.

const DEMO_PASSWORD = 'Demo-pass-2026';
const AT_RISK = { status: { $eq: 'active' }, churn_probability: { $gte: 0.5 }, region: { $eq: 'Sichuan' } };

describe('telecom churn on the home page', () => {
  let t: TestApp;
  let sichuanAtRisk: number;
  const section = (page: Page, key: string) => page.locator(`[data-test="home-list"][data-section="${key}"]`);

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'telecom', demo: true }] });
    const { runId } = await expectStatus(t.admin.post('/api/analyses/subscriber_churn/run'), 202);
    const run = await eventually(async () => (await t.admin.get(`/api/analyses/subscriber_churn/runs/${runId}`)).body, (r) => r.status === 'succeeded' || r.status === 'failed', 300_000);
    expect(run.status).toBe('succeeded');
    sichuanAtRisk = (await t.admin.get(`/api/records/subscriber?count=true&limit=1&filter=${encodeURIComponent(JSON.stringify(AT_RISK))}`)).body.total;
  }, 600_000);
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`lists a Sichuan account manager's subscribers at risk and their retention tasks (${size.name})`, async () => {
      expect(sichuanAtRisk).toBeGreaterThan(0);
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.name === 'phone' ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'xiang.bo', DEMO_PASSWORD);
        const rows = section(page, 'subscribers_at_risk').locator('[data-test="home-row"]');
        await expect.poll(() => rows.count()).toBe(Math.min(10, sichuanAtRisk));
        const text = (await rows.allTextContents()).join('\n');
        expect(text).toMatch(size.name === 'phone' ? /四川/ : /Sichuan/);
        expect(text).not.toMatch(/Chongqing|Yunnan|重庆|云南/);
        expect(text).toMatch(/挽留用户/);
        const tasks = section(page, 'open_tasks').locator('[data-test="home-row"]');
        await expect.poll(() => tasks.count()).toBeGreaterThan(0);
        await section(page, 'subscribers_at_risk').scrollIntoViewIfNeeded();
        await waitUntilStill(page, { scrollTop: false });
        await screenshot(page, `telecom-churn-home-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
