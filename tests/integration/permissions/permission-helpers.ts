import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { ApiClient, ApiResponse, TestApp } from '../helpers/test-app.ts';

/** Meets the password rules: 10+ characters mixing lower case, upper case, digits and symbols. */
export const PASSWORD = 'Correct-horse-42';

export const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

export interface Person {
  id: string;
  username: string;
  /** A client logged in as this user. */
  api: ApiClient;
}

let userSeq = 0;

/** Upserts a role document through the admin API. */
export async function putRole(t: TestApp, name: string, objects: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await t.admin.put(`/api/admin/roles/${name}`, { name, objects, ...extra });
  expect([200, 201], `role ${name}: ${JSON.stringify(res.body)}`).toContain(res.status);
}

export async function addDepartment(t: TestApp, name: string, parent?: string): Promise<string> {
  const res = await t.admin.post('/api/admin/departments', { name, ...(parent ? { parent } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

export interface NewUser {
  roles: string[];
  department?: string;
  manager?: string;
  username?: string;
}

/** Creates a user through the admin API and logs them in. */
export async function addUser(t: TestApp, input: NewUser): Promise<Person> {
  const username = input.username ?? `perm.user${++userSeq}`;
  const res = await t.admin.post('/api/admin/users', {
    username,
    password: PASSWORD,
    name: username,
    roles: input.roles,
    ...(input.department ? { department: input.department } : {}),
    ...(input.manager ? { manager: input.manager } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), username, api: await t.login(username, PASSWORD) };
}

/** A fresh session, so that a changed department or role list is read again. */
export async function relogin(t: TestApp, person: Person): Promise<Person> {
  return { ...person, api: await t.login(person.username, PASSWORD) };
}

export interface SystemValues {
  owner?: string | null;
  department?: string | null;
  state?: string | null;
}

/**
 * Sets ownership and workflow state directly in the record table: the test fixture decides who owns
 * what without depending on create or transfer, and workflows that would set `_state` do not exist yet.
 */
export async function setSystem(t: TestApp, object: string, id: string, values: SystemValues): Promise<void> {
  const patch: Record<string, unknown> = {};
  if (values.owner !== undefined) patch._owner = values.owner;
  if (values.department !== undefined) patch._department = values.department;
  if (values.state !== undefined) patch._state = values.state;
  if (Object.keys(patch).length) await t.tessera.db(`records.${object}`).where({ id }).update(patch);
}

/** Creates a record as the admin, then gives it the owner, department and state asked for. */
export async function seed(t: TestApp, object: string, values: Record<string, unknown>, system: SystemValues = {}): Promise<string> {
  const res = await t.admin.post(`/api/records/${object}`, values);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = String(res.body.id);
  await setSystem(t, object, id, system);
  return id;
}

/** The record as the admin (a superuser) sees it. */
export async function adminGet(t: TestApp, object: string, id: string): Promise<Record<string, any>> {
  const res = await t.admin.get(`/api/records/${object}/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Ids of every record the caller lists (one page of up to 500), in id order. */
export async function listIds(api: ApiClient, object: string, query = ''): Promise<string[]> {
  const res = await api.get(`/api/records/${object}?limit=500${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((r: { id: string }) => String(r.id)).sort((a: string, b: string) => Number(a) - Number(b));
}

export async function countOf(api: ApiClient, object: string, filter?: unknown): Promise<number> {
  const res = await api.get(`/api/records/${object}?count=true&limit=1${filter ? `&filter=${q(filter)}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total;
}

/** Exports CSV and parses it: the header row and the data rows. */
export async function exportCsv(api: ApiClient, object: string, query = ''): Promise<{ status: number; header: string[]; rows: string[][] }> {
  const res = await api.raw(`/api/records/${object}/export?format=csv&codes=true${query ? `&${query}` : ''}`);
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, header: [], rows: [] };
  const [header = [], ...rows] = parse(text, { bom: true, relax_column_count: true }) as string[][];
  return { status: res.status, header, rows };
}

/** The values of one column of an export. */
export function column(csv: { header: string[]; rows: string[][] }, name: string): string[] {
  const index = csv.header.indexOf(name);
  expect(index, `column ${name} in ${csv.header.join(',')}`).toBeGreaterThanOrEqual(0);
  return csv.rows.map((r) => r[index]);
}

export const sorted = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

export const detailPaths = (res: ApiResponse) => ((res.body?.error?.details ?? []) as { path: string }[]).map((d) => d.path);

/** A 403 FORBIDDEN whose details name the field. */
export function expectForbiddenNaming(res: ApiResponse, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('FORBIDDEN');
  expect(detailPaths(res).some((p) => p.split(/[/.]/).includes(field)), `details ${JSON.stringify(res.body.error.details)} name ${field}`).toBe(true);
}

export function expectStatus(res: ApiResponse, status: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (code) expect(res.body.error.code).toBe(code);
}

export const importCsv = (api: ApiClient, object: string, csv: string, query = '') =>
  api.post(`/api/records/${object}/import${query}`, csv, { 'content-type': 'text/csv' });
