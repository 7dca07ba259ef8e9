import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 16, items 2 and 4: a Sichuan user's enterprise projects (the generic record pages) show only
// Sichuan's, and the dashboard comparing VND, TND and MND across regions renders, at desktop and phone.

describe('telecom regional screens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'telecom' }] });
    await createUser(t.admin, 'sc.staff', 'Sichuan Staff', ['telecom_region_sichuan']);
    for (const [region, unit, value] of [['Sichuan', 'TND', 1_200_000], ['Sichuan', 'VND', 300_000], ['Sichuan', 'MND', 2_400_000], ['Chongqing', 'TND', 900_000], ['Yunnan', 'MND', 700_000]] as const) {
      await expectStatus(t.admin.post('/api/records/enterprise_project', { name: `${region} ${unit} project`, region, business_unit: unit, value, status: 'active' }), 201);
    }
  });
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`shows a Sichuan user only Sichuan's projects and the department dashboard (${size.name})`, async () => {
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.name === 'phone' ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'sc.staff', PASSWORD);
        await page.goto(`${t.baseUrl}/o/enterprise_project`);
        await page.getByText('Sichuan TND project').first().waitFor();
        await waitUntilStill(page);
        const text = await page.locator('body').innerText();
        for (const unit of ['TND', 'VND', 'MND']) expect(text).toContain(`Sichuan ${unit} project`);
        expect(text).not.toContain('Chongqing TND project');
        expect(text).not.toContain('Yunnan MND project');
        await screenshot(page, `telecom-projects-${size.name}`);

        await page.goto(`${t.baseUrl}/dashboards/telecom_projects`);
        await page.locator('[data-test="widget-project_value_by_region_department"] [data-test="report-chart"] canvas').first().waitFor();
        await page.locator('[data-test="widget-projects_by_department"] [data-test="report-chart"] canvas').first().waitFor();
        await waitUntilStill(page);
        await screenshot(page, `telecom-dashboard-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
