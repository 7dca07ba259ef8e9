import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../integration/helpers/eventually.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { putAnalysis, runAnalysis } from '../integration/analytics/analytics-world.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// The analytics run page (issue 14) on the crm demo data: an administrator's runs of the shipped
// analyses, one of each kind, drawn as charts; the classifier's confusion matrix follows its
// threshold slider; a segment, a quadrant and a matrix cell open the account list filtered to the
// accounts behind them; a failed run says why; the page in Chinese and on a phone.

const PHONE = { width: 390, height: 844 };
const KINDS = [
  ['customer_rfm', 'rfm-result', 'rfm-heatmap'],
  ['purchase_drop_warning', 'churn-warning-result', 'churn-chart'],
  ['customer_value_matrix', 'value-matrix-result', 'value-scatter'],
  ['churn_prediction', 'classifier-result', 'classifier-roc'],
  ['customer_clusters', 'kmeans-result', 'kmeans-profiles'],
  ['product_pairs', 'association-result', 'association-bubbles'],
  ['order_seasonality', 'seasonality-result', 'seasonality-monthly'],
] as const;
type Analysis = (typeof KINDS)[number][0];

async function asAdmin<T>(t: TestApp, name: string, work: (page: Page) => Promise<T>, size: { width?: number; height?: number } = {}): Promise<T> {
  const browser = await openBrowser(size);
  try {
    const page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    try {
      return await work(page);
    } catch (error) {
      await screenshot(page, `failed-analytics-results-${name}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}

/** The account list's count line reads `<n> in total`. */
async function listTotal(page: Page): Promise<string | null> {
  await page.waitForURL(/\/o\/account\?filter=/);
  await page.locator('[data-test="record-table"]').waitFor();
  const line = page.locator('.pager .muted');
  await expect.poll(() => line.textContent()).toMatch(/in total/);
  return line.textContent();
}

describe('the analytics run page in the browser', () => {
  let t: TestApp;
  const runs = {} as Record<Analysis, { runId: string; run: any }>;
  const page = (name: Analysis) => `/analytics/${name}/runs/${runs[name].runId}`;

  beforeAll(async () => {
    t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm', demo: true }, { name: 'analytics' }] });
    // In order: the classifier learns from the RFM segment and the churn warning written back before it.
    for (const [name] of KINDS) {
      runs[name] = await runAnalysis(t.admin, name);
      expect(runs[name].run.status, `${name}: ${JSON.stringify(runs[name].run.error)}`).toBe('succeeded');
    }
    // A second model: its page compares with the first run and tells how the first model's predictions did.
    runs.churn_prediction = await runAnalysis(t.admin, 'churn_prediction');
    expect(runs.churn_prediction.run.modelVersion).toBe(2);
  });
  afterAll(async () => t?.close());

  it('draws each kind of result as charts with its key numbers, on a desktop and on a phone', async () => {
    await asAdmin(t, 'desktop', async (p) => {
      // Tall, so that a screenshot shows the whole result.
      await p.setViewportSize({ width: 1280, height: 2400 });
      for (const [name, view, chart] of KINDS) {
        await p.goto(`${t.baseUrl}${page(name)}`);
        await p.locator(`[data-test="${view}"]`).waitFor();
        await p.locator(`[data-test="${chart}"] canvas`).first().waitFor();
        expect(await p.textContent('[data-test="run-status"]')).toBe('Done');
        expect(await p.textContent('[data-test="run-rows"]')).toBe(new Intl.NumberFormat('en').format(runs[name].run.rows));
        await waitUntilStill(p);
        await screenshot(p, `analytics-run-${name}`);
      }
      await p.setViewportSize({ width: 1280, height: 800 });
      const { result: rfm } = runs.customer_rfm.run;
      await p.goto(`${t.baseUrl}${page('customer_rfm')}`);
      expect(await p.textContent('[data-test="rfm-customers"]')).toBe(String(rfm.customers));
      await p.locator('[data-test="rfm-segments-chart"] canvas').first().waitFor();
      // A first run has nothing to compare with.
      expect(await p.textContent('[data-test="run-changes"]')).toContain('This is the first successful run');

      await p.goto(`${t.baseUrl}${page('purchase_drop_warning')}`);
      const { result: churn } = runs.purchase_drop_warning.run;
      expect(churn.flagged).toBeGreaterThan(0);
      expect(await p.textContent('[data-test="churn-flagged"] .ar-stat-value')).toBe(String(churn.flagged));
      expect(await p.locator('[data-test="churn-flagged-table"] .el-table__body-wrapper .el-table__row').count()).toBe(churn.flagged);

      await p.goto(`${t.baseUrl}${page('churn_prediction')}`);
      expect(await p.textContent('[data-test="run-model"]')).toBe('2');
      expect(await p.textContent('[data-test="track-record"]')).toContain('Model 1');
      await p.locator('[data-test="calibration-chart"] canvas').first().waitFor();
      expect(await p.textContent('[data-test="changes-moved"]')).toBe(String(runs.churn_prediction.run.result.changes.movedCount));

      await p.goto(`${t.baseUrl}${page('customer_clusters')}`);
      const { result: clusters } = runs.customer_clusters.run;
      expect(await p.textContent('[data-test="cluster-1"] .ar-stat-value')).toBe(String(clusters.profiles[0].size));
      await p.locator('[data-test="kmeans-silhouette"] canvas').first().waitFor();

      await p.goto(`${t.baseUrl}${page('product_pairs')}`);
      expect(await p.textContent('[data-test="rules-kept"]')).toBe(String(runs.product_pairs.run.result.rulesKept));
      expect(await p.locator('[data-test="association-rules"] .el-table__body tr').count()).toBe(Math.min(20, runs.product_pairs.run.result.rulesKept));

      await p.goto(`${t.baseUrl}${page('order_seasonality')}`);
      await p.locator('[data-test="season-period"]').getByText('By weekday').click();
      await p.locator('[data-test="seasonality-index"] canvas').first().waitFor();
    });

    await asAdmin(t, 'phone', async (p) => {
      for (const [name, view, chart] of KINDS) {
        await p.goto(`${t.baseUrl}${page(name)}`);
        await p.locator(`[data-test="${view}"]`).waitFor();
        await p.locator(`[data-test="${chart}"] canvas`).first().waitFor();
        await waitUntilStill(p);
        await screenshot(p, `analytics-run-${name}-phone`);
        // Wide tables and charts stay inside the page: it does not scroll sideways.
        const runPage = p.locator('[data-test="analysis-run"]');
        expect(await runPage.evaluate((el) => el.scrollWidth - el.clientWidth), name).toBe(0);
        expect(await runPage.evaluate((el) => el.getBoundingClientRect().right), name).toBeLessThanOrEqual(PHONE.width);
        // The whole page at the phone's width, to look at.
        await p.setViewportSize({ width: PHONE.width, height: 3600 });
        await waitUntilStill(p);
        await screenshot(p, `analytics-run-${name}-phone-full`);
        await p.setViewportSize(PHONE);
      }
    }, PHONE);
  });

  it('a segment and a quadrant open the account list filtered to exactly their accounts', async () => {
    await asAdmin(t, 'drill', async (p) => {
      const { result: rfm } = runs.customer_rfm.run;
      const biggest = [...rfm.segments].sort((a: { customers: number }, b: { customers: number }) => b.customers - a.customers)[0];
      await p.goto(`${t.baseUrl}${page('customer_rfm')}`);
      // The row whose first cell is exactly the segment's label ("Loyal", not "Potential loyalist").
      const label = p.locator('td', { hasText: new RegExp(`^\\s*${biggest.label.en}\\s*$`) });
      await p.locator('[data-test="rfm-segments"] .el-table__row', { has: label }).click();
      expect(await listTotal(p)).toContain(`${biggest.customers} in total`);
      const filter = JSON.parse(new URL(p.url()).searchParams.get('filter')!);
      expect(filter).toEqual({ rfm_segment: { $eq: biggest.key } });

      const { result: matrix } = runs.customer_value_matrix.run;
      const growth = matrix.quadrants.find((q: { key: string }) => q.key === 'growth');
      await p.goto(`${t.baseUrl}${page('customer_value_matrix')}`);
      await p.click('[data-test="quadrant-growth"]');
      expect(await listTotal(p)).toContain(`${growth.customers} in total`);

      // A record of a list opens its page.
      const valuable = matrix.valuable[0];
      await p.goto(`${t.baseUrl}${page('customer_value_matrix')}`);
      await p.locator('[data-test="vm-valuable"] .el-table__row').first().click();
      await p.waitForURL(`**/o/account/${valuable.id}`);
    });
  });

  it("the classifier's confusion matrix follows the threshold slider, and a cell opens its accounts", async () => {
    const { result } = runs.churn_prediction.run;
    await asAdmin(t, 'classifier', async (p) => {
      await p.goto(`${t.baseUrl}${page('churn_prediction')}`);
      await p.locator('[data-test="classifier-tree"] canvas').first().waitFor();
      const cell = (key: string) => p.textContent(`[data-test="cell-${key}"] .cl-count`);
      expect(await cell('truePositives')).toBe(String(result.confusionMatrix.truePositives));
      expect(await cell('falsePositives')).toBe(String(result.confusionMatrix.falsePositives));
      expect(await p.textContent('[data-test="threshold-value"]')).toBe('0.50');

      // Slide to a low threshold: more accounts are predicted lost, so more negatives are false positives.
      const runway = p.locator('[data-test="threshold-slider"] .el-slider__runway');
      const box = (await runway.boundingBox())!;
      await p.mouse.click(box.x + box.width * 0.02, box.y + box.height / 2);
      const threshold = Number(await p.textContent('[data-test="threshold-value"]'));
      expect(threshold).toBeLessThan(0.05);
      const negatives = result.confusionMatrix.falsePositives + result.confusionMatrix.trueNegatives;
      await expect.poll(async () => Number(await cell('falsePositives'))).toBeGreaterThan(result.confusionMatrix.falsePositives);
      expect(Number(await cell('falsePositives')) + Number(await cell('trueNegatives'))).toBe(negatives);
      await waitUntilStill(p);
      await screenshot(p, 'analytics-run-classifier-threshold');

      // The cell lists every scored account with a known outcome on that side of the threshold.
      const behind = result.records.filter((r: { outcome: number | null; probability: number }) => r.outcome === 0 && r.probability >= threshold).length;
      await p.click('[data-test="cell-falsePositives"]');
      expect(await listTotal(p)).toContain(`${behind} in total`);
      expect(JSON.parse(new URL(p.url()).searchParams.get('filter')!)).toEqual({ churn_probability: { $gte: threshold }, lifecycle: { $ne: 'lost', $null: false } });
    });
  });

  it('reads in Chinese', async () => {
    await asAdmin(t, 'chinese', async (p) => {
      await p.goto(`${t.baseUrl}${page('churn_prediction')}`);
      await p.locator('[data-test="classifier-roc"] canvas').first().waitFor();
      await p.locator('[data-test="language-switch"]').getByText('中文').click();
      await expect.poll(() => p.textContent('[data-test="run-kind"]')).toBe('预测（分类器）');
      expect(await p.textContent('[data-test="confusion"] h2')).toContain('混淆矩阵');
      expect(await p.textContent('[data-test="run-status"]')).toBe('完成');
      expect(await p.textContent('[data-test="classifier-rules"]')).toContain('如果');
      await waitUntilStill(p);
      await screenshot(p, 'analytics-run-churn_prediction-zh');
      await p.goto(`${t.baseUrl}${page('customer_rfm')}`);
      await p.locator('[data-test="rfm-heatmap"] canvas').first().waitFor();
      await waitUntilStill(p);
      await screenshot(p, 'analytics-run-customer_rfm-zh');
      await p.locator('[data-test="language-switch"]').getByText('English').click();
    });
  });

  it('follows a run while it is computed, and says why a run failed', async () => {
    await asAdmin(t, 'follow', async (p) => {
      const started = await expectStatus(t.admin.post('/api/analyses/customer_clusters/run'), 202);
      await p.goto(`${t.baseUrl}/analytics/customer_clusters/runs/${started.runId}`);
      await expect.poll(() => p.textContent('[data-test="run-status"]'), { timeout: 60_000 }).toBe('Done');
      await p.locator('[data-test="kmeans-profiles"] canvas').first().waitFor();
      expect(await p.locator('[data-test="run-progress"]').count()).toBe(0);

      await putAnalysis(t.admin, {
        name: 'product_clusters', label: { en: 'Product clusters', 'zh-CN': '产品聚类' }, kind: 'kmeans', source: { object: 'product' }, features: ['price'], params: { k: 30 },
      });
      const failed = await expectStatus(t.admin.post('/api/analyses/product_clusters/run'), 202);
      await eventually(() => t.admin.get(`/api/analyses/product_clusters/runs/${failed.runId}`), (r) => r.body.status === 'failed', 60_000);
      await p.goto(`${t.baseUrl}/analytics/product_clusters/runs/${failed.runId}`);
      await p.locator('[data-test="run-error"]').waitFor();
      expect(await p.textContent('[data-test="run-error"]')).toContain('cannot make 30 clusters');
      expect(await p.textContent('[data-test="run-back"]')).toContain('Back to the analysis');
      await screenshot(p, 'analytics-run-failed');
    });
  });
});
