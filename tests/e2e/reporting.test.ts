import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// The reporting pack in the browser: an administrator builds a report (object, grouping, measures,
// bar chart) with its live preview, exports it, saves it, and opens a dashboard defined through the
// API; a sales rep sees the same dashboard with the widget on a field hidden from them explained.

const DEALS: [string, string, number, string][] = [
  ['cq', 'won', 100, '2026-01-10'],
  ['cq', 'open', 300, '2026-02-11'],
  ['cq', 'lost', 50, '2026-02-12'],
  ['sc', 'won', 200, '2026-03-01'],
  ['sc', 'won', 120, '2026-03-05'],
  ['yn', 'open', 400, '2026-04-20'],
];

async function downloaded(page: Page, start: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  return download;
}

/** Picks an entry of the builder's export menu. */
async function exportAs(page: Page, entry: 'csv' | 'xlsx' | 'png'): Promise<Download> {
  return downloaded(page, async () => {
    await page.click('[data-test="report-export"]');
    await page.locator(`[data-test="export-${entry}"]`).locator('visible=true').click();
  });
}

describe('reports and dashboards in the browser', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'reporting' }] });
    await expectStatus(t.admin.put('/api/meta/objects/deal', {
      label: { en: 'Deal', 'zh-CN': '商机' },
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
        {
          name: 'region', type: 'enum', label: { en: 'Region', 'zh-CN': '区域' },
          options: [{ value: 'cq', label: { en: 'Chongqing', 'zh-CN': '重庆' } }, { value: 'sc', label: { en: 'Sichuan', 'zh-CN': '四川' } }, { value: 'yn', label: { en: 'Yunnan', 'zh-CN': '云南' } }],
        },
        { name: 'stage', type: 'enum', options: ['open', 'won', 'lost'], label: { en: 'Stage', 'zh-CN': '阶段' } },
        { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } },
        { name: 'margin', type: 'number', label: { en: 'Margin', 'zh-CN': '利润' } },
        { name: 'closed', type: 'date', label: { en: 'Closed', 'zh-CN': '成交日期' } },
      ],
    }), 201);
    for (const [i, [region, stage, amount, closed]] of DEALS.entries()) {
      await expectStatus(t.admin.post('/api/records/deal', { name: `Deal ${i}`, region, stage, amount, margin: amount / 10, closed }), 201);
    }
    await expectStatus(t.admin.put('/api/admin/roles/deal_viewer', { name: 'deal_viewer', objects: { deal: { operations: ['read'], scope: { read: 'all' }, fields: { margin: 'none' } } } }), 201);
    await createUser(t.admin, 'rep', 'Rita Rep', ['deal_viewer']);
  });
  afterAll(async () => t?.close());

  it('administrator builds a bar chart report with a live preview, exports it and saves it', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-test="main-menu"] .el-menu-item', { hasText: /Reports$/ }).click();
      await page.locator('[data-test="report-list"]').waitFor();
      await page.click('[data-test="new-report"]');
      await page.locator('[data-test="report-builder"]').waitFor();

      await input(page, 'report-name').fill('deals_by_region');
      await input(page, 'report-label-en').fill('Deals by region');
      await input(page, 'report-label-zh').fill('各区域商机');
      await choose(page, 'report-object', 'Deal');
      await page.click('[data-test="add-grouping"]');
      await choose(page, 'grouping-field-0', 'Region');
      await page.click('[data-test="add-measure"]');
      await choose(page, 'measure-fn-1', 'Sum');
      await choose(page, 'measure-field-1', 'Amount');
      await page.click('[data-test="chart-type-bar"]');

      // The preview: an ECharts canvas, and under it the numbers per region, options by their labels.
      const preview = page.locator('[data-test="report-preview"]');
      await preview.locator('[data-test="report-chart"] canvas').first().waitFor();
      const table = preview.locator('[data-test="flat-table"]');
      await table.getByText('Yunnan', { exact: true }).waitFor();
      await expect.poll(async () => (await table.locator('thead th').allInnerTexts()).map((s) => s.trim())).toEqual(['Region', 'Count', 'Sum of Amount']);
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
      expect(rows).toEqual([['Chongqing', '3', '450'], ['Sichuan', '2', '320'], ['Yunnan', '1', '400']]);
      expect((await table.locator('tfoot').innerText()).replace(/\s+/g, ' ').trim()).toBe('Total 6 1,170');
      expect(await page.locator('[data-test="unsaved"]').isVisible()).toBe(true);
      await waitUntilStill(page);
      await screenshot(page, 'reporting-builder');

      // A chart that does not fit the groupings is explained beside the chart choice (a stacked bar needs
      // two), and so is the server's refusal to save it (422 at /chart/type); nothing is stored.
      await page.click('[data-test="chart-type-stacked_bar"]');
      const chartSection = page.locator('[data-test="section-chart"]');
      await chartSection.getByText('A stacked bar chart needs two groupings').waitFor();
      await page.click('[data-test="save-report"]');
      await chartSection.locator('.field-error', { hasText: 'A stacked bar chart needs two groupings: the axis and the stack.' }).waitFor();
      await page.locator('[data-test="report-problem"]', { hasText: 'The report has problems; they are shown next to the parts they concern.' }).waitFor();
      await expectStatus(t.admin.get('/api/meta/reports/deals_by_region'), 404);
      await page.click('[data-test="chart-type-bar"]');
      await expect.poll(() => chartSection.locator('.field-error').count()).toBe(0);

      // Export before saving: the report as it stands, POSTed with the session's CSRF token.
      const csv = await exportAs(page, 'csv');
      expect(csv.suggestedFilename()).toBe('deals_by_region.csv');
      const text = (await readFile(await csv.path())).toString('utf8').replace(/^\uFEFF/, '');
      // Enum groupings export their option labels in the caller's language, not the stored codes.
      expect(text.trim().split(/\r?\n/)).toEqual(['Region,Count,Sum of Amount', 'Chongqing,3,450', 'Sichuan,2,320', 'Yunnan,1,400']);

      await page.click('[data-test="save-report"]');
      await toast(page, 'Report saved.');
      await page.waitForURL('**/reports/deals_by_region');
      await page.locator('[data-test="report-preview"] [data-test="report-chart"] canvas').first().waitFor();
      const stored = await expectStatus(t.admin.get('/api/meta/reports/deals_by_region'), 200);
      expect(stored).toMatchObject({
        label: { en: 'Deals by region', 'zh-CN': '各区域商机' },
        object: 'deal',
        groupBy: [{ field: 'region' }],
        measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
        chart: { type: 'bar' },
      });

      // Saved and unchanged, the workbook is the stored report's (GET …/deals_by_region/export).
      const xlsx = await exportAs(page, 'xlsx');
      expect(xlsx.suggestedFilename()).toBe('deals_by_region.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('Deals by region');
      expect(sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1))).toEqual([['Region', 'Count', 'Sum of Amount'], ['Chongqing', 3, 450], ['Sichuan', 2, 320], ['Yunnan', 1, 400]]);

      // The chart as a PNG image, drawn by ECharts.
      const png = await exportAs(page, 'png');
      expect(png.suggestedFilename()).toBe('deals_by_region.png');
      expect((await readFile(await png.path())).subarray(1, 4).toString('ascii')).toBe('PNG');

      // A filter from the filter builder narrows the preview (won deals only).
      await page.click('[data-test="edit-filter"]');
      await page.click('[data-test="filter-add"]');
      const condition = page.locator('[data-test="filter-row-0"] .el-select');
      await condition.first().click();
      await page.getByRole('option', { name: 'Stage', exact: true }).locator('visible=true').first().click();
      await condition.last().click();
      await page.getByRole('option', { name: 'won', exact: true }).locator('visible=true').first().click();
      await page.click('[data-test="filter-apply"]');
      await expect.poll(async () => page.locator('[data-test="filter-text"]').innerText()).toContain('won');
      await expect.poll(async () => (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([['Chongqing', '1', '100'], ['Sichuan', '2', '320']]);

      // Leaving with changes not saved asks first; the list shows the saved report in the user's language.
      await page.locator('[data-test="report-builder"]').getByText('All reports').click();
      await page.locator('.el-message-box', { hasText: 'This report has changes that are not saved.' }).getByRole('button', { name: 'Leave' }).click();
      await page.locator('[data-test="report-link-deals_by_region"]', { hasText: 'Deals by region' }).waitFor();
    } finally {
      await browser.close();
    }
  });

  it('a dashboard defined through the API shows its widgets and filters them, one is put together in the editor, and a rep is told which widget they may not see', async () => {
    await expectStatus(t.admin.put('/api/meta/reports/deals_by_stage', { label: { en: 'Deals by stage', 'zh-CN': '各阶段商机' }, object: 'deal', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }], chart: { type: 'table' } }), 201);
    await expectStatus(t.admin.put('/api/meta/reports/margins', { label: { en: 'Margin by stage', 'zh-CN': '各阶段利润' }, object: 'deal', groupBy: [{ field: 'stage' }], measures: [{ fn: 'sum', field: 'margin' }], chart: { type: 'pie' } }), 201);
    await expectStatus(t.admin.put('/api/meta/dashboards/pipeline', {
      label: { en: 'Pipeline', 'zh-CN': '销售管道' },
      filters: [
        { name: 'period', field: 'closed', kind: 'period', label: { en: 'Closed', 'zh-CN': '成交' } },
        { name: 'region', field: 'region', kind: 'value', options: ['cq', 'sc', 'yn'], label: { en: 'Region', 'zh-CN': '区域' } },
      ],
      widgets: [
        { report: 'deals_by_region', x: 0, y: 0, w: 8, h: 4 },
        { report: 'deals_by_stage', x: 8, y: 0, w: 4, h: 4 },
        { report: 'margins', x: 0, y: 4, w: 12, h: 4 },
      ],
    }), 201);

    const admin = await openBrowser();
    try {
      const page = await admin.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-test="main-menu"] .el-menu-item', { hasText: /Dashboards$/ }).click();
      await page.click('[data-test="dashboard-link-pipeline"]');
      await page.locator('[data-test="dashboard-title"]', { hasText: 'Pipeline' }).waitFor();
      await page.locator('[data-test="widget-deals_by_region"] [data-test="report-chart"] canvas').first().waitFor();
      await page.locator('[data-test="widget-margins"] [data-test="report-chart"] canvas').first().waitFor();
      const stages = page.locator('[data-test="widget-deals_by_stage"] [data-test="flat-table"] tbody tr');
      await expect.poll(async () => (await stages.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['open 2', 'won 3', 'lost 1']);
      await waitUntilStill(page);
      await screenshot(page, 'reporting-dashboard');
      const widgetPng = await downloaded(page, () => page.click('[data-test="png-deals_by_region"]'));
      expect(widgetPng.suggestedFilename()).toBe('pipeline-deals_by_region.png');
      expect((await readFile(await widgetPng.path())).subarray(1, 4).toString('ascii')).toBe('PNG');

      // A group opens the records behind it: the won deals.
      await page.locator('[data-test="widget-deals_by_stage"] [data-test="flat-table"] tbody tr', { hasText: 'won' }).click();
      await page.waitForURL(/\/o\/deal\?filter=/);
      expect(JSON.parse(new URL(page.url()).searchParams.get('filter')!)).toEqual({ stage: { $eq: 'won' } });
      const listed = page.locator('[data-test="record-table"] tbody tr');
      await expect.poll(() => listed.count()).toBe(3);
      await screenshot(page, 'reporting-drill-records');
      await page.goBack();
      await stages.first().waitFor();

      // A dashboard-wide filter applies to every widget whose object has the field, and stays in the address.
      await page.click('[data-test="value-region"]');
      await page.getByRole('option', { name: 'Chongqing', exact: true }).locator('visible=true').first().click();
      await page.waitForURL('**/dashboards/pipeline?region=cq');
      await expect.poll(async () => (await stages.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['open 1', 'won 1', 'lost 1']);
      await page.click('[data-test="period-period"]');
      await page.getByRole('option', { name: 'Last year', exact: true }).locator('visible=true').first().click();
      await page.locator('[data-test="widget-deals_by_stage"]').getByText('No records to count.').waitFor();
      await waitUntilStill(page);
      await screenshot(page, 'reporting-dashboard-filtered');

      // An administrator also puts a dashboard together in the editor: a report, beside the next one.
      await page.goto(`${t.baseUrl}/dashboards`);
      await page.click('[data-test="new-dashboard"]');
      await input(page, 'dashboard-name').fill('mine');
      await input(page, 'dashboard-label-en').fill('My dashboard');
      await page.click('[data-test="add-widget"]');
      await page.click('[data-test="add-widget"]');
      await page.locator('[data-test="dashboard-editor"] .de-box', { hasText: 'Deals by stage' }).waitFor();
      await screenshot(page, 'reporting-dashboard-editor');
      await page.click('[data-test="save-dashboard"]');
      await page.waitForURL('**/dashboards/mine');
      await page.locator('[data-test="widget-deals_by_region"] [data-test="report-chart"] canvas').first().waitFor();
      await page.locator('[data-test="widget-deals_by_stage"] [data-test="flat-table"]').waitFor();
      expect(await expectStatus(t.admin.get('/api/meta/dashboards/mine'), 200)).toMatchObject({
        label: { en: 'My dashboard' },
        widgets: [{ report: 'deals_by_region', x: 0, y: 0, w: 6, h: 4 }, { report: 'deals_by_stage', x: 6, y: 0, w: 6, h: 4 }],
      });
    } finally {
      await admin.close();
    }

    const rep = await openBrowser();
    try {
      const page = await rep.page();
      await logIn(page, t.baseUrl, 'rep', PASSWORD);
      await page.goto(`${t.baseUrl}/dashboards/pipeline`);
      await page.locator('[data-test="widget-deals_by_region"] [data-test="report-chart"] canvas').first().waitFor();
      const refused = page.locator('[data-test="widget-margins"] [data-test="widget-error"]');
      await refused.getByText('This widget cannot be shown to you.').waitFor();
      expect(await refused.innerText()).toContain('You may not see the field "Margin".');
      await waitUntilStill(page);
      await screenshot(page, 'reporting-dashboard-rep');

      // In Chinese: titles, filters, option labels in tables, and the reason of the refused widget.
      await page.locator('[data-test="language-switch"]').getByText('中文').click();
      await page.locator('[data-test="dashboard-title"]', { hasText: '销售管道' }).waitFor();
      await refused.getByText('此组件无法向您显示。').waitFor();
      await refused.getByText('您无权查看字段“利润”。').waitFor();
      await page.locator('[data-test="filter-region"]', { hasText: '区域' }).waitFor();
      await expect.poll(async () => (await page.locator('[data-test="widget-deals_by_stage"] [data-test="flat-table"] thead th').allInnerTexts()).map((h) => h.trim())).toEqual(['阶段', '数量']);
      await waitUntilStill(page);
      await screenshot(page, 'reporting-dashboard-rep-zh');
      await page.locator('[data-test="language-switch"]').getByText('English').click();

      // On a tablet held upright the widgets stand one under the other, full width.
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.reload();
      await page.locator('[data-test="widget-deals_by_region"] [data-test="report-chart"] canvas').first().waitFor();
      const boxes = await Promise.all(['deals_by_region', 'deals_by_stage', 'margins'].map((r) => page.locator(`[data-test="widget-${r}"]`).boundingBox()));
      expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(1);
      expect(boxes[0]!.y).toBeLessThan(boxes[1]!.y);
      await waitUntilStill(page);
      await screenshot(page, 'reporting-dashboard-tablet');
      await page.setViewportSize({ width: 1280, height: 800 });

      // The rep may explore a report but not save it; the hidden field is named where it is used.
      await page.goto(`${t.baseUrl}/reports/margins`);
      await page.locator('[data-test="section-measures"]').getByText('You may not see the field "Margin".').waitFor();
      expect(await page.locator('[data-test="save-report"]').count()).toBe(0);
      await waitUntilStill(page);
      await screenshot(page, 'reporting-builder-rep');
    } finally {
      await rep.close();
    }
  });
});
