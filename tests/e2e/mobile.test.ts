import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, logIn, openBrowser, screenshot, waitUntilStill, type Browser } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 17 item 10 (R33, the mobile CRM): at 390 × 844, on the crm demo data, a sales rep has a bottom bar
// (home, search, approvals, new), lists as cards, record pages with stacked fields and the workflow panel,
// and logs a visit or a call from an account or contact page in one tap — also offline, where the log
// waits on the phone and is sent once back online (never in another user's session). The manager
// approves from the inbox on a phone. The app is installable: its manifest and service worker are
// served, and the service worker never answers the API. A desktop keeps its table and has no bottom bar.

const PHONE = { width: 390, height: 844 };
const DEMO_PASSWORD = 'Demo-pass-2026';
const REP = 'zhang.wei';
const OTHER_REP = 'li.na';
const THIRD_REP = 'wang.lei';
const MANAGER = 'sun.li';

/** A screenshot once Element Plus' transitions have finished. */
async function shot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page, { scrollTop: false });
  await screenshot(page, name);
}

/** Runs `work` in a fresh phone-sized browser logged in as `username`; a failure leaves a screenshot. */
async function onPhone<T>(t: TestApp, username: string, work: (page: Page, browser: Browser) => Promise<T>, size = PHONE): Promise<T> {
  const browser = await openBrowser(size);
  const page = await browser.page();
  try {
    await logIn(page, t.baseUrl, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
    return await work(page, browser);
  } catch (error) {
    await screenshot(page, `failed-mobile-${username}`);
    throw error;
  } finally {
    await browser.close();
  }
}

/** The space kept free under the content (the bottom bar's height on a phone). */
const mainPadding = (page: Page): Promise<string> => page.evaluate<string>("getComputedStyle(document.querySelector('.main')).paddingBottom");

/** How wide the page is laid out: wider than the screen means it scrolls sideways. */
const pageWidth = (page: Page): Promise<number> => page.locator('html').evaluate((el) => el.scrollWidth);

/** The rep's activities with this subject, read through the API as the rep. */
async function activities(who: ApiClient, subject: string): Promise<any[]> {
  const filter = encodeURIComponent(JSON.stringify({ subject }));
  return (await expectStatus(who.get(`/api/records/activity?filter=${filter}&fields=subject,kind,category,account,contact,notes,_owner`), 200)).data;
}

describe('the mobile CRM on a phone', () => {
  let t: TestApp;
  let rep: ApiClient;
  let account: { id: string; name: string };
  let contact: { id: string; name: string; account: string | null };
  let claim: string;

  beforeAll(async () => {
    t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm', demo: true }] });
    rep = await t.login(REP, DEMO_PASSWORD);
    const [a] = (await expectStatus(rep.get('/api/records/account?sort=name&limit=1&fields=name'), 200)).data;
    account = { id: String(a.id), name: a.name };
    const [c] = (await expectStatus(rep.get('/api/records/contact?sort=name&limit=1&fields=name,account'), 200)).data;
    contact = { id: String(c.id), name: c.name, account: c.account ?? null };
    // An expense claim waiting for the rep's manager.
    claim = (await expectStatus(rep.post('/api/records/expense_claim', { title: 'Taxi to the Yutong plant', category: 'transport', amount: 86 }), 201)).id;
    await expectStatus(rep.post(`/api/records/expense_claim/${claim}/submit`, {}), 200);
    // Enough activity plans of the rep's for a second page of cards.
    for (let day = 1; day <= 20; day += 1) {
      await expectStatus(rep.post('/api/records/activity', { subject: `Follow-up call ${day}`, kind: 'plan', category: 'call', account: account.id }), 201);
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a bottom bar with home, search, approvals and a sheet of what may be created', async () => {
    await onPhone(t, REP, async (page) => {
      const bar = page.locator('[data-test="bottom-bar"]');
      await bar.waitFor();
      const box = (await bar.boundingBox())!;
      expect(box.y + box.height).toBeCloseTo(PHONE.height, 0);
      expect(box.width).toBeLessThanOrEqual(PHONE.width);
      for (const item of ['bottom-home', 'bottom-search', 'bottom-inbox', 'bottom-create']) {
        const itemBox = (await page.locator(`[data-test="${item}"]`).boundingBox())!;
        expect(itemBox.height, item).toBeGreaterThanOrEqual(44);
        expect(itemBox.x + itemBox.width, item).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await page.getAttribute('[data-test="bottom-search"]', 'href')).toBe('/search');
      // The content scrolls clear of the bar.
      const padding = parseFloat(await mainPadding(page));
      expect(padding).toBeGreaterThanOrEqual(box.height - 1);
      await shot(page, 'mobile-home');

      await page.click('[data-test="bottom-create"]');
      const sheet = page.locator('.create-sheet');
      await sheet.locator('[data-test="create-activity"]').waitFor();
      expect(await sheet.locator('[data-test="create-account"]').textContent()).toBe('Account');
      // A rep may not create products: they are not offered.
      expect(await sheet.locator('[data-test="create-product"]').count()).toBe(0);
      await shot(page, 'mobile-create-sheet');
      await sheet.locator('[data-test="create-activity"]').click();
      await page.waitForURL(/\/o\/activity\/new$/);
      // The form is one column of full-width inputs.
      const form = page.locator('[data-test="record-form"]');
      await form.waitFor();
      const subject = (await form.locator('[data-field="subject"] .el-input').boundingBox())!;
      const kind = (await form.locator('[data-field="kind"] .el-select').boundingBox())!;
      expect(subject.width).toBeGreaterThan(PHONE.width - 80);
      expect(kind.width).toBeCloseTo(subject.width, 0);
      expect(kind.x).toBeCloseTo(subject.x, 0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'mobile-form');

      await page.click('[data-test="bottom-inbox"]');
      await page.waitForURL(/\/inbox$/);
      await page.click('[data-test="bottom-home"]');
      await page.waitForURL((url) => url.pathname === '/');

      // In Chinese, from the user's menu.
      await chooseLanguage(page, 'zh-CN');
      await expect.poll(() => page.textContent('[data-test="bottom-create"]')).toContain('新建');
      expect(await page.textContent('[data-test="bottom-search"]')).toContain('搜索');
      await page.goto(`${t.baseUrl}/o/account/${account.id}`);
      await page.locator('[data-test="quick-log-visit"]').scrollIntoViewIfNeeded();
      expect(await page.textContent('[data-test="quick-log-visit"]')).toContain('拜访了');
      await shot(page, 'mobile-quick-log-zh');
    });
  });

  it('shows a list as cards with the title and two key fields, more as it scrolls, with the filter at full width', async () => {
    const total = (await expectStatus(rep.get('/api/records/activity?limit=1&count=true'), 200)).total as number;
    expect(total).toBeGreaterThan(50);
    await onPhone(t, REP, async (page) => {
      await page.goto(`${t.baseUrl}/o/activity`);
      const cards = page.locator('[data-test="record-card"]');
      await cards.first().waitFor();
      expect(await page.locator('[data-test="record-table"]').count()).toBe(0);
      expect(await cards.count()).toBe(50);
      const first = cards.first();
      expect(await first.getAttribute('href')).toMatch(/^\/o\/activity\/\d+$/);
      // The declared choice first, as a tag; then the next column with a value.
      expect(await first.locator('.key').count()).toBe(2);
      expect(await first.locator('.key').first().getAttribute('data-field')).toBe('kind');
      expect(await first.locator('.key .el-tag').first().textContent()).toMatch(/^(Plan|Log)$/);
      await shot(page, 'mobile-list-cards');
      // Scrolling to the end brings the next page.
      await page.locator('[data-test="cards-more"]').scrollIntoViewIfNeeded();
      await expect.poll(() => cards.count()).toBe(Math.min(100, total));

      await page.click('[data-test="toggle-filter"]');
      const builder = page.locator('[data-test="filter-builder"]');
      await builder.waitFor();
      const filterBox = (await builder.boundingBox())!;
      expect(filterBox.x + filterBox.width).toBeLessThanOrEqual(PHONE.width);
      expect(await page.locator('[data-test="saved-views"]').isVisible()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.locator('[data-test="toggle-filter"]').scrollIntoViewIfNeeded();
      await shot(page, 'mobile-list-filter');
    });
  });

  it('stacks a record page: each label above its value, the workflow panel and the quick log below', async () => {
    await onPhone(t, REP, async (page) => {
      await page.goto(`${t.baseUrl}/o/account/${account.id}`);
      const fields = page.locator('[data-test="record-fields"]');
      await fields.waitFor();
      const label = (await fields.locator('.el-descriptions__label').first().boundingBox())!;
      const value = (await fields.locator('.el-descriptions__content').first().boundingBox())!;
      expect(value.y).toBeGreaterThanOrEqual(label.y + label.height - 1);
      expect(value.x).toBeCloseTo(label.x, 0);
      expect(value.width).toBeGreaterThan(PHONE.width - 80);
      await page.locator('[data-test="workflow-panel"]').waitFor();
      await page.locator('[data-test="quick-log"]').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'mobile-record');
    });
  });

  it('lets the manager approve from the inbox on a phone', async () => {
    await onPhone(t, MANAGER, async (page) => {
      await expect.poll(() => page.locator('[data-test="bottom-inbox-count"] .el-badge__content').textContent()).toMatch(/^\d+$/);
      await page.click('[data-test="bottom-inbox"]');
      const card = page.locator('[data-test="task-card"]', { hasText: 'Taxi to the Yutong plant' });
      await card.waitFor();
      const cardBox = (await card.boundingBox())!;
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(PHONE.width);
      for (const button of ['approve', 'reject', 'delegate']) {
        const b = (await card.locator(`[data-test="${button}"]`).boundingBox())!;
        expect(b.height, button).toBeGreaterThanOrEqual(44);
        expect(b.x + b.width, button).toBeLessThanOrEqual(PHONE.width);
      }
      // Rejecting asks where to send it back, inside the card's width.
      await card.locator('[data-test="reject"]').click();
      const target = (await card.locator('[data-test="reject-to"]').boundingBox())!;
      expect(target.x + target.width).toBeLessThanOrEqual(PHONE.width);
      await card.getByRole('button', { name: 'Cancel' }).click();
      await card.locator('textarea[data-test="task-comment"], [data-test="task-comment"] textarea').fill('OK, keep the receipt.');
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'mobile-inbox');
      await card.locator('[data-test="approve"]').click();
      await card.waitFor({ state: 'detached' });
    });
    const workflow = await expectStatus(rep.get(`/api/records/expense_claim/${claim}/workflow`), 200);
    expect(workflow.instance.state).toBe('finance_review');
  });

  it('logs a visit from an account page in one tap', async () => {
    await onPhone(t, REP, async (page) => {
      await page.goto(`${t.baseUrl}/o/account/${account.id}`);
      const panel = page.locator('[data-test="quick-log"]');
      await panel.locator('[data-test="quick-log-visit"]').waitFor();
      for (const kind of ['visit', 'call', 'meeting']) expect((await panel.locator(`[data-test="quick-log-${kind}"]`).boundingBox())!.height).toBeGreaterThanOrEqual(48);
      await panel.locator('textarea[data-test="quick-log-note"], [data-test="quick-log-note"] textarea').fill('Samples of the new valve left with purchasing.');
      await panel.locator('[data-test="quick-log-visit"]').click();
      await expect.poll(() => panel.locator('[data-test="quick-log-notice"]').textContent()).toContain(`Logged: Visit: ${account.name}`);
      const entry = panel.locator('[data-test="quick-log-entry"]').first();
      expect(await entry.getAttribute('data-status')).toBe('sent');
      await panel.scrollIntoViewIfNeeded();
      await shot(page, 'mobile-quick-log');
    });
    const [logged] = await activities(rep, `Visit: ${account.name}`);
    expect(logged).toMatchObject({ kind: 'log', category: 'visit', account: account.id, notes: 'Samples of the new valve left with purchasing.' });
  });

  it('keeps a call logged offline on the phone and sends it when back online', async () => {
    await onPhone(t, REP, async (page, browser) => {
      await page.goto(`${t.baseUrl}/o/contact/${contact.id}`);
      const panel = page.locator('[data-test="quick-log"]');
      await panel.locator('[data-test="quick-log-call"]').waitFor();
      await browser.context.setOffline(true);
      await panel.locator('[data-test="quick-log-call"]').click();
      await expect.poll(() => panel.locator('[data-test="quick-log-notice"]').textContent()).toContain('No network');
      const entry = panel.locator('[data-test="quick-log-entry"]').first();
      expect(await entry.getAttribute('data-status')).toBe('queued');
      expect(await entry.locator('[data-test="queued-write-status"]').textContent()).toContain('Waiting for the network');
      await panel.scrollIntoViewIfNeeded();
      await shot(page, 'mobile-quick-log-offline');
      expect(await activities(rep, `Call: ${contact.name}`)).toEqual([]);

      await browser.context.setOffline(false);
      await expect.poll(() => entry.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
      await page.locator('.el-message', { hasText: `Sent now that you are online: Call: ${contact.name}` }).waitFor();
      expect(await panel.locator('[data-test="quick-log-notice"]').textContent()).toContain(`Logged: Call: ${contact.name}`);
      await shot(page, 'mobile-quick-log-sent');
    });
    const [logged] = await activities(rep, `Call: ${contact.name}`);
    expect(logged).toMatchObject({ kind: 'log', category: 'call', contact: contact.id, account: contact.account });
  });

  it('never sends a log queued by one user in another user\'s session', async () => {
    const browser = await openBrowser(PHONE);
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      await page.goto(`${t.baseUrl}/o/account/${account.id}`);
      const panel = page.locator('[data-test="quick-log"]');
      await panel.locator('[data-test="quick-log-meeting"]').waitFor();
      await browser.context.setOffline(true);
      await panel.locator('[data-test="quick-log-meeting"]').click();
      await expect.poll(() => panel.locator('[data-test="quick-log-entry"]').first().getAttribute('data-status')).toBe('queued');
      // The phone is handed over before the network comes back: the rep's session ends and a colleague logs in.
      await page.close();
      await browser.context.clearCookies();
      await browser.context.setOffline(false);
      const colleague = await browser.page();
      await logIn(colleague, t.baseUrl, OTHER_REP, DEMO_PASSWORD);
      await colleague.waitForTimeout(1500);
      expect(await activities(t.admin, `Meeting: ${account.name}`)).toEqual([]);
      expect(await colleague.evaluate<number>("Object.keys(localStorage).filter((key) => key.startsWith('tessera.offline-queue.')).length")).toBeGreaterThan(0);

      // Back in the rep's session, it is sent as the rep's.
      await colleague.click('[data-test="user-menu"]');
      await colleague.locator('[data-test="logout"]').locator('visible=true').click();
      await colleague.waitForURL(/\/login/);
      await logIn(colleague, t.baseUrl, REP, DEMO_PASSWORD);
      await colleague.locator('.el-message', { hasText: `Meeting: ${account.name}` }).waitFor();
      const [logged] = await activities(t.admin, `Meeting: ${account.name}`);
      const me = (await expectStatus(rep.get('/api/auth/me'), 200)).id;
      expect(logged).toMatchObject({ category: 'meeting', account: account.id, _owner: me });
    } finally {
      await browser.close();
    }
  });

  it('shows a queued log the server refuses as not saved, with the server\'s reason', async () => {
    const colleague = await t.login(THIRD_REP, DEMO_PASSWORD);
    const me = (await expectStatus(colleague.get('/api/auth/me'), 200)).id as string;
    const [theirs] = (await expectStatus(colleague.get('/api/records/account?sort=name&limit=1&fields=name'), 200)).data;
    const browser = await openBrowser(PHONE);
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, THIRD_REP, DEMO_PASSWORD);
      await page.goto(`${t.baseUrl}/o/account/${theirs.id}`);
      const panel = page.locator('[data-test="quick-log"]');
      await panel.locator('[data-test="quick-log-visit"]').waitFor();
      await browser.context.setOffline(true);
      await panel.locator('[data-test="quick-log-visit"]').click();
      const entry = panel.locator('[data-test="quick-log-entry"]').first();
      await expect.poll(() => entry.getAttribute('data-status')).toBe('queued');
      // Meanwhile the rep moves to marketing, which logs no activities.
      await expectStatus(t.admin.patch(`/api/admin/users/${me}`, { roles: ['marketing'] }), 200);
      await browser.context.setOffline(false);
      await expect.poll(() => entry.getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
      expect(await entry.locator('[data-test="queued-write-status"]').textContent()).toContain('Not saved');
      expect((await entry.locator('[data-test="queued-write-reason"]').textContent())!.length).toBeGreaterThan(10);
      await page.locator('.el-message--error', { hasText: `Not saved — Visit: ${theirs.name}` }).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await shot(page, 'mobile-quick-log-refused');
    } finally {
      await browser.close();
    }
    expect(await activities(t.admin, `Visit: ${theirs.name}`)).toEqual([]);
  });

  it('is installable: the manifest and the service worker are served, and the API is never answered from the cache', async () => {
    const manifest = await fetch(`${t.baseUrl}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('manifest+json');
    const body = (await manifest.json()) as { icons: { src: string; sizes: string }[] };
    expect(body).toMatchObject({ name: 'Tessera CRM', short_name: 'Tessera', display: 'standalone', start_url: '/', theme_color: '#2f6fde' });
    expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of body.icons) expect((await fetch(`${t.baseUrl}${icon.src}`)).headers.get('content-type')).toBe('image/png');
    const worker = await fetch(`${t.baseUrl}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');

    await onPhone(t, REP, async (page) => {
      const script = await page.evaluate<string | undefined>('navigator.serviceWorker.ready.then((registration) => registration.active?.scriptURL)');
      expect(script).toBe(`${t.baseUrl}/sw.js`);
      await expect.poll(() => page.evaluate<boolean>('navigator.serviceWorker.controller !== null')).toBe(true);
      const cached = await page.evaluate<string[]>('(async () => (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))).flat())()');
      expect(cached.some((url: string) => new URL(url).pathname === '/index.html')).toBe(true);
      expect(cached.filter((url: string) => url.includes('/api/'))).toEqual([]);
      // Under the service worker, an API address still reaches the server, never the app's page.
      await page.goto(`${t.baseUrl}/api/auth/me`);
      expect(JSON.parse(await page.locator('body').innerText()).username).toBe(REP);
    });
  });

  it('leaves a desktop as it was: the table, no bottom bar, no cards', async () => {
    await onPhone(t, REP, async (page) => {
      await page.goto(`${t.baseUrl}/o/activity`);
      await page.locator('[data-test="record-table"] .el-table__row').first().waitFor();
      expect(await page.locator('[data-test="record-card"]').count()).toBe(0);
      expect(await page.locator('[data-test="bottom-bar"]').count()).toBe(0);
      expect(await mainPadding(page)).toBe('0px');
      await page.goto(`${t.baseUrl}/o/account/${account.id}`);
      await page.locator('[data-test="record-fields"]').waitFor();
      const label = (await page.locator('[data-test="record-fields"] .el-descriptions__label').first().boundingBox())!;
      const value = (await page.locator('[data-test="record-fields"] .el-descriptions__content').first().boundingBox())!;
      expect(value.x).toBeGreaterThan(label.x + label.width - 1);
      await shot(page, 'mobile-desktop-unchanged');
    }, { width: 1280, height: 800 });
  });
});
