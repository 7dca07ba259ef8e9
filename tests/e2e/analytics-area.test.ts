import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';

// The analytics pack's area in the browser, on the crm demo data: an administrator finds the seven
// shipped analyses, sees a refused save explained at its field, changes a parameter, saves, runs the
// analysis and follows its progress to the end and into the run history; a sales rep, in Chinese on a
// phone, sees the analyses read-only, without "New analysis" and without saving.

const DEMO_PASSWORD = 'Demo-pass-2026';
const REP = 'zhang.wei';
const SHIPPED = ['churn_prediction', 'customer_clusters', 'customer_rfm', 'customer_value_matrix', 'order_seasonality', 'product_pairs', 'purchase_drop_warning'];

/** Logs in as this user in a fresh browser; on failure the page is kept as a screenshot. */
async function as(t: TestApp, username: string, work: (page: Page) => Promise<void>, options: { width?: number; height?: number } = {}): Promise<void> {
  const browser = await openBrowser(options);
  try {
    const page = await browser.page();
    await logIn(page, t.baseUrl, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
    try {
      await work(page);
    } catch (error) {
      await screenshot(page, `failed-analytics-${username}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}

/** A screenshot from the top once Element Plus' transitions have finished. */
async function shot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page);
  await screenshot(page, name);
}

/** A screenshot of the part of the page around this element. */
async function shotAt(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await waitUntilStill(page, { scrollTop: false });
  await screenshot(page, name);
}

/** The page's content does not scroll sideways: wide tables scroll inside their own box. */
async function noSidewaysScroll(page: Page, root: string): Promise<void> {
  const overflow = await page.locator('.el-main').evaluate((main, selector) => {
    const content = main.ownerDocument.querySelector(selector)!;
    return { main: main.scrollWidth - main.clientWidth, page: content.scrollWidth - content.clientWidth, right: Math.max(0, Math.round(content.getBoundingClientRect().right - main.getBoundingClientRect().right)) };
  }, root);
  expect(overflow).toEqual({ main: 0, page: 0, right: 0 });
}

/** Types a number into the input-number of a parameter and leaves it. */
async function setParam(page: Page, key: string, value: string): Promise<void> {
  const field = page.locator(`[data-test="param-${key}"] input`).first();
  await field.fill(value);
  await field.press('Tab');
}

describe('the analytics area in the browser', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm', demo: true }, { name: 'analytics' }] });
  });
  afterAll(async () => t?.close());

  it('an administrator changes a parameter, saves, runs the analysis and finds the run in its history', async () => {
    await as(t, 'admin', async (page) => {
      // The pack's own storage (runs, their parts, prediction batches) stays out of the menu.
      await page.locator('[data-test="menu-account"]').waitFor();
      for (const object of ['analysis_run', 'analysis_run_part', 'analysis_prediction']) expect(await page.locator(`[data-test="menu-${object}"]`).count()).toBe(0);
      await page.locator('[data-test="main-menu"] .el-menu-item', { hasText: /Analytics$/ }).click();
      const list = page.locator('[data-test="analyses-table"]');
      for (const name of SHIPPED) await list.locator(`[data-test="analysis-link-${name}"]`).waitFor();
      expect(await list.locator('[data-test="kind-customer_rfm"]').textContent()).toBe('RFM segments');
      expect(await list.locator('[data-test="last-run-customer_rfm"]').textContent()).toContain('Not run yet');
      await page.locator('[data-test="new-analysis"]').waitFor();
      await shot(page, 'analytics-list');

      // A scale of 4 leaves RFM score combinations without a segment: the server's check says so at the field.
      await list.locator('[data-test="analysis-link-customer_rfm"]').click();
      await page.locator('[data-test="analysis-form"]').waitFor();
      expect(await page.locator('[data-test="source-customer"] .el-select').textContent()).toContain('Account');
      await setParam(page, 'bins', '4');
      await page.locator('[data-test="unsaved"]').waitFor();
      await page.click('[data-test="save-analysis"]');
      await page.locator('[data-test="param-bins"] .el-form-item__error', { hasText: 'fall in no segment' }).waitFor();
      await page.locator('[data-test="save-problem"]', { hasText: 'The analysis was not saved' }).waitFor();
      expect((await expectStatus(t.admin.get('/api/meta/analyses/customer_rfm'), 200)).params.bins).toBe(5);
      await shot(page, 'analytics-view-problem');

      // Leaving with the change asks first; the administrator leaves it.
      await page.locator('[data-test="analysis-view"] a', { hasText: 'All analyses' }).click();
      await page.locator('.el-message-box__btns button', { hasText: 'Leave' }).click();
      await list.locator('[data-test="analysis-link-purchase_drop_warning"]').click();

      // The falling-purchases warning: a smaller fall flags, saved as version 2.
      await page.locator('[data-test="analysis-form"]').waitFor();
      expect(await page.locator('[data-test="param-task"] [data-test="task-object"]').textContent()).toContain('Sales task');
      await setParam(page, 'dropPercent', '40');
      await page.click('[data-test="save-analysis"]');
      await toast(page, 'Analysis saved.');
      const stored = await expectStatus(t.admin.get('/api/meta/analyses/purchase_drop_warning'), 200);
      expect(stored.params.dropPercent).toBe(40);
      expect(stored.version).toBe(2);
      await expect.poll(() => page.locator('[data-test="unsaved"]').count()).toBe(0);
      await shot(page, 'analytics-view');
      await shotAt(page, '[data-test="section-params"]', 'analytics-view-params');

      // Run: a progress bar while it is queued or running, then done with a link to its result.
      // The bar shows while the run is queued or running (a short run may be done within a second).
      const progress = page.locator('[data-test="run-progress"]');
      await Promise.all([progress.locator('[data-test="run-progress-bar"]').waitFor({ state: 'attached' }), page.click('[data-test="run-analysis"]')]);
      await page.locator('[data-test="run-progress"][data-status="succeeded"]').waitFor({ timeout: 90_000 });
      expect(await progress.textContent()).toContain('Done');
      expect(await progress.textContent()).toMatch(/The run is done: [\d,]+ records read\./);
      const resultLink = progress.locator('[data-test="open-result"]');
      const href = await resultLink.getAttribute('href');
      expect(href).toMatch(/^\/analytics\/purchase_drop_warning\/runs\/\d+$/);
      await shot(page, 'analytics-view-run-done');

      // The run history: one run by the administrator, by hand, done, with its records and duration.
      await page.locator('.el-tabs__item', { hasText: 'Run history' }).click();
      const runs = page.locator('[data-test="runs-table"] tbody tr');
      await expect.poll(() => runs.count()).toBe(1);
      const cells = (await runs.first().locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells[1]).not.toBe('');
      expect(cells.slice(2, 4)).toEqual(['By hand', 'Done']);
      expect(Number(cells[4].replace(/,/g, ''))).toBeGreaterThan(1000);
      expect(cells[5]).toMatch(/ s$/);
      expect(await runs.first().locator('a').getAttribute('href')).toBe(href);
      await shot(page, 'analytics-run-history');

      // The list now shows the run as the administrator's last one, with its result.
      await page.locator('[data-test="analysis-view"] a', { hasText: 'All analyses' }).click();
      await expect.poll(() => page.locator('[data-test="last-run-purchase_drop_warning"]').textContent()).toContain('Done');
      expect(await page.locator('[data-test="last-run-link-purchase_drop_warning"]').getAttribute('href')).toBe(href);
    });
  });

  it('the administrator\'s pages fit a phone', async () => {
    await as(t, 'admin', async (page) => {
      await page.goto(`${t.baseUrl}/analytics`);
      await page.locator('[data-test="analysis-link-customer_rfm"]').waitFor();
      await noSidewaysScroll(page, '[data-test="analysis-list"]');
      await shot(page, 'analytics-list-phone');
      await page.goto(`${t.baseUrl}/analytics/churn_prediction`);
      await page.locator('[data-test="analysis-features"]').waitFor();
      await noSidewaysScroll(page, '[data-test="analysis-view"]');
      await shot(page, 'analytics-view-phone');
      await shotAt(page, '[data-test="analysis-features"]', 'analytics-view-model-phone');
      await shotAt(page, '[data-test="section-params"]', 'analytics-view-params-phone');
      await page.locator('.el-tabs__item', { hasText: 'Run history' }).click();
      await page.locator('[data-test="runs-table"]').waitFor();
      await noSidewaysScroll(page, '[data-test="analysis-view"]');
      await shot(page, 'analytics-run-history-phone');
    }, { width: 390, height: 844 });
  });

  it('a sales rep sees the analyses read-only, in Chinese on a phone', async () => {
    const rep = await t.login(REP, DEMO_PASSWORD);
    await expectStatus(rep.put('/api/meta/analyses/customer_rfm', { name: 'customer_rfm', kind: 'rfm', source: { object: 'order', customer: 'account', date: 'order_date', amount: 'amount' } }), 403);
    await as(t, REP, async (page) => {
      await page.goto(`${t.baseUrl}/analytics`);
      await page.locator('[data-test="user-menu"]').waitFor();
      await chooseLanguage(page, 'zh-CN');
      const list = page.locator('[data-test="analyses-table"]');
      await list.locator('[data-test="analysis-link-customer_rfm"]').waitFor();
      await expect.poll(() => page.textContent('[data-test="analysis-list"] h1')).toBe('数据分析');
      expect(await list.locator('[data-test="kind-customer_rfm"]').textContent()).toBe('RFM 细分');
      expect(await list.locator('[data-test="analysis-link-customer_rfm"]').textContent()).toBe('客户 RFM 细分');
      expect(await page.locator('[data-test="new-analysis"]').count()).toBe(0);
      await noSidewaysScroll(page, '[data-test="analysis-list"]');
      await shot(page, 'analytics-list-phone-zh-rep');

      await list.locator('[data-test="analysis-link-customer_rfm"]').click();
      await page.locator('[data-test="read-only"]', { hasText: '只有管理员可以修改分析' }).waitFor();
      expect(await page.locator('[data-test="save-analysis"]').count()).toBe(0);
      expect(await page.locator('[data-test="analysis-label-en"] input, input[data-test="analysis-label-en"]').first().isDisabled()).toBe(true);
      expect(await page.locator('[data-test="param-bins"] input').first().isDisabled()).toBe(true);
      expect(await page.locator('[data-test="run-analysis"]').isEnabled()).toBe(true);
      await noSidewaysScroll(page, '[data-test="analysis-view"]');
      await shot(page, 'analytics-view-phone-zh-rep');
    }, { width: 390, height: 844 });
  });
});
