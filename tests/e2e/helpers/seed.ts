import type { ApiClient } from '../../integration/helpers/test-app.ts';

export const PASSWORD = 'Pass-word-123';

/** Creates a user through the admin API (the browser tests drive the screens that are under test, not this set-up). */
export async function createUser(admin: ApiClient, username: string, name: string, roles: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/admin/users', { username, password: PASSWORD, name, roles, ...extra });
  if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function expectStatus(promise: Promise<{ status: number; body: unknown }>, status: number): Promise<any> {
  const res = await promise;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
