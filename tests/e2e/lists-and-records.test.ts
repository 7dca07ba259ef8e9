import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, waitUntilStill, type Browser } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';

const rowTitles = (page: Page) => page.locator('[data-test="record-table"] .el-table__body-wrapper .title-link').allTextContents();

describe('working a list and a record', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/deal', {
      name: 'deal',
      label: { en: 'Deal', 'zh-CN': '商机' },
      titleField: 'name',
      history: ['score'],
      fields: [
        { name: 'name', type: 'text', required: true, unique: true, label: { en: 'Name', 'zh-CN': '名称' } },
        { name: 'stage', type: 'enum', options: ['open', 'won', 'lost'], label: { en: 'Stage', 'zh-CN': '阶段' } },
        { name: 'score', type: 'integer', min: 0, label: { en: 'Score', 'zh-CN': '评分' } },
        { name: 'share', type: 'percent', min: 0, max: 1, label: { en: 'Share', 'zh-CN': '份额' } },
      ],
    }), 201);
    for (let i = 0; i < 60; i++) {
      await expectStatus(t.admin.post('/api/records/deal', { name: `Deal ${String(i).padStart(2, '0')}`, stage: i % 10 === 0 ? 'won' : 'open', score: i }), 201);
    }
    browser = await openBrowser();
    page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.click('[data-test="menu-deal"]');
    await page.waitForSelector('[data-test="record-table"] .el-table__row');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pages with the server\'s cursor and sorts by a column', async () => {
    expect(await page.textContent('.pager')).toContain('60 in total');
    expect(await rowTitles(page)).toHaveLength(50);
    await page.click('[data-test="next-page"]');
    await expect.poll(() => rowTitles(page).then((r) => r.length)).toBe(10);
    expect(await page.textContent('.pager')).toContain('page 2');
    await page.click('[data-test="prev-page"]');
    await expect.poll(() => rowTitles(page).then((r) => r.length)).toBe(50);

    await page.locator('[data-test="record-table"] th', { hasText: 'Score' }).locator('.sort-caret.descending').click();
    await expect.poll(() => rowTitles(page).then((r) => r[0])).toBe('Deal 59');
  });

  it('filters with the builder, and keeps the setup as a saved view', async () => {
    await page.click('[data-test="toggle-filter"]');
    await page.click('[data-test="filter-add"]');
    await choose(page, 'filter-path-0', 'Stage');
    await choose(page, 'filter-value-0', 'won');
    await page.click('[data-test="filter-add"]');
    await choose(page, 'filter-path-1', 'Score');
    await choose(page, 'filter-op-1', 'at least');
    await page.locator('[data-test="filter-value-1"] input').fill('25');
    await page.locator('[data-test="filter-value-1"] input').blur();
    // The filter reads as a sentence, by field labels, not as its JSON.
    expect((await page.textContent('[data-test="filter-summary"]'))!.replace(/\s+/g, ' ').trim()).toBe('Stage equals won and Score at least 25');
    await page.click('[data-test="filter-apply"]');
    await expect.poll(() => rowTitles(page)).toEqual(['Deal 50', 'Deal 40', 'Deal 30']);
    await page.locator('[data-test="list-charts"] canvas').first().waitFor();
    await waitUntilStill(page, { scrollTop: false });
    await screenshot(page, 'list-filtered');

    await page.click('[data-test="saved-views"] button');
    await page.getByText('Save current view as…').locator('visible=true').click();
    await input(page, 'view-name').fill('Big wins');
    await page.getByRole('button', { name: 'Save', exact: true }).locator('visible=true').click();
    // Kept on the server for this user, so it follows them to any browser.
    await expect.poll(async () => (await t.admin.get('/api/views/deal')).body.data.map((v: { name: string }) => v.name)).toEqual(['Big wins']);
    expect((await t.admin.get('/api/views/deal')).body.data[0]).toMatchObject({ filter: { $and: [{ stage: { $eq: 'won' } }, { score: { $gte: 25 } }] }, mine: true });
    await page.click('[data-test="saved-views"] button');
    await page.getByText('All records').locator('visible=true').click();
    await expect.poll(() => rowTitles(page).then((r) => r.length)).toBe(50);
    await page.reload();
    await page.waitForSelector('[data-test="record-table"] .el-table__row');
    await page.click('[data-test="saved-views"] button');
    await page.getByText('Big wins').locator('visible=true').click();
    await expect.poll(() => rowTitles(page)).toEqual(['Deal 50', 'Deal 40', 'Deal 30']);
    await page.click('[data-test="saved-views"] button');
    await page.getByText('All records').locator('visible=true').click();
    await expect.poll(() => rowTitles(page).then((r) => r.length)).toBe(50);
  });

  it('imports a CSV: the dry run lists each bad row, then the import shows its progress', async () => {
    await page.click('[data-test="import"]');
    const csv = 'name,stage,score\nImported A,open,5\nImported B,won,7\nImported C,open,-3\n';
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.textContent('[data-test="import-summary"]')).toContain('3 rows checked: 2 valid, 1 with problems.');
    const errors = await page.locator('[data-test="import-errors"] .el-table__row').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('4');
    expect(errors[0]).toContain('Score'); // the field's label, not its name
    // The server's sentence about the value, in the user's language.
    expect(errors[0]).toContain('At least 0.');
    await screenshot(page, 'import-dry-run');
    // The user corrects the file and chooses it again: now every row is valid.
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('-3', '3')) });
    await expect.poll(() => page.textContent('[data-test="import-summary"]')).toContain('3 rows checked: 3 valid, 0 with problems.');
    await page.click('[data-test="import-run"]');
    await expect.poll(() => page.textContent('[data-test="import-progress"]')).toContain('100%');
    expect(await page.textContent('[data-test="import-dialog"]')).toContain('3 of 3 rows processed: 3 imported, 0 failed.');
    await screenshot(page, 'import-finished');
    await page.keyboard.press('Escape');
    const { data } = await expectStatus(t.admin.get(`/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ name: { $startsWith: 'Imported' } }))}`), 200);
    expect(data.map((r: { name: string }) => r.name).sort()).toEqual(['Imported A', 'Imported B', 'Imported C']);
  });

  it('imports the good rows of a file with a bad one when the user says so', async () => {
    await page.goto(`${t.baseUrl}/o/deal`);
    await page.click('[data-test="import"]');
    const csv = 'name,stage,score\nAnyway A,open,1\nAnyway B,open,2\nAnyway C,won,3\nAnyway D,open,-4\n';
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.textContent('[data-test="import-summary"]')).toContain('4 rows checked: 3 valid, 1 with problems.');
    expect(await page.textContent('[data-test="import-run"]')).toContain('Import the 3 good rows');
    await page.click('[data-test="import-run"]');
    await expect.poll(() => page.textContent('[data-test="import-dialog"]')).toContain('4 of 4 rows processed: 3 imported, 1 failed.');
    await screenshot(page, 'import-anyway');
    await page.keyboard.press('Escape');
    const { data } = await expectStatus(t.admin.get(`/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ name: { $startsWith: 'Anyway' } }))}`), 200);
    expect(data.map((r: { name: string }) => r.name).sort()).toEqual(['Anyway A', 'Anyway B', 'Anyway C']);
  });

  it('deletes in bulk to the recycle bin and restores from it', async () => {
    const before = (await expectStatus(t.admin.get('/api/records/deal?count=true&limit=1'), 200)).total;
    await page.goto(`${t.baseUrl}/o/deal`);
    await page.waitForSelector('[data-test="record-table"] .el-table__row');
    const rows = page.locator('[data-test="record-table"] .el-table__body-wrapper .el-table__row');
    await rows.nth(0).locator('.el-checkbox').click();
    await rows.nth(1).locator('.el-checkbox').click();
    await page.click('[data-test="bulk-delete"]');
    await page.locator('.el-message-box').getByRole('button', { name: 'Delete' }).click();
    await toast(page, '2 records moved to the recycle bin.');
    // The toast comes with the answer; the list reloads after it.
    await expect.poll(async () => (await page.textContent('.pager')) ?? '').toContain(`${before - 2} in total`);

    await page.goto(`${t.baseUrl}/recycle-bin`);
    const bin = page.locator('[data-test="recycle-bin"] .el-table__row');
    await expect.poll(() => bin.count()).toBe(2);
    await bin.first().getByRole('button', { name: 'Restore' }).click();
    await toast(page, 'Restored.');
    await expect.poll(() => bin.count()).toBe(1);
    const { total } = await expectStatus(t.admin.get('/api/records/deal?count=true&limit=1'), 200);
    expect(total).toBe(before - 1);
  });

  it('refuses a number out of its bounds, naming the bound, instead of moving it into them', async () => {
    await page.goto(`${t.baseUrl}/o/deal/new`);
    await page.locator('[data-field="name"] input').fill('Bounded deal');
    await page.locator('[data-field="score"] input').fill('-500');
    await page.locator('[data-field="share"] input').fill('150');
    await page.click('[data-test="save-record"]');
    await expect.poll(() => page.locator('[data-field="score"] .el-form-item__error').textContent()).toBe('At least 0.');
    expect(await page.locator('[data-field="share"] .el-form-item__error').textContent()).toBe('At most 100 %.');
    // The typed values stay as typed: nothing was moved to 0 or 100 %.
    expect(await page.locator('[data-field="score"] input').inputValue()).toBe('-500');
    expect(await page.locator('[data-field="share"] input').inputValue()).toBe('150.00');
    await waitUntilStill(page, { scrollTop: false }); // the error messages fade in
    await screenshot(page, 'record-form-out-of-bounds');
    const named = `/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: 'Bounded deal' } }))}`;
    expect((await expectStatus(t.admin.get(named), 200)).data).toEqual([]);
    // The API refuses the same values, in its own units (a percent is a fraction there).
    const refused = await t.admin.post('/api/records/deal', { name: 'Bounded deal', score: -500, share: 1.5 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: '/score', message: 'score must be at least 0' }, { path: '/share', message: 'share must be at most 1' }]);
    expect((await expectStatus(t.admin.get(named), 200)).data).toEqual([]);
  });

  it('shows a record\'s history and reverts a change', async () => {
    const { data } = await expectStatus(t.admin.get(`/api/records/deal?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: 'Deal 05' } }))}`), 200);
    const deal = data[0];
    await expectStatus(t.admin.patch(`/api/records/deal/${deal.id}`, { score: 99, _version: deal._version }), 200);
    await page.goto(`${t.baseUrl}/o/deal/${deal.id}`);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.locator('[data-test="history"]');
    await history.getByText('Changed').first().waitFor();
    expect(await history.textContent()).toContain('99');
    expect(await history.textContent()).toContain('Administrator');
    await history.getByRole('button', { name: 'Revert' }).first().click();
    await page.locator('.el-message-box').getByRole('button', { name: 'Revert' }).click();
    await toast(page, 'Reverted.');
    await history.getByText('Reverted').first().waitFor();
    await screenshot(page, 'record-history');
    const after = await expectStatus(t.admin.get(`/api/records/deal/${deal.id}`), 200);
    expect(after.score).toBe(5);
  });
});
