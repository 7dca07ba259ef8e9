import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, type ApiClient, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot, waitUntilStill } from './helpers/browser.ts';
import { choose, toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// The crm pack in the browser (issue 7): a sales rep takes a lead through conversion to an opportunity
// and a discount approval by the sales manager and finance; the account hierarchy shows a group with its
// subsidiary and branch; the merge screen merges two accounts that share a phone number.

const TEA = 'Chongqing Mountain Tea Co.';
const DEAL = 'Mountain tea packaging line';

/** Logs in as this user in a fresh browser; on failure the page is kept as a screenshot. */
async function as<T>(t: TestApp, username: string, work: (page: Page) => Promise<T>, options: { width?: number; height?: number } = {}): Promise<T> {
  const browser = await openBrowser(options);
  try {
    const page = await browser.page();
    await logIn(page, t.baseUrl, username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
    try {
      return await work(page);
    } catch (error) {
      await screenshot(page, `failed-crm-${username}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}

/** A screenshot once Element Plus' transitions (tags, messages) have finished. */
async function shot(page: Page, name: string): Promise<void> {
  await waitUntilStill(page, { scrollTop: false });
  await screenshot(page, name);
}

/** Opens a pack page from the main menu by its label. */
async function menu(page: Page, label: string): Promise<void> {
  await page.locator('[data-test="main-menu"] .el-menu-item', { hasText: label }).click();
}

describe('the crm pack in the browser', () => {
  let t: TestApp;
  let rep: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ config: { jobPollingSeconds: 0.5 }, packs: [{ name: 'crm' }] });
    const sales = (await expectStatus(t.admin.post('/api/admin/departments', { name: 'Sales Chongqing' }), 201)).id as string;
    const manager = await createUser(t.admin, 'mia', 'Mia Ma', ['sales_manager'], { department: sales });
    await createUser(t.admin, 'ray', 'Ray Ren', ['sales_rep'], { department: sales, manager });
    await createUser(t.admin, 'fay', 'Fay Fan', ['finance']);
    rep = await t.login('ray', PASSWORD);
    // The rep already has the lead's company as an account: the conversion must offer it, not copy it.
    ids.tea = (await expectStatus(rep.post('/api/records/account', { name: TEA, region: 'Chongqing', industry: 'food_beverage' }), 201)).id;

    const account = async (values: Record<string, unknown>) => (await expectStatus(t.admin.post('/api/records/account', values), 201)).id as string;
    ids.group = await account({ name: 'Huaxi Group', account_type: 'group', region: 'Sichuan', industry: 'food_beverage', email: 'info@huaxi.example' });
    ids.subsidiary = await account({ name: 'Huaxi Chengdu Foods', account_type: 'subsidiary', region: 'Sichuan', parent: ids.group, email: 'info@huaxi.example' });
    ids.branch = await account({ name: 'Huaxi Mianyang Branch', account_type: 'branch', region: 'Sichuan', parent: ids.subsidiary });
    ids.jinjiang = await account({ name: 'Jinjiang Trading', phone: '028-8555 0101', region: 'Sichuan', industry: 'retail' });
    ids.jinjiang2 = await account({ name: 'Jinjiang Commerce (Chengdu)', phone: '028 8555 0101', email: 'sales@jinjiang.example', region: 'Chongqing', industry: 'logistics' });
    await expectStatus(t.admin.post('/api/records/contact', { name: 'Zhou Min', account: ids.jinjiang2 }), 201);
    ids.tianfu = await account({ name: 'Tianfu Freight', email: 'ops@tianfu.example', region: 'Sichuan' });
    ids.tianfu2 = await account({ name: 'Chengdu Tianfu Transport', email: 'OPS@tianfu.example', region: 'Sichuan' });
    ids.huaxiLead = (await expectStatus(t.admin.post('/api/records/lead', { name: 'Wang Fang', company: 'Huaxi Chengdu Foods Ltd', title: 'Buyer', status: 'working', estimated_amount: 5000 }), 201)).id;
    ids.coffeeLead = (await expectStatus(t.admin.post('/api/records/lead', { name: '张敏', company: '云南高原咖啡有限公司', title: '采购经理', region: 'Yunnan', status: 'qualified' }), 201)).id;
  });
  afterAll(async () => t?.close());

  it('the sales rep creates a lead, converts it onto the existing account and asks for a 30% discount', async () => {
    ids.opportunity = await as(t, 'ray', async (page) => {
      await page.click('[data-test="menu-lead"]');
      await page.click('[data-test="new-record"]');
      await page.locator('[data-field="name"] input').fill('Li Wei');
      await page.locator('[data-field="company"] input').fill(TEA);
      await page.locator('[data-field="phone"] input').fill('023-6388 7788');
      await page.locator('[data-field="email"] input').fill('li.wei@mountaintea.example');
      await page.locator('[data-field="region"] .el-select').click();
      await page.getByRole('option', { name: 'Chongqing', exact: true }).locator('visible=true').click();
      await page.locator('[data-field="estimated_amount"] input').fill('120000');
      await page.locator('[data-field="estimated_amount"] input').blur();
      await page.click('[data-test="save-record"]');
      await expect.poll(() => page.textContent('[data-test="record-title"]')).toBe('Li Wei');
      const leadId = new URL(page.url()).pathname.split('/').pop()!;
      ids.lead = leadId;

      // The record page has no place for a pack's button: the crm pages lead to the conversion.
      await menu(page, 'Account hierarchy');
      // The rep reads only their own accounts: the administrator's group is simply absent.
      await page.getByText('You see no group accounts.').waitFor();
      expect(await page.locator('[data-test="top-level-list"]').textContent()).toContain(TEA);
      expect(await page.locator('[data-test="account-tree-page"]').textContent()).not.toContain('Huaxi');
      // Nor may a rep merge accounts (no delete): the merge screen says so instead of failing later.
      await page.click('[data-test="crm-nav-duplicates"]');
      await page.getByText('Merging needs permission to change and delete accounts; you may look at the duplicates only.').waitFor();
      await page.getByText('No duplicates found.').waitFor();
      await page.click('[data-test="crm-nav-convert"]');
      await page.locator('[data-test="lead-search"]').click();
      await page.keyboard.type('Li W');
      const option = page.getByRole('option', { name: /Li Wei/ }).locator('visible=true');
      await option.waitFor();
      await shot(page, 'crm-lead-picker');
      await option.click();
      await page.waitForURL(`**/crm/leads/${leadId}/convert`);
      const summary = page.locator('[data-test="lead-summary"]');
      await expect.poll(() => summary.locator('[data-field="company"]').textContent()).toBe(TEA);
      expect(await page.textContent('[data-test="account-new"]')).toContain(`Create a new account "${TEA}"`);
      await input(page, 'opportunity-name').fill(DEAL);
      await shot(page, 'crm-convert-lead');

      // A new account would duplicate the rep's own account of that name: the page offers that one.
      await page.click('[data-test="convert"]');
      const offer = page.locator('[data-test="duplicate-offer"]');
      await offer.getByText(`"${TEA}" is already an account.`).waitFor();
      await shot(page, 'crm-convert-duplicate');
      await offer.locator('[data-test="use-existing"]').click();
      const result = page.locator('[data-test="conversion-result"]');
      await result.getByText('The lead was converted.').waitFor();
      expect(await result.locator('[data-test="result-account"]').textContent()).toContain(TEA);
      expect(await result.locator('[data-test="result-contact"]').textContent()).toContain('Li Wei');
      expect(await result.locator('[data-test="result-opportunity"]').textContent()).toContain(DEAL);
      await shot(page, 'crm-converted');

      await result.locator('[data-test="open-opportunity"]').click();
      await expect.poll(() => page.textContent('[data-test="record-title"]')).toBe(DEAL);
      const opportunityId = new URL(page.url()).pathname.split('/').pop()!;
      await page.click('[data-test="edit-record"]');
      // Percent fields hold fractions (0.3 is 30 %); people type and read them in percent.
      await page.locator('[data-field="discount"] input').fill('30');
      await page.locator('[data-field="discount"] input').blur();
      expect(await page.locator('[data-field="discount"] input').inputValue()).toBe('30.00');
      await shot(page, 'crm-discount-input');
      await page.click('[data-test="save-record"]');
      await expect.poll(() => page.textContent('[data-test="record-fields"] [data-field="discount"]')).toContain('30 %');
      await page.click('[data-test="workflow-submit"]');
      const panel = page.locator('[data-test="workflow-panel"]');
      // States go by their labels, in the panel, its history and the diagram.
      await expect.poll(() => panel.locator('[data-test="workflow-state"]').textContent()).toBe('Sales manager review');
      const moves = (await panel.locator('[data-test="history-move"]').allTextContents()).map((m) => m.replace('·', '').trim());
      expect(moves).toEqual(['into Draft', 'Draft → Sales manager review']);
      expect(await panel.locator('svg [data-state="manager_review"]').textContent()).toContain('Sales manager review');
      expect(await panel.textContent()).not.toContain('manager_review');
      await expect.poll(() => page.locator('.system [data-field="_state"]').textContent()).toContain('Sales manager review');
      await shot(page, 'crm-opportunity-submitted');
      return opportunityId;
    });
    const lead = (await expectStatus(t.admin.get(`/api/records/lead?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: 'Li Wei' } }))}`), 200)).data[0];
    expect(lead).toMatchObject({ status: 'converted', converted_account: ids.tea, converted_opportunity: ids.opportunity });
    const opportunity = await expectStatus(t.admin.get(`/api/records/opportunity/${ids.opportunity}`), 200);
    expect(opportunity).toMatchObject({ name: DEAL, account: ids.tea, amount: 120000, discount: 0.3, _state: 'manager_review' });
    const accounts = (await expectStatus(rep.get('/api/records/account'), 200)).data;
    expect(accounts.filter((a: { name: string }) => a.name === TEA)).toHaveLength(1);
  });

  it('the sales manager and then finance approve the discount from their inboxes', async () => {
    for (const [approver, next] of [['mia', 'finance_review'], ['fay', 'approved']] as const) {
      await as(t, approver, async (page) => {
        await expect.poll(() => page.locator('[data-test="inbox-count"] sup').textContent()).toBe('1');
        await page.click('[data-test="inbox-link"]');
        const task = page.locator('[data-test="task-card"]', { hasText: DEAL });
        await task.waitFor();
        // The card names the step by its label and shows what is decided: the discount the condition
        // tests, in percent, first, then the opportunity's amount.
        expect(await task.locator('[data-test="task-state"]').textContent()).toBe(approver === 'mia' ? 'Sales manager review' : 'Finance review');
        const summary = task.locator('[data-test="task-summary"]');
        await expect.poll(() => summary.locator('[data-field="discount"]').textContent()).toBe('30 %');
        expect(await summary.locator('dd').first().getAttribute('data-field')).toBe('discount');
        expect(await summary.locator('[data-field="amount"]').textContent()).toMatch(/120,000\.00/);
        expect(await task.textContent()).toContain('Discount approval');
        await task.locator('textarea[data-test="task-comment"], [data-test="task-comment"] textarea').fill(approver === 'mia' ? 'Strategic customer, fine by me.' : 'Margin still acceptable.');
        await shot(page, `crm-inbox-${approver}`);
        await task.locator('[data-test="approve"]').click();
        await toast(page, 'Approved.');
      });
      expect((await expectStatus(t.admin.get(`/api/records/opportunity/${ids.opportunity}`), 200))._state).toBe(next);
    }
  });

  it('the rep is told, and sees the opportunity approved in its workflow panel', async () => {
    await as(t, 'ray', async (page) => {
      await page.goto(`${t.baseUrl}/o/opportunity/${ids.opportunity}`);
      const panel = page.locator('[data-test="workflow-panel"]');
      await expect.poll(() => panel.locator('[data-test="workflow-state"]').textContent()).toBe('Approved');
      expect(await panel.textContent()).toContain('Margin still acceptable.');
      const moves = (await panel.locator('[data-test="history-move"]').allTextContents()).map((m) => m.replace('·', '').trim());
      expect(moves).toEqual(['into Draft', 'Draft → Sales manager review', 'Sales manager review → Finance review', 'Finance review → Approved']);
      // A decision that did not move the record by itself names the one state it was taken in.
      expect((await panel.locator('[data-test="history-state"]').allTextContents()).map((m) => m.replace('·', '').trim())).toEqual(['Sales manager review', 'Finance review']);
      // The workflow has ended in its final state: nothing is offered to submit again.
      expect(await panel.locator('[data-test="workflow-submit"]').count()).toBe(0);
      await shot(page, 'crm-opportunity-approved');
      await page.click('[data-test="bell"]');
      await page.click('[data-test="bell-see-all"]');
      const notes = page.locator('[data-test="notifications"]');
      const note = notes.getByText('The discount was approved.').first();
      await note.waitFor();
      await shot(page, 'crm-rep-notified');
      // The notification reads as a sentence in the reader's language, not as the stored translations.
      expect((await note.textContent())?.trim()).toBe('The discount was approved.');
    });
  });

  it('the opportunity list shows discounts in percent and filters them by a percent typed in the builder', async () => {
    await expectStatus(t.admin.post('/api/records/opportunity', { name: 'Small tea order', account: ids.tea, amount: 900, discount: 0.05 }), 201);
    await as(t, 'admin', async (page) => {
      await page.goto(`${t.baseUrl}/o/opportunity`);
      const table = page.locator('.el-table__body');
      await table.getByText('Small tea order').waitFor();
      await page.click('[data-test="toggle-filter"]');
      await page.click('[data-test="filter-add"]');
      await choose(page, 'filter-path-0', 'Discount');
      await choose(page, 'filter-op-0', 'at least');
      await page.locator('[data-test="filter-value-0"] input').fill('25');
      await page.locator('[data-test="filter-value-0"] input').blur();
      // Typed as 25 %, read back as 25 %, sent as the stored fraction.
      expect((await page.textContent('[data-test="filter-summary"]'))!.replace(/\s+/g, ' ')).toContain('Discount at least 25');
      const listed = page.waitForRequest((r) => r.url().includes('/api/records/opportunity?') && new URL(r.url()).searchParams.get('filter') === '{"discount":{"$gte":0.25}}');
      await page.click('[data-test="filter-apply"]');
      await listed;
      await expect.poll(() => table.textContent()).not.toContain('Small tea order');
      const row = table.locator('tr', { hasText: DEAL });
      expect(await row.textContent()).toContain('30 %');
      await shot(page, 'crm-opportunities-filtered-by-discount');
      // The workflow state column reads as the workflow's label for the state.
      await page.getByRole('button', { name: 'Columns' }).click();
      await page.locator('.column-list .el-checkbox', { hasText: 'Workflow state' }).click();
      await expect.poll(() => row.textContent()).toContain('Approved');
      expect(await table.textContent()).not.toContain('approved');
    });
  });

  it('the account hierarchy shows a group with its subsidiary and branch, with links and tags', async () => {
    await as(t, 'admin', async (page) => {
      await menu(page, 'Account hierarchy');
      await page.locator(`[data-test="group-${ids.group}"]`).click();
      const tree = page.locator('[data-test="account-hierarchy"]');
      await expect.poll(() => tree.locator('[data-test="tree-root"]').textContent()).toBe('Huaxi Group');
      const subsidiary = tree.locator(`[data-test="node-${ids.subsidiary}"]`);
      expect(await subsidiary.textContent()).toContain('Huaxi Chengdu Foods');
      expect(await subsidiary.locator('[data-test="account-type"]').textContent()).toBe('Subsidiary');
      expect(await subsidiary.locator('[data-test="account-region"]').textContent()).toBe('Sichuan');
      expect(await tree.locator(`[data-test="node-${ids.branch}"]`).textContent()).toContain('Branch office');
      expect(await tree.textContent()).toContain('Accounts below it: 2');
      await shot(page, 'crm-account-tree');

      // From the branch, searched by name: its parents above it.
      await page.locator('[data-test="account-search"]').click();
      await page.keyboard.type('Mianyang');
      await page.getByRole('option', { name: /Huaxi Mianyang Branch/ }).locator('visible=true').click();
      await expect.poll(() => tree.locator('[data-test="tree-root"]').textContent()).toBe('Huaxi Mianyang Branch');
      expect(await tree.locator('[data-test="ancestors"] a').allTextContents()).toEqual(['Huaxi Group', 'Huaxi Chengdu Foods']);
      await tree.locator('[data-test="tree-leaf"]').waitFor();
      await tree.locator(`[data-test="ancestor-${ids.subsidiary}"]`).click();
      await expect.poll(() => tree.locator('[data-test="tree-root"]').textContent()).toBe('Huaxi Chengdu Foods');
      await tree.locator(`[data-test="node-${ids.branch}"] a`).first().click();
      await expect.poll(() => page.textContent('[data-test="record-title"]')).toBe('Huaxi Mianyang Branch');
    });
  });

  it('a lead is converted onto an existing account found by search, with the opportunity amount changed', async () => {
    await as(t, 'admin', async (page) => {
      await page.goto(`${t.baseUrl}/crm/leads/${ids.huaxiLead}/convert`);
      await page.click('[data-test="account-existing"]');
      await page.locator('[data-test="convert-account"]').click();
      await page.keyboard.type('Chengdu Foods');
      await page.getByRole('option', { name: /Huaxi Chengdu Foods/ }).locator('visible=true').click();
      await input(page, 'opportunity-amount').fill('8800');
      await input(page, 'opportunity-amount').blur();
      // The opportunity's name is offered from the chosen account.
      expect(await input(page, 'opportunity-name').getAttribute('placeholder')).toBe('Huaxi Chengdu Foods: Wang Fang');
      await shot(page, 'crm-convert-existing');
      await page.click('[data-test="convert"]');
      const result = page.locator('[data-test="conversion-result"]');
      await result.getByText('The lead was converted.').waitFor();
      expect(await result.locator('[data-test="result-opportunity"]').textContent()).toContain('Huaxi Chengdu Foods: Wang Fang');
    });
    const lead = await expectStatus(t.admin.get(`/api/records/lead/${ids.huaxiLead}`), 200);
    expect(lead).toMatchObject({ status: 'converted', converted_account: ids.subsidiary });
    const opportunity = await expectStatus(t.admin.get(`/api/records/opportunity/${lead.converted_opportunity}`), 200);
    expect(opportunity).toMatchObject({ account: ids.subsidiary, amount: 8800, name: 'Huaxi Chengdu Foods: Wang Fang' });
  });

  it('the crm pages are usable on a tablet and in Chinese', async () => {
    await as(t, 'admin', async (page) => {
      await page.goto(`${t.baseUrl}/crm/account-tree?account=${ids.group}`);
      await page.locator('[data-test="language-switch"]').getByText('中文').click();
      const tree = page.locator('[data-test="account-hierarchy"]');
      await expect.poll(() => tree.locator(`[data-test="node-${ids.subsidiary}"] [data-test="account-type"]`).textContent()).toBe('子公司');
      expect(await page.textContent('[data-test="account-tree-page"] h1')).toBe('客户层级');
      expect(await tree.textContent()).toContain('下级客户：2 个');
      const box = await tree.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(700);
      await shot(page, 'crm-account-tree-tablet-zh');

      // The merge screen and a converted lead, on the same tablet in Chinese.
      await page.click('[data-test="crm-nav-duplicates"]');
      await page.locator('[data-test="rule-filter"]').getByText('电话相同').click();
      const comparison = page.locator('[data-test="comparison"]');
      await comparison.getByText('合并到保留的客户').first().waitFor();
      expect(await comparison.locator('tr[data-row="industry"] th').textContent()).toContain('行业');
      expect(await page.textContent('[data-test="merge-summary"]')).toBe('把“Jinjiang Commerce (Chengdu)”合并到“Jinjiang Trading”');
      await shot(page, 'crm-merge-tablet-zh');
      await page.goto(`${t.baseUrl}/crm/leads/${ids.lead}/convert`);
      const result = page.locator('[data-test="conversion-result"]');
      await result.getByText('此线索已转化。').waitFor();
      expect(await result.locator('[data-test="result-opportunity"]').textContent()).toContain(DEAL);
      await shot(page, 'crm-converted-tablet-zh');

      // A lead converted into a new account, without an opportunity.
      await page.goto(`${t.baseUrl}/crm/leads/${ids.coffeeLead}/convert`);
      await page.locator('[data-test="account-new"]', { hasText: '新建客户“云南高原咖啡有限公司”' }).waitFor();
      await page.locator('[data-test="create-opportunity"]').click();
      await shot(page, 'crm-convert-tablet-zh');
      await page.click('[data-test="convert"]');
      const coffee = page.locator('[data-test="conversion-result"]');
      await coffee.getByText('线索已转化。').waitFor();
      expect(await coffee.locator('[data-test="result-account"]').textContent()).toContain('云南高原咖啡有限公司');
      expect(await coffee.locator('[data-test="result-contact"]').textContent()).toContain('采购经理');
      expect(await coffee.textContent()).toContain('未创建商机。');

      // The approved opportunity in Chinese: its state by the workflow's Chinese label, its discount in percent.
      await page.goto(`${t.baseUrl}/o/opportunity/${ids.opportunity}`);
      await expect.poll(() => page.locator('[data-test="workflow-state"]').textContent()).toBe('已批准');
      expect(await page.textContent('[data-test="record-fields"] [data-field="discount"]')).toContain('30 %');
      await shot(page, 'crm-opportunity-tablet-zh');
      await page.locator('[data-test="language-switch"]').getByText('English').click();
    }, { width: 820, height: 1180 });
  });

  it('the merge screen merges two accounts that share a phone number', async () => {
    await as(t, 'admin', async (page) => {
      await menu(page, 'Duplicate accounts');
      // A group and its subsidiary share an e-mail address; merging them would make the group its own parent.
      await page.locator('[data-test="rule-filter"]').getByText('Same e-mail').click();
      await page.locator('[data-test="duplicate-groups"] [data-test^="group-same_email-"]', { hasText: 'Huaxi Group' }).click();
      await page.locator('[data-test="self-link"]', { hasText: 'After this merge "Huaxi Group" would be its own parent account' }).waitFor();
      expect(await page.locator('[data-test="merge"]').isDisabled()).toBe(true);
      await shot(page, 'crm-merge-self-parent');

      // Meanwhile someone deletes one of a pair: the merge is refused, said so, and the groups are read again.
      const tianfu = page.locator('[data-test="duplicate-groups"] [data-test^="group-same_email-"]', { hasText: 'Tianfu Freight' });
      await tianfu.click();
      await expectStatus(t.admin.delete(`/api/records/account/${ids.tianfu2}`), 204);
      await page.click('[data-test="merge"]');
      await page.locator('.el-message-box').getByRole('button', { name: 'Merge' }).click();
      await page.locator('[data-test="merge-gone"]', { hasText: 'Nothing was merged: one of the two accounts no longer exists.' }).waitFor();
      await expect.poll(() => tianfu.count()).toBe(0);
      await shot(page, 'crm-merge-gone');

      await page.locator('[data-test="rule-filter"]').getByText('Same phone').click();
      const group = page.locator('[data-test="duplicate-groups"] [data-test^="group-same_phone-"]');
      await expect.poll(() => group.count()).toBe(1);
      expect(await group.textContent()).toContain('Jinjiang Trading · Jinjiang Commerce (Chengdu)');
      await group.click();
      const comparison = page.locator('[data-test="comparison"]');
      // The older account is kept by default; the other one is merged into it.
      await comparison.locator(`[data-test="column-${ids.jinjiang}"].keep`).waitFor();
      await comparison.locator(`[data-test="column-${ids.jinjiang2}"].remove`).waitFor();
      expect(await comparison.locator('tr[data-row="region"]').getAttribute('class')).toContain('differs');
      await comparison.locator('[data-test="take-industry"]').click();
      // A blank of the kept account (e-mail) is filled from the other one without asking.
      expect(await comparison.locator('tr[data-row="email"]').textContent()).toContain('fills a blank');
      expect(await page.textContent('[data-test="merge-summary"]')).toBe('Merge "Jinjiang Commerce (Chengdu)" into "Jinjiang Trading"');
      await shot(page, 'crm-merge');
      await page.click('[data-test="merge"]');
      const dialog = page.locator('.el-message-box');
      expect(await dialog.textContent()).toContain('Values taken over: Industry.');
      await dialog.getByRole('button', { name: 'Merge' }).click();
      await toast(page, '"Jinjiang Commerce (Chengdu)" was merged into "Jinjiang Trading".');
      await expect.poll(() => page.textContent('[data-test="record-title"]')).toBe('Jinjiang Trading');
      expect(new URL(page.url()).pathname).toBe(`/o/account/${ids.jinjiang}`);
      await shot(page, 'crm-merged');
    });
    const kept = await expectStatus(t.admin.get(`/api/records/account/${ids.jinjiang}`), 200);
    expect(kept).toMatchObject({ industry: 'logistics', email: 'sales@jinjiang.example', region: 'Sichuan' });
    await expectStatus(t.admin.get(`/api/records/account/${ids.jinjiang2}`), 404);
    const contacts = (await expectStatus(t.admin.get(`/api/records/contact?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: 'Zhou Min' } }))}`), 200)).data;
    expect(contacts[0].account).toBe(ids.jinjiang);
    const duplicates = (await expectStatus(t.admin.get('/api/records/account/duplicates?rule=same_phone'), 200)).data;
    expect(duplicates).toEqual([]);
  });
});
