import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';

// The business-hours page: a calendar is created, its hours and holidays edited, a server problem is
// shown at the period it points at, the due-moment preview asks the server, and a calendar a workflow
// counts on is kept when deleted.

const office = [['09:00', '12:00'], ['13:30', '18:00']];

async function typeDate(page: Page, test: string, day: string) {
  const box = input(page, test);
  await box.fill(day);
  await box.press('Enter');
}

describe('business-hours calendars', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/ticket', { name: 'ticket', label: { en: 'Ticket', 'zh-CN': '工单' }, titleField: 'title', fields: [{ name: 'title', type: 'text' }] }), 201);
    await expectStatus(t.admin.put('/api/meta/calendars/cn_service', {
      name: 'cn_service', label: { en: 'Service desk hours', 'zh-CN': '客服工作时间' }, timezone: 'Asia/Shanghai',
      week: { mon: office, tue: office, wed: office, thu: office, fri: office }, holidays: [{ from: '2026-10-01', to: '2026-10-07', name: 'National Day' }],
    }), 201);
    await expectStatus(t.admin.put('/api/meta/workflows/ticket_handling', {
      name: 'ticket_handling', object: 'ticket', initial: 'open',
      states: { open: { on: { close: 'closed' } }, closed: { type: 'final' } },
      slas: [{ name: 'resolution', after: 'PT8H', calendar: 'cn_service' }],
    }), 201);
  });
  afterAll(async () => t?.close());

  it('creates and edits a calendar on a desktop, with server problems at their fields and the due preview', async () => {
    const browser = await openBrowser({ width: 1280, height: 900, timezoneId: 'Asia/Shanghai' });
    try {
      const page = await browser.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.click('[data-test="menu-admin"]');
      await page.click('[data-test="menu-admin-calendars"]');
      await page.locator('[data-test="calendar-cn_service"]').waitFor();
      expect(await page.locator('[data-test="calendar-list"]').textContent()).toContain('1 holiday(s), 7 day(s)');

      // A calendar a workflow counts on is kept, and the page says which workflow.
      await page.click('[data-test="delete-calendar-cn_service"]');
      await page.locator('.el-message-box__btns .el-button--primary').click();
      const refused = page.locator('[data-test="delete-refused"]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('ticket_handling');
      await waitUntilStill(page);
      await screenshot(page, 'admin-calendars-list');

      await page.click('[data-test="new-calendar"]');
      await input(page, 'new-calendar-name').fill('support_hours');
      await page.click('[data-test="new-calendar-continue"]');
      await page.locator('[data-test="week-hours"]').waitFor();
      await input(page, 'calendar-label-en').fill('Support hours');
      await input(page, 'calendar-label-zh').fill('支持时间');
      await page.click('[data-test="calendar-timezone"]');
      await page.keyboard.type('Asia/Shanghai');
      await page.getByRole('option', { name: /^Asia\/Shanghai / }).locator('visible=true').first().click();

      // An afternoon that starts before the morning ends: the server's check points at it.
      await choose(page, 'hours-mon-1-from', '11:00');
      const overlap = page.locator('[data-test="error-mon-1"]');
      await expect.poll(() => overlap.textContent()).toContain('overlaps the one before it');
      await page.click('[data-test="save-calendar"]');
      await page.locator('[data-test="save-error"]').waitFor();
      await waitUntilStill(page);
      await screenshot(page, 'admin-calendars-field-error');
      await choose(page, 'hours-mon-1-from', '13:00');
      await expect.poll(() => overlap.count()).toBe(0);

      // Saturday morning, a second period on Friday removed, two holidays and a make-up day.
      await page.click('[data-test="add-period-sat"]');
      await choose(page, 'hours-sat-0-to', '12:00');
      await page.click('[data-test="remove-period-fri-1"]');
      await typeDate(page, 'new-holiday-from', '2027-01-01');
      await typeDate(page, 'new-holiday-to', '2027-01-03');
      await input(page, 'new-holiday-name').fill('New Year');
      await page.click('[data-test="add-holiday"]');
      await typeDate(page, 'new-holiday-from', '2026-12-25');
      await input(page, 'new-holiday-name').fill('Company day');
      await page.click('[data-test="add-holiday"]');
      await page.locator('[data-test="holiday-year-2027"]').waitFor();
      await typeDate(page, 'new-workday', '2027-01-10');
      await page.click('[data-test="add-workday"]');
      await page.click('[data-test="save-calendar"]');
      await toast(page, 'Saved as version 1.');
      const stored = (await t.admin.get('/api/meta/calendars/support_hours')).body;
      expect(stored).toMatchObject({
        label: { en: 'Support hours', 'zh-CN': '支持时间' }, timezone: 'Asia/Shanghai', version: 1,
        week: { mon: [['09:00', '12:00'], ['13:00', '18:00']], fri: [['09:00', '12:00']], sat: [['09:00', '12:00']], sun: [] },
        holidays: [{ from: '2026-12-25', to: '2026-12-25', name: 'Company day' }, { from: '2027-01-01', to: '2027-01-03', name: 'New Year' }],
        workdays: ['2027-01-10'],
      });

      // The holiday's name changes; the save sends the version read, and someone else's save in between is refused.
      await input(page, 'holiday-0-name').fill('Year-end closing');
      await page.click('[data-test="save-calendar"]');
      await toast(page, 'Saved as version 2.');
      await expectStatus(t.admin.put('/api/meta/calendars/support_hours', { ...stored, version: 2, description: 'changed elsewhere' }), 200);
      await page.click('[data-test="remove-holiday-1"]');
      await page.click('[data-test="save-calendar"]');
      await expect.poll(async () => (await page.locator('[data-test="save-error"]').textContent()) ?? '').toContain('current version is 3');
      await page.click('[data-test="reload-calendar"]');
      await expect.poll(() => page.locator('[data-test="holiday-2027-01-01"]').count()).toBe(1);

      // Thursday 24 December 17:00 in Shanghai + 2 working hours: Friday is the company day, so Saturday 10:00.
      await typeDate(page, 'preview-start', '2026-12-24 17:00');
      await input(page, 'preview-hours').fill('2');
      await page.click('[data-test="preview-compute"]');
      const due = page.locator('[data-test="preview-due"]');
      await due.waitFor();
      expect(await due.textContent()).toMatch(/Sat, Dec 26, 2026, 10:00/);
      await waitUntilStill(page);
      await screenshot(page, 'admin-calendars-editor');
      await page.locator('[data-test="holidays"]').scrollIntoViewIfNeeded();
      await waitUntilStill(page, { scrollTop: false });
      await screenshot(page, 'admin-calendars-holidays');
    } finally {
      await browser.close();
    }
  });

  it('edits a calendar on a phone, in Chinese', async () => {
    const me = (await t.admin.get('/api/auth/me')).body;
    await expectStatus(t.admin.patch(`/api/admin/users/${me.id}`, { language: 'zh-CN' }), 200);
    const phone = await openBrowser({ width: 390, height: 844, locale: 'zh-CN', touch: true, timezoneId: 'Asia/Shanghai' });
    try {
      const page = await phone.page();
      await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.goto(`${t.baseUrl}/admin/calendars`);
      await page.locator('[data-test="calendar-cn_service"]').waitFor();
      expect(await page.locator('[data-test="calendar-list"]').textContent()).toContain('客服工作时间');
      await waitUntilStill(page);
      await screenshot(page, 'admin-calendars-list-phone');
      await page.click('[data-test="calendar-cn_service"]');
      await page.locator('[data-test="week-hours"]').waitFor();
      expect(await page.locator('[data-test="day-mon"]').textContent()).toContain('星期一');
      await choose(page, 'hours-tue-1-from', '11:30');
      await expect.poll(() => page.locator('[data-test="error-tue-1"]').textContent()).toContain('重叠');
      await waitUntilStill(page, { scrollTop: false });
      await screenshot(page, 'admin-calendars-editor-phone-error');
      await choose(page, 'hours-tue-1-from', '13:30');
      await choose(page, 'hours-tue-1-to', '17:30');
      await page.click('[data-test="save-calendar"]');
      await toast(page, '已保存为版本 2。');
      expect((await t.admin.get('/api/meta/calendars/cn_service')).body.week.tue).toEqual([['09:00', '12:00'], ['13:30', '17:30']]);
      await waitUntilStill(page);
      await screenshot(page, 'admin-calendars-editor-phone');
      await page.locator('[data-test="holiday-year-2026"]').scrollIntoViewIfNeeded();
      await waitUntilStill(page, { scrollTop: false });
      await screenshot(page, 'admin-calendars-holidays-phone');
      await page.locator('[data-test="due-preview"]').scrollIntoViewIfNeeded();
      await waitUntilStill(page, { scrollTop: false });
      await screenshot(page, 'admin-calendars-preview-phone');
    } finally {
      await phone.close();
    }
  });
});
