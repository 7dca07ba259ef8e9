import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { expectStatus } from './helpers/seed.ts';

describe('the object and workflow designers edit through their forms', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    t = await startTestApp();
    await expectStatus(t.admin.put('/api/meta/objects/ticket', {
      name: 'ticket', label: { en: 'Ticket', 'zh-CN': '服务单' }, titleField: 'subject',
      fields: [{ name: 'subject', type: 'text', required: true }, { name: 'priority', type: 'enum', options: ['low', 'high'] }, { name: 'due', type: 'date' }],
    }), 201);
    browser = await openBrowser();
    page = await browser.page();
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reorders and removes fields, and marks a bad field name before saving', async () => {
    await page.goto(`${t.baseUrl}/admin/objects/ticket`);
    await page.locator('[data-test="field-row-due"]').getByRole('button', { name: 'Move up' }).click();
    await page.locator('[data-test="field-row-priority"]').getByRole('button', { name: 'Remove' }).click();
    await page.click('[data-test="add-field"]');
    await input(page, 'field-name').fill('Bad Name');
    // The server's schema check points at the new field; the row says so.
    await page.locator('.field-row.bad', { hasText: '1 problem' }).waitFor();
    await page.locator('[data-test="live-check"]', { hasText: '/fields/2/name' }).waitFor();
    await screenshot(page, 'designer-bad-name');
    await input(page, 'field-name').fill('channel');
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await page.click('[data-test="save-object"]');
    await toast(page, 'Saved as version 2');
    const stored = await expectStatus(t.admin.get('/api/meta/objects/ticket'), 200);
    expect(stored.fields.map((f: { name: string }) => f.name)).toEqual(['subject', 'due', 'channel']);
  });

  it('adds a state and a transition to a workflow through the forms, and the diagram follows', async () => {
    await page.goto(`${t.baseUrl}/admin/workflows`);
    await page.click('[data-test="new-workflow"]');
    await input(page, 'new-workflow-name').fill('ticket_flow');
    await page.click('[data-test="new-workflow-continue"]');
    await choose(page, 'workflow-object', 'Ticket');
    await page.click('[data-test="add-state"]');
    await input(page, 'state-name').fill('escalated');
    await input(page, 'state-name').press('Enter');
    await page.locator('[data-test="state-escalated"]').waitFor();
    await page.click('[data-test="state-draft"]');
    await page.click('[data-test="add-transition"]');
    await input(page, 'transition-event-1').fill('escalate');
    await choose(page, 'transition-target-1', 'escalated');
    const diagram = page.locator('[data-test="workflow-diagram"]');
    await diagram.locator('.node.final[data-state="escalated"]').waitFor();
    await diagram.locator('.edge-label', { hasText: 'escalate' }).waitFor();
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await screenshot(page, 'workflow-designer-edited');
    await page.click('[data-test="save-workflow"]');
    await toast(page, 'Saved as version 1');
    const stored = await expectStatus(t.admin.get('/api/meta/workflows/ticket_flow'), 200);
    expect(stored.states.draft.on).toEqual({ submit: 'review', escalate: 'escalated' });
    expect(stored.states.escalated).toEqual({ type: 'final' });
    expect(stored.graph.edges).toContainEqual({ from: 'draft', to: 'escalated', event: 'escalate', guarded: false });
  });
});
