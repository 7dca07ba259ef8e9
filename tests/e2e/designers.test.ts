import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { chooseLanguage, input, logIn, openBrowser, screenshot, type Browser } from './helpers/browser.ts';
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
    await choose(page, 'transition-target-1', 'Escalated');
    const diagram = page.locator('[data-test="workflow-diagram"]');
    await diagram.locator('.node.final[data-state="escalated"]').waitFor();
    await diagram.locator('.edge-label', { hasText: 'Escalate' }).waitFor();
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await screenshot(page, 'workflow-designer-edited');
    await page.click('[data-test="save-workflow"]');
    await toast(page, 'Saved as version 1');
    const stored = await expectStatus(t.admin.get('/api/meta/workflows/ticket_flow'), 200);
    expect(stored.states.draft.on).toEqual({ submit: 'review', escalate: 'escalated' });
    expect(stored.states.escalated).toEqual({ type: 'final' });
    expect(stored.graph.edges).toContainEqual({ from: 'draft', to: 'escalated', event: 'escalate', label: null, guarded: false });
  });

  it('names states, events and approvers by their labels, and types durations, timeouts and defaults in forms', async () => {
    await page.goto(`${t.baseUrl}/admin/workflows/ticket_flow`);
    await page.click('[data-test="state-review"]');
    // The starter's review state: its approver is chosen among the ticket's people fields, by label.
    await choose(page, 'approver-kind', 'Manager of');
    await choose(page, 'approver-path', 'Owner');
    await page.click('[data-test="state-timeout"]');
    const after = page.locator('.timeout').locator('[data-test="duration-amount"] input, input[data-test="duration-amount"]').first();
    await after.fill('3');
    await after.press('Tab');
    await input(page, 'state-name').fill('triage');
    await input(page, 'state-name').press('Enter');
    await page.locator('[data-test="state-triage"]').waitFor();
    await page.click('[data-test="state-approved"]');
    await page.click('[data-test="add-set-action"]');
    await choose(page, 'action-0-field', 'Subject');
    await input(page, 'action-0-value').fill('Closed');
    await page.click('[data-test="state-draft"]');
    await input(page, 'event-label-escalate-en').fill('Hand to the experts');
    await input(page, 'event-label-escalate-zh').fill('交给专家');
    const diagram = page.locator('[data-test="workflow-diagram"]');
    await diagram.locator('.edge-label', { hasText: 'Hand to the experts' }).waitFor();
    // No event, state or path is drawn or offered by its name.
    const drawn = await diagram.locator('.edge-label').allTextContents();
    expect(drawn.map((l) => l.replace(' ?', ''))).toEqual(expect.arrayContaining(['Submit', 'Approve', 'Reject', 'Hand to the experts']));
    expect(drawn.some((l) => /^[a-z_]+$/.test(l))).toBe(false);
    expect(await page.locator('.state-tabs').textContent()).not.toMatch(/draft|triage|approved|escalated/);
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await screenshot(page, 'workflow-designer-labels');
    await page.click('[data-test="save-workflow"]');
    await toast(page, 'Saved as version 2');
    const stored = await expectStatus(t.admin.get('/api/meta/workflows/ticket_flow'), 200);
    expect(stored.events).toEqual({ escalate: { label: { en: 'Hand to the experts', 'zh-CN': '交给专家' } } });
    expect(stored.states.triage.approval.approvers).toEqual({ managerOf: '_owner' });
    // The starter's 24 hours read as 1 day: typing 3 keeps the unit.
    expect(stored.states.triage.timeout).toEqual({ after: 'P3D', remind: true });
    expect(stored.states.draft.on).toEqual({ submit: 'triage', escalate: 'escalated' });
    expect(stored.states.approved.entry).toEqual([{ set: { subject: 'Closed' } }]);
  });

  it('gives a field a default in its own widget, and keeps a renamed title field the title', async () => {
    await page.goto(`${t.baseUrl}/admin/objects/ticket`);
    await page.locator('[data-test="field-row-channel"] .field-summary').click();
    await choose(page, 'field-type', 'Choice');
    await page.locator('[data-test="field-default"] .el-select').click();
    await page.getByRole('option', { name: 'option_1', exact: true }).locator('visible=true').click();
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await screenshot(page, 'field-default-widget');
    await page.click('[data-test="save-object"]');
    await toast(page, 'Saved as version 3');
    const ticket = await expectStatus(t.admin.get('/api/meta/objects/ticket'), 200);
    expect(ticket.fields.find((f: { name: string }) => f.name === 'channel')).toMatchObject({ type: 'enum', options: ['option_1'], default: 'option_1' });
    // The title field is renamed while the object is new to it: a stored field's name is fixed, so a new object.
    await page.goto(`${t.baseUrl}/admin/objects/gadget?new=1`);
    await page.locator('[data-test="field-row-name"] .field-summary').click();
    await input(page, 'field-name').fill('gadget_name');
    // A second text field, found by global search too.
    await page.click('[data-test="add-field"]');
    await page.click('[data-test="search-fields"]');
    await page.getByRole('option', { name: 'Field 2', exact: true }).locator('visible=true').click();
    await page.keyboard.press('Escape');
    await page.locator('[data-test="live-check"]', { hasText: 'No problems found' }).waitFor();
    await page.click('[data-test="save-object"]');
    await toast(page, 'Saved as version 1');
    const gadget = await expectStatus(t.admin.get('/api/meta/objects/gadget'), 200);
    expect(gadget.titleField).toBe('gadget_name');
    expect(gadget.fields.map((f: { name: string }) => f.name)).toEqual(['gadget_name', 'field_2']);
    expect(gadget.searchFields).toEqual(['field_2']);
  });

  it('shows the designer on a phone in Chinese, events by their Chinese labels', async () => {
    const phone = await openBrowser({ width: 390, height: 844, locale: 'zh-CN' });
    try {
      const small = await phone.page();
      await logIn(small, t.baseUrl, 'admin', ADMIN_PASSWORD);
      await chooseLanguage(small, 'zh-CN');
      await small.goto(`${t.baseUrl}/admin/workflows/ticket_flow`);
      const diagram = small.locator('[data-test="workflow-diagram"]');
      await diagram.locator('.edge-label', { hasText: '交给专家' }).waitFor();
      expect(await diagram.locator('.edge-label').allTextContents()).toEqual(expect.arrayContaining(['提交', '同意', '驳回']));
      await small.click('[data-test="state-triage"]');
      expect(await small.locator('[data-test="approver-path"]').textContent()).toContain('负责人');
      await screenshot(small, 'workflow-designer-phone-zh');
    } finally {
      await phone.close();
    }
  });
});
