import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 16: a write with both bad field values and broken validation rules gets every
// problem in one 422, not the field errors first and the rule errors on the next try.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/deal', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'email', type: 'email' },
      { name: 'amount', type: 'number' },
      { name: 'discount', type: 'number' },
      { name: 'net', type: 'formula', returns: 'number', expression: { $multiply: [{ $field: 'amount' }, { $field: 'discount' }] } },
    ],
    validationRules: [
      { name: 'discount_at_most_half', errorWhen: { discount: { $gt: 0.5 } }, message: { en: 'The discount is at most 50%.' }, field: 'discount' },
      { name: 'no_spam_address', errorWhen: { email: { $contains: 'spam' } }, message: { en: 'No spam addresses.' }, field: 'email' },
      { name: 'net_not_negative', errorWhen: { net: { $lt: 0 } }, message: { en: 'The net amount is negative.' }, field: 'amount' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(() => t?.close());

const rulesOf = (details: { rule?: string }[]) => details.map((d) => d.rule).filter(Boolean).sort();
const pathsOf = (details: { path: string; rule?: string }[]) => details.filter((d) => !d.rule).map((d) => d.path).sort();

describe('field and rule errors in one answer (issue 12 item 16)', () => {
  it('reports field errors and validation-rule errors in one 422 on create', async () => {
    const res = await t.admin.post('/api/records/deal', { name: 'Big order', email: 'spam-not-an-address', amount: 'lots', discount: 0.9 });
    expect(res.status).toBe(422);
    expect(pathsOf(res.body.error.details)).toEqual(['/amount', '/email']);
    // Rules reading the invalid fields (email, and amount through the formula net) are not guessed at.
    expect(rulesOf(res.body.error.details)).toEqual(['discount_at_most_half']);
    expect((await t.admin.get('/api/records/deal')).body.data).toHaveLength(0);
  });

  it('reports field errors and validation-rule errors in one 422 on update, changing nothing', async () => {
    const created = await t.admin.post('/api/records/deal', { name: 'Small order', amount: 100, discount: 0.1 });
    expect(created.status).toBe(201);
    const res = await t.admin.patch(`/api/records/deal/${created.body.id}`, { _version: created.body._version, email: 'nope', discount: 0.8 });
    expect(res.status).toBe(422);
    expect(pathsOf(res.body.error.details)).toEqual(['/email']);
    expect(rulesOf(res.body.error.details)).toEqual(['discount_at_most_half']);
    expect((await t.admin.get(`/api/records/deal/${created.body.id}`)).body).toMatchObject({ discount: 0.1, _version: created.body._version });
  });
});
