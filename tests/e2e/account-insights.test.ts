import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../integration/helpers/eventually.ts';
import { ADMIN_PASSWORD, startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// The analytics pack's panel on the account page (a pack's ui.recordPanels): after the administrator
// has run the RFM, churn prediction and product-pair analyses on the crm demo data, an account shows its
// churn risk with the rule that explains it, and another the products to offer it, each linked to its
// record. A sales rep who has not run the product pairs is told how to get recommendations, in Chinese.

const DEMO_PASSWORD = 'Demo-pass-2026';
// The analytics pack's panel among the account page's panels (the crm pack adds its quick log).
const INSIGHTS = '[data-test="record-panel"][data-panel^="analytics:"]';
const REP = 'zhang.wei';

interface Recommendation { item: { id: string; title: string | null }; lift: number; confidence: number; because: { id: string; title: string | null }[] }

/** Starts a run as `who` and waits for it to succeed. */
async function run(who: ApiClient, name: string): Promise<void> {
  const { runId } = await expectStatus(who.post(`/api/analyses/${name}/run`), 202);
  const done = await eventually(() => who.get(`/api/analyses/${name}/runs/${runId}`), (r) => ['succeeded', 'failed'].includes(r.body.status), 120_000);
  if (done.body.status !== 'succeeded') throw new Error(`${name} did not succeed: ${JSON.stringify(done.body).slice(0, 500)}`);
}

const filtered = (filter: unknown, extra: string) => `/api/records/account?filter=${encodeURIComponent(JSON.stringify(filter))}&${extra}`;

/** Logs in as this user in a fresh browser; on failure the page is kept as a screenshot. */
async function as<T>(t: TestApp, username: string, work: (page: Page) => Promise<T>, options: { width?: number; height?: number; locale?: string } = {}): Promise<T> {
  const browser = await openBrowser(options);
  try {
    const page = await browser.page();
    await logIn(page, t.baseUrl, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
    try {
      return await work(page);
    } catch (error) {
      await screenshot(page, `failed-account-insights-${username}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}

/** Opens an account's record page and waits for the analytics panel to have drawn its parts. */
async function openAccount(page: Page, t: TestApp, id: string, ready: string): Promise<void> {
  await page.goto(`${t.baseUrl}/o/account/${id}`);
  await page.waitForSelector('[data-test="account-insights"]');
  await page.waitForSelector(ready, { timeout: 30_000 });
  await waitUntilStill(page, { scrollTop: false }); // Element Plus' progress bar and tags finish their transitions
}

describe('the account panel of the analytics pack', () => {
  let t: TestApp;
  let risky: { id: string; name: string; rule: string; probability: number };
  let buyer: { id: string; name: string; recommendations: Recommendation[] };
  let repAccount: { id: string; rule: string | null };
  let lost: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'analytics', demo: true }] });
    for (const name of ['customer_rfm', 'churn_prediction', 'product_pairs']) await run(t.admin, name);

    // Lost accounts know their outcome: the risk is asked of the others.
    const [top] = (await expectStatus(t.admin.get(filtered({ churn_rule: { $null: false }, rfm_segment: { $null: false }, lifecycle: { $ne: 'lost' } }, 'sort=-churn_probability&limit=1&fields=name,churn_probability,churn_rule')), 200)).data;
    risky = { id: String(top.id), name: top.name, rule: top.churn_rule, probability: top.churn_probability };
    const [gone] = (await expectStatus(t.admin.get(filtered({ churn_probability: { $null: false }, lifecycle: 'lost' }, 'limit=1&fields=name')), 200)).data;
    lost = { id: String(gone.id) };

    // An account that bought the first product of a pair and not yet the second gets a recommendation.
    const accounts = (await expectStatus(t.admin.get(filtered({ lifecycle: { $in: ['customer', 'service_customer'] } }, 'sort=name&limit=60&fields=name')), 200)).data;
    for (const account of accounts) {
      const answer = await expectStatus(t.admin.get(`/api/analyses/product_pairs/recommendations/${account.id}?limit=5`), 200);
      if (answer.data.some((r: Recommendation) => r.because.length > 0)) {
        buyer = { id: String(account.id), name: account.name, recommendations: answer.data };
        break;
      }
    }
    if (!buyer) throw new Error('no demo account has a recommendation');

    const rep = await t.login(REP, DEMO_PASSWORD);
    const [own] = (await expectStatus(rep.get(filtered({ churn_probability: { $null: false }, lifecycle: { $ne: 'lost' } }, 'sort=-churn_probability&limit=1&fields=name,churn_rule')), 200)).data;
    repAccount = { id: String(own.id), rule: own.churn_rule };
  }, 600_000);
  afterAll(async () => t?.close());

  it('shows an account\'s churn risk with the rule that explains it, and opens a recommended product from another account', async () => {
    await as(t, 'admin', async (page) => {
      await openAccount(page, t, risky.id, '[data-test="churn-rule"]');
      const panel = page.locator('[data-test="account-insights"]');
      expect(await page.textContent('[data-test="record-title"]')).toBe(risky.name);
      expect(await panel.locator('[data-test="churn-risk"]').textContent()).toContain('Churn risk');
      expect(await panel.locator('[data-test="churn-level"]').textContent()).toBe(risky.probability >= 0.5 ? 'High risk' : risky.probability >= 0.25 ? 'Medium risk' : 'Low risk');
      // The rule is stored in English and Chinese; the English reader sees the English line only.
      const [english, chinese] = risky.rule.split('\n');
      const shownRule = await panel.locator('[data-test="churn-rule"] p').textContent();
      expect(shownRule).toBe(english);
      expect(shownRule).not.toContain(chinese);
      expect(await panel.locator('[data-insight="rfm_segment"]').textContent()).toMatch(/[A-Z][a-z]+/);
      await screenshot(page, 'account-insights-churn-desktop');

      // A lost account's probability is no forecast: the panel says the outcome instead of a risk.
      await openAccount(page, t, lost.id, '[data-test="churn-outcome"]');
      const outcome = await panel.locator('[data-test="churn-outcome"]').textContent();
      expect(outcome).toContain('the outcome is known');
      expect(outcome).toContain('Lost');
      expect(await panel.locator('[data-test="churn-risk"]').count()).toBe(0);

      await openAccount(page, t, buyer.id, '[data-test="recommendation"]');
      const first = buyer.recommendations[0];
      const items = panel.locator('[data-test="recommended-item"]');
      expect(await items.allTextContents()).toEqual(buyer.recommendations.map((r) => r.item.title));
      const because = await panel.locator('[data-test="recommendation"]').first().locator('[data-test="recommendation-because"]').textContent();
      expect(because).toContain('Because they bought');
      for (const item of first.because) expect(because).toContain(item.title);
      expect(await panel.locator('[data-test="recommendation"]').first().textContent()).toContain(`lift ${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(first.lift)}`);
      await screenshot(page, 'account-insights-cross-sell-desktop');

      await items.first().click();
      await page.waitForURL(`**/o/product/${first.item.id}`);
      await expect.poll(() => page.textContent('[data-test="record-title"]')).toBe(first.item.title);
    });
  });

  it('tells a sales rep on a phone, in Chinese, that recommendations come from their own run', async () => {
    await as(t, REP, async (page) => {
      await openAccount(page, t, repAccount.id, '[data-test="cross-sell-no-run"]');
      const panel = page.locator('[data-test="account-insights"]');
      expect(await page.locator(`${INSIGHTS} h2`).textContent()).toBe('客户洞察');
      expect(await panel.locator('[data-test="churn-risk"]').textContent()).toContain('流失概率');
      if (repAccount.rule) expect(await panel.locator('[data-test="churn-rule"] p').textContent()).toBe(repAccount.rule.split('\n')[1]);
      expect(await panel.locator('[data-test="cross-sell-no-run"]').textContent()).toContain('您尚未运行该分析');
      expect(await panel.locator('[data-test="cross-sell-run-link"]').getAttribute('href')).toBe('/analytics/product_pairs');
      // On a phone the panel comes right after the details, before the long related lists.
      const panelTop = (await page.locator(INSIGHTS).boundingBox())!.y;
      const detailsTop = (await page.locator('[data-test="record-fields"]').boundingBox())!.y;
      const relatedTop = (await page.locator('.el-tabs').first().boundingBox())!.y;
      expect(panelTop).toBeGreaterThan(detailsTop);
      expect(panelTop).toBeLessThan(relatedTop);
      expect((await page.locator(INSIGHTS).boundingBox())!.width).toBeLessThanOrEqual(390);
      await page.locator(INSIGHTS).scrollIntoViewIfNeeded();
      await screenshot(page, 'account-insights-phone-zh');
    }, { width: 390, height: 844, locale: 'zh-CN' });
  });
});
