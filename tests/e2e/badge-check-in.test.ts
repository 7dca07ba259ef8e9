import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15, item 3: the gate's check-in page at /exhibition/check-in. A scanner types the code and
// presses Enter; the answer fills the screen, green when admitted, red otherwise.

const background = (page: Page, test: string): Promise<string> =>
  page.evaluate<string>(`getComputedStyle(document.querySelector('[data-test="${test}"]')).backgroundColor`);

describe('badge check-in page', () => {
  let t: TestApp;
  const codes: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'gate.keeper', 'Gate Keeper', ['exhibition_sales']);
    const edition = (await expectStatus(t.admin.post('/api/records/exhibition', { name: '2027 春季糖酒会', year: 2027, season: 'spring', start_date: '2027-03-25', end_date: '2027-03-27', status: 'booking' }), 201)).id;
    for (const name of ['欧阳娜娜', '司马相如']) {
      const visitor = (await expectStatus(t.admin.post('/api/records/visitor', { exhibition: edition, name, company: '成都红旗连锁股份有限公司' }), 201)).id;
      codes.push((await expectStatus(t.admin.post(`/api/plugins/exhibition/visitors/${visitor}/badge`, {}), 201)).code);
    }
  });
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`admits a badge once and turns it away the second time (${size.name})`, async () => {
      const zh = size.name === 'phone';
      const code = codes[zh ? 1 : 0];
      const name = zh ? '司马相如' : '欧阳娜娜';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: zh ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'gate.keeper', PASSWORD);
        await page.goto(`${t.baseUrl}/exhibition/check-in`);
        await page.waitForSelector('[data-test="check-in"]');
        // The field has the focus: a scanner types straight into it and ends with Enter.
        await page.keyboard.type(code);
        await page.keyboard.press('Enter');
        const ok = page.locator('[data-test="check-in-ok"]');
        await ok.waitFor();
        expect(await ok.textContent()).toContain(name);
        expect(await background(page, 'check-in-ok')).toBe('rgb(46, 157, 79)');
        expect(await input(page, 'check-in-code').inputValue()).toBe('');
        await screenshot(page, `badge-check-in-ok-${size.name}`);

        await page.keyboard.type(code.toLowerCase());
        await page.keyboard.press('Enter');
        const refused = page.locator('[data-test="check-in-refused"]');
        await refused.waitFor();
        expect(await refused.textContent()).toContain(zh ? `${name} 已于` : `${name} was already checked in at`);
        expect(await background(page, 'check-in-refused')).toBe('rgb(200, 50, 60)');
        expect(await page.locator('[data-test="check-in-ok"]').count()).toBe(0);
        await screenshot(page, `badge-check-in-refused-${size.name}`);
      } finally {
        await browser.close();
      }
    });
  }
});
