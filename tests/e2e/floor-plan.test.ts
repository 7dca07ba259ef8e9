import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 (exhibition pack): a hall's floor plan drawn to scale, a booth held for an exhibitor and
// reserved from its panel, at desktop and phone size, in English and Chinese.

describe('exhibition floor plan', () => {
  let t: TestApp;
  let edition: string;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'plan.sales', 'Plan Sales', ['exhibition_sales']);
    // Someone other than the submitter reviews a reservation.
    await createUser(t.admin, 'plan.reviewer', 'Plan Reviewer', ['exhibition_sales']);
    await expectStatus(t.admin.post('/api/records/account', { name: '泸州老窖商贸有限公司', is_exhibitor: true }), 201);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    edition = (await expectStatus(t.admin.post('/api/records/exhibition', { name: '2027 春季全国糖酒商品交易会', year: 2027, season: 'spring', start_date: day(120), end_date: day(122), status: 'booking' }), 201)).id;
    const hall = (await expectStatus(t.admin.post('/api/records/hall', {
      exhibition: edition, name: '1号馆', width: 36, depth: 24,
      outline: [{ kind: 'entrance', points: [[0, 10], [0, 14]] }, { kind: 'pillar', points: [[17.5, 11.5], [18.5, 11.5], [18.5, 12.5], [17.5, 12.5]] }],
    }), 201)).id;
    let n = 0;
    for (const row of [2, 8, 14, 20]) {
      for (let x = 2; x + 3 <= 34; x += 4) {
        if (x > 14 && x < 20 && row > 8 && row < 16) continue;
        n++;
        await expectStatus(t.admin.post('/api/records/booth', { number: `1-${String(n).padStart(2, '0')}`, exhibition: edition, hall, area: 9, price: 13_500, x, y: row, width: 3, depth: 3 }), 201);
      }
    }
  });
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`holds a booth for an exhibitor and reserves it from the plan (${size.name})`, async () => {
      const browser = await openBrowser({ width: size.width, height: size.height, locale: size.name === 'phone' ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'plan.sales', PASSWORD);
        await page.goto(`${t.baseUrl}/exhibition/plans`);
        await page.locator('[data-test="plan-link"]').first().click();
        await page.waitForSelector('[data-test="floor-plan"] [data-booth]');
        const number = size.name === 'desktop' ? '1-01' : '1-02';
        const booth = page.locator(`[data-booth="${number}"]`);
        expect(await booth.getAttribute('data-status')).toBe('available');
        await booth.click();
        await page.locator('[data-test="plan-exhibitor"]').click();
        await page.keyboard.type('泸州');
        await page.getByRole('option', { name: '泸州老窖商贸有限公司' }).locator('visible=true').click();
        await page.click('[data-test="plan-hold"]');
        await toast(page, size.name === 'phone' ? '展位已为您预留。' : 'The booth is held for you.');
        await page.waitForSelector(`[data-booth="${number}"][data-status="held"]`);
        await screenshot(page, `floor-plan-held-${size.name}`);
        await page.click('[data-test="plan-reserve"]');
        await toast(page, size.name === 'phone' ? '预订单已提交审批。' : 'The reservation was submitted for approval.');
        await page.waitForSelector(`[data-booth="${number}"][data-status="reserved"]`);
        await screenshot(page, `floor-plan-reserved-${size.name}`);
        const reservations = await t.admin.get('/api/records/booth_reservation');
        expect(reservations.body.data.some((r: any) => r._state === 'sales_review')).toBe(true);
      } finally {
        await browser.close();
      }
    });
  }
});
