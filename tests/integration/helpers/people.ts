import { expect } from 'vitest';
import type { ApiClient, TestApp } from './test-app.ts';

export const PERSON_PASSWORD = 'Correct-horse-42';

export interface Person {
  id: string;
  api: ApiClient;
}

/** A user created through the admin API (named by their username), logged in. */
export async function addPerson(t: TestApp, username: string, roles: string[], manager?: string): Promise<Person> {
  const res = await t.admin.post('/api/admin/users', { username, password: PERSON_PASSWORD, name: username, roles, ...(manager ? { manager } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(username, PERSON_PASSWORD) };
}
