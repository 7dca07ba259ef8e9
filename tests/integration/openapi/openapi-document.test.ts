import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD } from '../permissions/permission-helpers.ts';

// GET /api/openapi.json: an OpenAPI 3.1 document of the live metadata, shaped for the caller.

let t: TestApp;
let rep: ApiClient;
let adminDoc: any;
let repDoc: any;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'crm' }] });
  // The rep's role hides the account's credit limit.
  const role = (await t.admin.get('/api/admin/roles/sales_rep')).body;
  role.objects.account.fields = { ...role.objects.account.fields, credit_limit: 'none' };
  const put = await t.admin.put('/api/admin/roles/sales_rep', role);
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const sales = (await t.admin.post('/api/admin/departments', { name: 'Sales' })).body.id;
  const user = await t.admin.post('/api/admin/users', { username: 'doc.rep', password: PASSWORD, name: 'Doc Rep', roles: ['sales_rep'], department: String(sales) });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  rep = await t.login('doc.rep', PASSWORD);
  adminDoc = (await t.admin.get('/api/openapi.json')).body;
  repDoc = (await rep.get('/api/openapi.json')).body;
});
afterAll(() => t?.close());

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, for the admin and for a rep', async () => {
    for (const doc of [adminDoc, repDoc]) {
      const result = await validate(structuredClone(doc));
      expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
      expect(doc.openapi).toBe('3.1.0');
    }
  });

  it('describes each field: enum options, a formula read-only, required fields, formats, lookups as ids', () => {
    const account = adminDoc.components.schemas.account;
    expect(account.properties.region.enum).toEqual(['Chongqing', 'Sichuan', 'Yunnan', 'Beijing', 'Shanghai', 'Guangdong', 'Zhejiang', 'Jiangsu', null]);
    expect(account.properties.value_level['x-tessera-option-labels']).toMatchObject({ A: 'A: key', B: 'B: major', C: 'C: ordinary' });
    expect(account.properties.region.title).toBe('Region');
    expect(account.properties.email.format).toBe('email');
    expect(account.properties.website.format).toBe('uri');
    expect(account.properties.parent.type).toEqual(['string', 'null']);
    expect(account.properties.parent.pattern).toBe('^[1-9][0-9]*$');
    expect(account.properties.id.readOnly).toBe(true);
    expect(account.properties._created_at.format).toBe('date-time');
    expect(adminDoc.components.schemas['account.create'].required).toEqual(['name']);
    expect(adminDoc.components.schemas['account.update'].required).toEqual(['_version']);
    expect(adminDoc.components.schemas['account.create'].properties.name.type).toBe('string');
    const weighted = adminDoc.components.schemas.opportunity.properties.weighted_amount;
    expect(weighted).toMatchObject({ readOnly: true, title: 'Weighted amount' });
    expect(adminDoc.components.schemas['opportunity.create'].properties.weighted_amount).toBeUndefined();
  });

  it('lists the record endpoints with the list parameters, and the filter language', () => {
    const list = adminDoc.paths['/records/account'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['filter', 'sort', 'limit', 'cursor', 'fields', 'count', 'titles']);
    expect(list.parameters[0].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Filter' });
    expect(Object.keys(adminDoc.paths['/records/account/{id}'])).toEqual(['get', 'patch', 'delete']);
    expect(adminDoc.paths['/records/account'].patch.operationId).toBe('account.bulkEdit');
    expect(adminDoc.paths['/records/contract/{id}/submit'].post.tags).toEqual(['contract']);
    expect(Object.keys(adminDoc.components.schemas.Condition.properties)).toContain('$between');
    expect(adminDoc.paths['/tasks/{id}/approve']).toBeDefined();
    expect(adminDoc.paths['/search'].get.parameters[0].name).toBe('q');
  });

  it('answers errors in the SPEC §5 shape, one response per status', () => {
    const get = adminDoc.paths['/records/account/{id}'].get;
    expect(get.responses['404']).toEqual({ $ref: '#/components/responses/Error404' });
    const conflict = adminDoc.components.responses.Error409;
    expect(conflict.description).toContain('STALE_VERSION');
    expect(conflict.content['application/json'].schema.allOf[0]).toEqual({ $ref: '#/components/schemas/Error' });
    expect(adminDoc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    expect(adminDoc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it("leaves out of a rep's document the fields hidden from them and what their roles do not grant", () => {
    expect(adminDoc.components.schemas.account.properties.credit_limit).toBeDefined();
    expect(repDoc.components.schemas.account.properties.credit_limit).toBeUndefined();
    expect(repDoc.components.schemas['account.create'].properties.credit_limit).toBeUndefined();
    expect(repDoc.components.schemas.account.properties.name).toBeDefined();
    // The rep may read orders but not change them, and may not delete accounts.
    expect(Object.keys(repDoc.paths['/records/order/{id}'])).toEqual(['get']);
    expect(repDoc.paths['/records/account/{id}'].delete).toBeUndefined();
    expect(repDoc.components.schemas['order.create']).toBeUndefined();
  });

  it('speaks the caller\'s language and needs a login', async () => {
    const zh = await t.admin.raw('/api/openapi.json', { headers: { 'accept-language': 'zh-CN' } });
    const doc = (await zh.json()) as any;
    expect(doc.components.schemas.account.title).toBe('客户');
    expect(doc.components.schemas.account.properties.region.title).toBe('区域');
    expect(doc.tags.find((tag: { name: string }) => tag.name === 'account')['x-displayName']).toBe('客户');
    const anonymous = await t.client().get('/api/openapi.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('serves the reference page and its script without a login, under a CSP that forbids inline scripts', async () => {
    const page = await t.client().raw('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/reference-page.js"');
    const script = await t.client().raw('/api/docs/reference-page.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });
});
