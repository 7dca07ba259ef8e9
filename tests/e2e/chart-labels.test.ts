import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 17 item 9: charts read right — long names shortened inside the canvas, a funnel widest at the
// top, the options' colours on slices and bars — on a desktop and a phone (read in the screenshots).

const STAGES = [
  { value: 'prospect', label: { en: 'Find a prospect through the regional distributors', 'zh-CN': '通过区域经销商发现潜在客户' }, color: '#b7cdf0' },
  { value: 'proposal', label: { en: 'Proposal sent to the purchasing committee', 'zh-CN': '已向采购委员会发送方案' }, color: '#2f5fbf' },
  { value: 'signed', label: { en: 'Signed', 'zh-CN': '已签约' }, color: '#1f8a4c' },
];

/** No chart's canvas reaches past its card. */
async function chartsFit(page: Page, selector: string): Promise<void> {
  const overflows = await page.locator(selector).evaluateAll((cards) => cards.map((card) => {
    const box = card.getBoundingClientRect();
    return [...card.querySelectorAll('canvas')].some((c) => c.getBoundingClientRect().right > box.right + 1);
  }));
  expect(overflows.length).toBeGreaterThan(0);
  expect(overflows.every((o) => !o)).toBe(true);
}

describe('charts that read right', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'reporting' }] });
    await expectStatus(t.admin.put('/api/meta/objects/pipeline', {
      label: { en: 'Pipeline', 'zh-CN': '管道' }, titleField: 'name',
      fields: [
        { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
        { name: 'stage', type: 'enum', label: { en: 'Stage', 'zh-CN': '阶段' }, options: STAGES },
        { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } },
      ],
    }), 201);
    // Fewer early than late: drawn in the answer's order, this funnel would stand on its point.
    for (const [stage, n] of [['prospect', 2], ['proposal', 4], ['signed', 7]] as const) {
      for (let i = 0; i < n; i++) await expectStatus(t.admin.post('/api/records/pipeline', { name: `${stage} ${i}`, stage, amount: 1000 * (i + 1) }), 201);
    }
    await expectStatus(t.admin.put('/api/meta/reports/pipeline_funnel', {
      label: { en: 'Pipeline funnel', 'zh-CN': '销售漏斗' }, object: 'pipeline', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }], chart: { type: 'funnel' },
    }), 201);
    await expectStatus(t.admin.put('/api/meta/reports/pipeline_bars', {
      label: { en: 'Pipeline by stage', 'zh-CN': '各阶段管道' }, object: 'pipeline', groupBy: [{ field: 'stage' }], measures: [{ fn: 'sum', field: 'amount' }], chart: { type: 'bar' },
    }), 201);
  });
  afterAll(async () => t?.close());

  for (const [size, viewport, locale] of [['desktop', { width: 1280, height: 800 }, 'en-US'], ['phone', { width: 390, height: 844 }, 'zh-CN']] as const) {
    it(`keeps labels inside the list's charts and the reports' on a ${size}`, async () => {
      const browser = await openBrowser({ ...viewport, locale });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
        await page.goto(`${t.baseUrl}/o/pipeline`);
        // A phone starts with the charts folded away (the list comes first there).
        if (size === 'phone') await page.click('[data-test="toggle-charts"]');
        await page.locator('[data-test="chart-card"] canvas').first().waitFor();
        // The second chart sums the amount per stage as bars; long stage names are shortened.
        await waitUntilStill(page);
        await chartsFit(page, '[data-test="chart-card"]');
        await screenshot(page, `chart-labels-list-${size}`);

        for (const report of ['pipeline_funnel', 'pipeline_bars']) {
          await page.goto(`${t.baseUrl}/reports/${report}`);
          await page.locator('[data-test="report-chart"] canvas').first().waitFor();
          await waitUntilStill(page);
          await chartsFit(page, '[data-test="report-chart"]');
          await screenshot(page, `chart-labels-${report}-${size}`);
        }
      } finally {
        await browser.close();
      }
    });
  }
});
