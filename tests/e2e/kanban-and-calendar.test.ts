import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { expectStatus } from './helpers/seed.ts';

// Issue 17 item 2: a list as a kanban (opportunities by stage, dragged across columns through the
// record update path, a refused move put back with its reason, service request columns only a
// workflow fills) and as a calendar (activities by their due time), saved as a view; desktop and phone.

const DEMO_PASSWORD = 'Demo-pass-2026';
const REP = 'zhang.wei';
const AGENT = 'chen.jing';

const column = (page: Page, value: string) => page.locator(`[data-test="kanban-column-${value}"]`);
const card = (page: Page, id: string) => page.locator(`[data-test="kanban-card-${id}"]`);
const columnOfCard = (page: Page, id: string) => card(page, id).evaluate((el) => el.closest('[data-test^="kanban-column-"]')?.getAttribute('data-test') ?? '');
/**
 * An HTML5 drag and drop from a card onto a column, as the browser fires it (dragstart, dragover,
 * drop, dragend with one DataTransfer): the columns sit in a board that scrolls sideways, where a
 * pointer drag would have to scroll mid-way.
 */
async function drag(page: Page, source: ReturnType<Page['locator']>, target: ReturnType<Page['locator']>): Promise<void> {
  const dataTransfer = await page.evaluateHandle('new DataTransfer()');
  await source.dispatchEvent('dragstart', { dataTransfer });
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await source.dispatchEvent('dragend', { dataTransfer });
}
/** Leaves the board or calendar alone on the page for a screenshot: the filter panel and the charts folded away. */
async function unclutter(page: Page): Promise<void> {
  if (await page.locator('[data-test="filter-apply"]').count()) await page.click('[data-test="toggle-filter"]');
  const hide = page.getByRole('button', { name: /Hide charts|隐藏图表/ });
  if (await hide.count()) await hide.click();
  await waitUntilStill(page, { scrollTop: false });
}
const countOf = async (page: Page, value: string) => Number(await column(page, value).locator('[data-test="kanban-count"]').textContent());

describe('kanban and calendar list views', () => {
  let t: TestApp;
  let rep: ApiClient;
  const ids: Record<string, string> = {};
  const today = new Date();
  const at = (hour: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate(), hour, 0).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'crm', demo: true }] });
    rep = await t.login(REP, DEMO_PASSWORD);
    const account = (await expectStatus(rep.post('/api/records/account', { name: 'Kanban Tea House', region: 'Chongqing' }), 201)).id;
    ids.deal = (await expectStatus(rep.post('/api/records/opportunity', { name: 'Kanban tea boxes', account, stage: 'visit', amount: 12000 }), 201)).id;
    ids.other = (await expectStatus(rep.post('/api/records/opportunity', { name: 'Kanban gift sets', account, stage: 'visit', amount: 8000 }), 201)).id;
    for (const [i, subject] of ['Call Kanban Tea House', 'Visit the tea garden', 'Send the samples', 'Quote the gift sets', 'Report to the manager'].entries()) {
      ids[`activity${i}`] = (await expectStatus(rep.post('/api/records/activity', { subject, kind: 'plan', category: 'call', account, due_at: at(9 + i) }), 201)).id;
    }
  });
  afterAll(async () => t?.close());

  it('drags opportunities across stage columns, puts a refused move back with its reason, and keeps the board as a saved view', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      // The list's filter holds on the board too: only the two deals of this test.
      const filter = encodeURIComponent(JSON.stringify({ name: { $startsWith: 'Kanban' } }));
      await page.goto(`${t.baseUrl}/o/opportunity?filter=${filter}`);
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      await page.click('[data-test="view-kanban"]');
      await card(page, ids.deal).waitFor();
      expect(await page.locator('[data-test^="kanban-card-"]').count()).toBe(2);
      expect(page.url()).toContain('view=kanban');
      expect(await column(page, 'visit').locator('header').textContent()).toContain('Visit');
      const visitBefore = await countOf(page, 'visit');
      const trustBefore = await countOf(page, 'build_trust');

      // A pointer drag to the next column, then one to a column further right, past the screen's edge.
      await card(page, ids.deal).dragTo(column(page, 'build_trust'));
      await expect.poll(async () => (await rep.get(`/api/records/opportunity/${ids.deal}`)).body.stage).toBe('build_trust');
      await expect.poll(() => columnOfCard(page, ids.deal)).toBe('kanban-column-build_trust');
      expect(await countOf(page, 'visit')).toBe(visitBefore - 1);
      expect(await countOf(page, 'build_trust')).toBe(trustBefore + 1);
      await drag(page, card(page, ids.deal), column(page, 'propose'));
      await expect.poll(async () => (await rep.get(`/api/records/opportunity/${ids.deal}`)).body.stage).toBe('propose');
      await expect.poll(() => columnOfCard(page, ids.deal)).toBe('kanban-column-propose');
      await unclutter(page);
      await screenshot(page, 'kanban-desktop');

      // Someone changes the deal meanwhile: the board's version is stale, the server says 409, the card goes back.
      const current = (await rep.get(`/api/records/opportunity/${ids.deal}`)).body;
      await expectStatus(rep.patch(`/api/records/opportunity/${ids.deal}`, { next_step: 'Call back on Monday', _version: current._version }), 200);
      await drag(page, card(page, ids.deal), column(page, 'sign'));
      await page.locator('[data-test="kanban-problem"]').waitFor();
      expect(await page.locator('[data-test="kanban-problem"]').textContent()).toContain('“Kanban tea boxes” was not moved: Someone else changed this record since you read it; reload it and apply your change again.');
      expect(await columnOfCard(page, ids.deal)).toBe('kanban-column-propose');
      expect((await rep.get(`/api/records/opportunity/${ids.deal}`)).body.stage).toBe('propose');
      await screenshot(page, 'kanban-refused');

      await page.click('[data-test="saved-views"] button');
      await page.getByText('Save current view as…').locator('visible=true').click();
      await input(page, 'view-name').fill('Pipeline board');
      await page.getByRole('button', { name: 'Save', exact: true }).locator('visible=true').click();
      await expect.poll(async () => (await rep.get('/api/views/opportunity')).body.data.find((v: { name: string }) => v.name === 'Pipeline board')).toMatchObject({ type: 'kanban', groupBy: 'stage' });

      await page.goto(`${t.baseUrl}/o/opportunity`);
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      await page.click('[data-test="saved-views"] button');
      await page.getByText('Pipeline board').locator('visible=true').click();
      await card(page, ids.deal).waitFor();
      expect(await columnOfCard(page, ids.deal)).toBe('kanban-column-propose');
    } finally {
      await browser.close();
    }
  });

  it('shows service request columns that only the handling workflow fills as closed to a service agent', async () => {
    const agent = await t.login(AGENT, DEMO_PASSWORD);
    const request = (await expectStatus(agent.post('/api/records/service_request', { subject: 'Kanban printer jam', kind: 'complaint' }), 201)).id;
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, AGENT, DEMO_PASSWORD);
      const filter = encodeURIComponent(JSON.stringify({ subject: { $contains: 'Kanban' } }));
      await page.goto(`${t.baseUrl}/o/service_request?view=kanban&by=status&filter=${filter}`);
      await card(page, request).waitFor();
      expect(await column(page, 'resolved').getAttribute('data-droppable')).toBe('false');
      expect(await column(page, 'resolved').locator('[data-test="kanban-owned"]').count()).toBe(1);
      await drag(page, card(page, request), column(page, 'resolved'));
      await page.locator('[data-test="kanban-problem"]').waitFor();
      expect(await page.locator('[data-test="kanban-problem"]').textContent()).toContain('Only the workflow “Service request handling” moves records here');
      expect(await columnOfCard(page, request)).toBe('kanban-column-open');
      // The "move to" menu offers the column disabled; the other columns still take the card.
      await card(page, request).locator('[data-test="kanban-move"]').click();
      expect(await page.locator('[data-test="kanban-move-to-resolved"]').locator('visible=true').getAttribute('aria-disabled')).toBe('true');
      await page.locator('[data-test="kanban-move-to-in_progress"]').locator('visible=true').click();
      await expect.poll(() => columnOfCard(page, request)).toBe('kanban-column-in_progress');
      expect((await agent.get(`/api/records/service_request/${request}`)).body.status).toBe('in_progress');
      await unclutter(page);
      await screenshot(page, 'kanban-workflow-owned');
    } finally {
      await browser.close();
    }
  });

  it('places activities on a month calendar by their due time, with "more" for a full day, and opens one on click', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      const filter = encodeURIComponent(JSON.stringify({ account: { $eq: (await rep.get(`/api/records/activity/${ids.activity0}`)).body.account } }));
      await page.goto(`${t.baseUrl}/o/activity?filter=${filter}`);
      await page.waitForSelector('[data-test="record-table"] .el-table__row');
      await page.click('[data-test="view-calendar"]');
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      const cell = page.locator(`[data-test="calendar"] .day[data-day="${day}"]`).first();
      await cell.locator(`[data-test="calendar-item-${ids.activity0}"]`).waitFor();
      expect(await cell.locator('[data-test^="calendar-item-"]').count()).toBe(3);
      expect(await cell.locator('[data-test="calendar-more"]').textContent()).toContain('+2 more');
      await unclutter(page);
      await screenshot(page, 'calendar-desktop');

      const month = await page.locator('[data-test="calendar-month"]').textContent();
      await page.click('[data-test="calendar-next"]');
      await expect.poll(() => page.locator('[data-test="calendar-month"]').textContent()).not.toBe(month);
      expect(await page.locator(`[data-test="calendar-item-${ids.activity0}"]`).count()).toBe(0);
      await page.click('[data-test="calendar-today"]');
      await cell.locator(`[data-test="calendar-item-${ids.activity0}"]`).click();
      await page.waitForURL(`**/o/activity/${ids.activity0}`);
    } finally {
      await browser.close();
    }
  });

  it('on a phone: the board scrolls sideways and a card moves by its menu; the calendar is an agenda by day, in Chinese', async () => {
    const browser = await openBrowser({ width: 390, height: 844, locale: 'zh-CN' });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, REP, DEMO_PASSWORD);
      await page.goto(`${t.baseUrl}/o/opportunity?view=kanban&by=stage`);
      await card(page, ids.other).waitFor();
      const board = page.locator('[data-test="kanban"] .board');
      expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await column(page, 'visit').locator('header').textContent()).toContain('拜访客户');
      await card(page, ids.other).locator('[data-test="kanban-move"]').click();
      await page.locator('[data-test="kanban-move-to-build_trust"]').locator('visible=true').click();
      await expect.poll(async () => (await rep.get(`/api/records/opportunity/${ids.other}`)).body.stage).toBe('build_trust');
      await unclutter(page);
      await card(page, ids.other).scrollIntoViewIfNeeded();
      await screenshot(page, 'kanban-phone');

      await page.goto(`${t.baseUrl}/o/activity?view=calendar&by=due_at`);
      await page.locator('[data-test="calendar-agenda"]').waitFor();
      await page.locator(`[data-test="calendar-item-${ids.activity4}"]`).waitFor();
      expect(await page.locator('[data-test="calendar-agenda"] h3').first().textContent()).toMatch(/\d+月\d+日/);
      await unclutter(page);
      await screenshot(page, 'calendar-phone');
    } finally {
      await browser.close();
    }
  });
});
