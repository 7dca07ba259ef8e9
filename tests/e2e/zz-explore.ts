import { startTestApp, ADMIN_PASSWORD } from '../integration/helpers/test-app.ts';
import { openBrowser, logIn } from './helpers/browser.ts';
const t = await startTestApp();
const a = t.admin;
await a.put('/api/meta/objects/account', { name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, titleField: 'name', history: ['revenue'],
  fields: [
    { name: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } },
    { name: 'industry', type: 'enum', options: ['tobacco', 'telecom', 'food'], label: { en: 'Industry', 'zh-CN': '行业' } },
    { name: 'revenue', type: 'currency', currencyCode: 'CNY', min: 0, label: { en: 'Revenue', 'zh-CN': '收入' } },
    { name: 'since', type: 'date', label: { en: 'Customer since', 'zh-CN': '合作开始' } },
  ] });
await a.put('/api/meta/objects/contact', { name: 'contact', label: { en: 'Contact', 'zh-CN': '联系人' }, titleField: 'name',
  fields: [{ name: 'name', type: 'text', required: true }, { name: 'account', type: 'lookup', target: 'account' }, { name: 'phone', type: 'phone' }, { name: 'tags', type: 'multienum', options: ['vip', 'new'] }, { name: 'active', type: 'boolean' }, { name: 'meta', type: 'json' }] });
const ids: string[] = [];
for (let i = 0; i < 12; i++) ids.push((await a.post('/api/records/account', { name: `Account ${i}`, industry: ['tobacco', 'telecom', 'food'][i % 3], revenue: i * 1000, since: `2020-0${(i % 9) + 1}-01` })).body.id);
for (let i = 0; i < 4; i++) await a.post('/api/records/contact', { name: `Contact ${i}`, account: ids[0], phone: '+86 10 5555 0000', tags: ['vip'], active: true });
await a.put('/api/admin/roles/sales', { name: 'sales', label: { en: 'Sales', 'zh-CN': '销售' }, objects: { account: { operations: ['read', 'create', 'update'], scope: { read: 'department_tree', update: 'own' }, fields: { revenue: 'read' } } } });
const d = await a.post('/api/admin/departments', { name: 'Sales East' });
await a.post('/api/admin/departments', { name: 'Shanghai', parent: d.body.id });
const b = await openBrowser();
const page = await b.page();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('console', (m) => m.type() === 'warning' && console.log('warn:', m.text().slice(0, 200)));
await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
const shots: [string, string][] = [
  ['home', '/'], ['account-record', `/o/account/${ids[0]}`], ['contact-new', '/o/contact/new'], ['contact-list', '/o/contact'],
  ['roles-sales', '/admin/roles/sales'], ['org', '/admin/organisation'], ['objects', '/admin/objects'], ['bin', '/recycle-bin'],
];
for (const [name, path] of shots) {
  await page.goto(t.baseUrl + path);
  await page.waitForTimeout(1800);
  await page.screenshot({ path: `/tmp/explore/${name}.png` });
}
await page.goto(t.baseUrl + '/admin/roles/sales');
await page.waitForTimeout(1500);
await page.click('[data-test="grant-details-account"]');
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/explore/roles-sales-details.png', fullPage: true });
await page.getByRole('tab', { name: 'Explain' }).click();
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/explore/roles-explain.png' });
await page.goto(t.baseUrl + '/admin/objects/contact');
await page.waitForTimeout(1500);
await page.click('[data-test="field-row-tags"] .field-summary');
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/explore/designer-field.png' });
await page.locator('[data-test="language-switch"]').getByText('中文').click();
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/explore/designer-field-zh.png' });
await page.goto(t.baseUrl + `/o/account/${ids[0]}`);
await page.waitForTimeout(1800);
await page.screenshot({ path: '/tmp/explore/account-record-zh.png' });
await b.close(); await t.close();
