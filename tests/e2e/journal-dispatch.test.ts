import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15 item 1: a journal issue's "Dispatch" button opens the pack's dispatch page, which sends the
// issue to every subscription running on its publication date and says how many dispatches it made.

describe('dispatching a journal issue', () => {
  let t: TestApp;
  const issues: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    await createUser(t.admin, 'journal.director', 'Journal Director', ['exhibition_director']);
    const journal = (await expectStatus(t.admin.post('/api/records/journal', { title: '华夏糖酒', issues_per_year: 12 }), 201)).id;
    for (const name of ['川味食品有限公司', '滇红茶业']) {
      const account = (await expectStatus(t.admin.post('/api/records/account', { name }), 201)).id;
      await expectStatus(t.admin.post('/api/records/journal_subscription', { account, journal, starts_on: '2026-01-01', ends_on: '2026-12-31', copies: 2 }), 201);
    }
    for (const n of [1, 2]) {
      issues.push((await expectStatus(t.admin.post('/api/records/journal_issue', { name: `2026 年第 ${n} 期`, journal, number: n, publication_date: `2026-0${n}-15`, status: 'printed' }), 201)).id);
    }
  });
  afterAll(async () => t?.close());

  for (const [i, size] of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }].entries()) {
    it(`opens from the issue and dispatches it once (${size.name})`, async () => {
      const zh = size.name === 'phone';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: zh ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'journal.director', PASSWORD);
        await page.goto(`${t.baseUrl}/o/journal_issue/${issues[i]}`);
        await page.click('[data-test="record-action-/exhibition/journal-issues/:id/dispatch"]');
        await page.waitForURL(/\/exhibition\/journal-issues\/\d+\/dispatch$/);
        await page.waitForSelector('[data-test="dispatch"]');
        await page.click('[data-test="dispatch"]');
        const result = page.locator('[data-test="dispatch-result"]');
        await result.waitFor();
        expect(await result.textContent()).toContain(zh ? '新建 2 条发行记录，已有 0 条（共 2 份订阅）' : '2 dispatches created, 0 already there (2 subscriptions)');
        await screenshot(page, `journal-dispatch-${size.name}`);
        await page.click('[data-test="dispatch"]');
        await expect.poll(() => result.textContent()).toContain(zh ? '新建 0 条发行记录，已有 2 条' : '0 dispatches created, 2 already there');
        const dispatches = await t.admin.get(`/api/records/journal_dispatch?filter=${encodeURIComponent(JSON.stringify({ issue: issues[i] }))}`);
        expect(dispatches.body.data).toHaveLength(2);
        expect((await t.admin.get(`/api/records/journal_issue/${issues[i]}`)).body.status).toBe('dispatched');
      } finally {
        await browser.close();
      }
    });
  }
});
