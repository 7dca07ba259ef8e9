import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../integration/helpers/test-app.ts';
import { input, logIn, openBrowser, screenshot } from './helpers/browser.ts';
import { toast } from './helpers/element-plus.ts';
import { createUser, expectStatus, PASSWORD } from './helpers/seed.ts';

// Issue 15, item 6: the service centre's screen pop at /exhibition/call?phone=, as a telephony system
// opens it: a known number opens the caller's card, an unknown one a new-contact form.

describe('call screen pop', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ packs: [{ name: 'exhibition' }] });
    const read = { operations: ['read'] };
    const role = await t.admin.put('/api/admin/roles/call_agent', {
      name: 'call_agent',
      objects: { account: read, contact: { operations: ['read', 'create'] }, activity: read, service_request: read },
    });
    expect([200, 201], JSON.stringify(role.body)).toContain(role.status);
    await createUser(t.admin, 'call.agent', 'Call Agent', ['call_agent']);
    const account = (await expectStatus(t.admin.post('/api/records/account', { name: '泸州老窖商贸有限公司', is_exhibitor: true, phone: '0830-2398888' }), 201)).id;
    const contact = (await expectStatus(t.admin.post('/api/records/contact', { name: '王芳', account, mobile: '139 8888 0001' }), 201)).id;
    await expectStatus(t.admin.post('/api/records/service_request', { subject: '展位电源不足', kind: 'complaint', account, contact, status: 'open' }), 201);
  });
  afterAll(async () => t?.close());

  for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`opens the card of a known caller and offers a form for an unknown one (${size.name})`, async () => {
      const zh = size.name === 'phone';
      const browser = await openBrowser({ width: size.width, height: size.height, locale: zh ? 'zh-CN' : 'en-US' });
      try {
        const page = await browser.page();
        await logIn(page, t.baseUrl, 'call.agent', PASSWORD);
        await page.goto(`${t.baseUrl}/exhibition/call?phone=${encodeURIComponent('+86 139-8888-0001')}`);
        await page.waitForSelector('[data-test="call-card"]');
        expect(await page.locator('[data-test="call-card-title"]').textContent()).toBe('王芳');
        expect(await page.locator('[data-test="call-requests"]').textContent()).toContain('展位电源不足');
        await screenshot(page, `call-pop-known-${size.name}`);

        const unknown = zh ? '138 0000 1111' : '138-0000-2222';
        await page.goto(`${t.baseUrl}/exhibition/call?phone=${encodeURIComponent(unknown)}`);
        await page.waitForSelector('[data-test="call-new-contact"]');
        expect(await input(page, 'call-mobile').inputValue()).toBe(unknown);
        await input(page, 'call-name').fill(zh ? '新来电者' : 'New caller');
        await page.locator('[data-test="call-account"]').click();
        await page.keyboard.type('泸州');
        await page.getByRole('option', { name: '泸州老窖商贸有限公司' }).locator('visible=true').click();
        await screenshot(page, `call-pop-unknown-${size.name}`);
        await page.click('[data-test="call-create"]');
        await page.waitForURL(/\/records\/contact\/\d+/).catch(async (error) => {
          await screenshot(page, `call-pop-create-failed-${size.name}`);
          throw error;
        });
        await toast(page, zh ? '联系人已创建。' : 'The contact was created.');
        const found = await t.admin.get(`/api/plugins/exhibition/lookup?phone=${encodeURIComponent(unknown)}`);
        expect(found.body.matches.map((m: { title: string }) => m.title)).toEqual([zh ? '新来电者' : 'New caller']);
      } finally {
        await browser.close();
      }
    });
  }
});
