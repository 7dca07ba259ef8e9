import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { eventually } from '../integration/helpers/eventually.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15, item 8: the retention page /exhibition/analysis — figures, the waterfall from last year's
// exhibitors, churn by profile, the series and the exhibitors not back — on a small fixture:
// spring 2025 had P1–P6; spring 2026 has P1, P2, P3 back, P7 new; P4, P5, P6 (all peripheral) lost.

describe('exhibitor retention page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'fair.director', 'Fair Director', ['exhibition_director']);
    const segments = ['raw_materials', 'finished_goods', 'finished_goods', 'peripheral', 'peripheral', 'peripheral', 'raw_materials'];
    const accounts: string[] = [];
    for (const [i, supply_chain] of segments.entries()) {
      accounts.push((await expectStatus(t.admin.post('/api/records/account', { name: `展商 P${i + 1}`, is_exhibitor: true, supply_chain, region: i % 2 ? 'Sichuan' : 'Yunnan' }), 201)).id);
    }
    const spring25 = await expectStatus(t.admin.post('/api/records/exhibition', { name: '2025 春季', year: 2025, season: 'spring', start_date: '2025-03-20', end_date: '2025-03-22', status: 'closed' }), 201);
    const spring26 = await expectStatus(t.admin.post('/api/records/exhibition', { name: '2026 春季', year: 2026, season: 'spring', start_date: '2026-03-20', end_date: '2026-03-22', status: 'closed', previous_edition: spring25.id }), 201);
    let n = 0;
    for (const [edition, who] of [[spring25, [0, 1, 2, 3, 4, 5]], [spring26, [0, 1, 2, 6]]] as const) {
      const hall = await expectStatus(t.admin.post('/api/records/hall', { exhibition: edition.id, name: '1号馆', width: 100, depth: 60 }), 201);
      for (const i of who) {
        const booth = await expectStatus(t.admin.post('/api/records/booth', { number: `A${++n}`, exhibition: edition.id, hall: hall.id, area: 9, price: 9000, x: n * 3, y: 0, width: 3, depth: 3 }), 201);
        const late = i === 3 || i === 4;
        const reservation = await expectStatus(t.admin.post('/api/records/booth_reservation', { exhibition: edition.id, exhibitor: accounts[i], amount_paid: 9000, payment_status: 'paid', balance_due_on: `${edition.year}-02-01`, paid_on: late ? `${edition.year}-02-15` : `${edition.year}-01-15` }), 201);
        await expectStatus(t.admin.post('/api/records/booth_booking', { booth: booth.id, exhibitor: accounts[i], reservation: reservation.id, status: 'sold' }), 201);
      }
    }
    await eventually(async () => (await t.admin.get('/api/records/exhibitor_edition?limit=1&count=true')).body.total, (total) => total === 10);
  });
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`shows the retention of spring 2026 against spring 2025 (${size.name})`, async () => {
      const zh = size.name === 'phone';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: zh ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'fair.director', PASSWORD);
        await page.goto(`${t.baseUrl}/exhibition/analysis`);
        await page.waitForSelector('[data-test="retention-figures"]');
        expect(await page.locator('[data-test="retention-exhibitors"] .value').textContent()).toBe('4');
        expect(await page.locator('[data-test="retention-retained"] .value').textContent()).toBe('3');
        expect(await page.locator('[data-test="retention-lost"] .value').textContent()).toBe('3');
        expect(await page.locator('[data-test="retention-new"] .value').textContent()).toBe('1');
        expect(await page.locator('[data-test="retention-churnRate"] .value').textContent()).toBe('50.0 %');
        await page.waitForSelector('[data-test="retention-waterfall"] canvas');
        await page.waitForSelector('[data-test="retention-churn-bars"] canvas');
        await page.waitForSelector('[data-test="retention-series"] canvas');
        const rows = page.locator('[data-test="retention-not-back"] .el-table__body tr');
        expect(await rows.count()).toBe(3);
        expect(await page.locator('[data-test="retention-not-back"]').textContent()).toContain(zh ? '周边产品' : 'Peripheral products');
        expect(page.url()).toMatch(/edition=\d+/);
        // Spring 2026's one hall: its 4 booths of 9 m² all sold at ¥9,000.
        const occupancy = page.locator('[data-test="retention-occupancy"] .el-table__body tr');
        expect(await occupancy.count()).toBe(2);
        expect(await occupancy.nth(1).textContent()).toContain(zh ? '全部展馆' : 'All halls');
        expect(await occupancy.nth(1).textContent()).toMatch(/4 \/ 4.*36 \/ 36.*100\.0 %.*¥36,000/);
        await waitUntilStill(page);
        await screenshot(page, `exhibitor-retention-${size.name}`);
        await page.locator('[data-test="retention-churn-bars"]').scrollIntoViewIfNeeded();
        await waitUntilStill(page, { scrollTop: false });
        await screenshot(page, `exhibitor-retention-churn-${size.name}`);
        await page.locator('[data-test="retention-not-back"]').scrollIntoViewIfNeeded();
        await waitUntilStill(page, { scrollTop: false });
        await screenshot(page, `exhibitor-retention-list-${size.name}`);
        await page.locator('[data-test="retention-occupancy"]').scrollIntoViewIfNeeded();
        await waitUntilStill(page, { scrollTop: false });
        await screenshot(page, `exhibitor-retention-occupancy-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
