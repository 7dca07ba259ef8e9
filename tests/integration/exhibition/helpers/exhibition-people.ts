import { expect } from 'vitest';
import type { ApiClient, TestApp } from '../../helpers/test-app.ts';
import { PASSWORD } from '../../permissions/permission-helpers.ts';

let seq = 0;

export async function createRecord(api: ApiClient, object: string, values: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await api.post(`/api/records/${object}`, values);
  expect(res.status, `${object}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

/** A user of the given kind and roles, logged in to their application. */
export async function exhibitionUser(t: TestApp, roles: string[], portalAccount?: string): Promise<{ id: string; api: ApiClient }> {
  const username = `${portalAccount ? 'portal' : 'staff'}.${++seq}.${Date.now() % 100000}`;
  const res = await t.admin.post('/api/admin/users', {
    username, password: PASSWORD, name: username, roles,
    ...(portalAccount ? { kind: 'portal', account: { object: 'account', id: portalAccount } } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const login = await t.client().post('/api/auth/login', { username, password: PASSWORD, ...(portalAccount ? { app: 'portal' } : {}) });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { id: String(res.body.id), api: t.client(login.body.token) };
}
