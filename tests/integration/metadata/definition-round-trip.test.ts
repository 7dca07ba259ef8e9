import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A definition read with GET, edited and sent back with PUT is accepted for every kind; a `version`
// (roles: `updatedAt`) sent with it is an optimistic lock.

let t: TestApp;

const kinds = [
  { kind: 'object', path: '/api/meta/objects/ticket', lock: 'version' },
  { kind: 'role', path: '/api/admin/roles/ticket_reader', lock: 'updatedAt' },
  { kind: 'workflow', path: '/api/meta/workflows/ticket_review', lock: 'version' },
  { kind: 'report', path: '/api/meta/reports/tickets_by_priority', lock: 'version' },
  { kind: 'dashboard', path: '/api/meta/dashboards/tickets', lock: 'version' },
] as const;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'reporting' }] });
  const put = async (path: string, body: unknown) => {
    const res = await t.admin.put(path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  };
  await put('/api/meta/objects/ticket', {
    label: { en: 'Ticket' },
    titleField: 'subject',
    fields: [
      { name: 'subject', type: 'text', required: true },
      { name: 'priority', type: 'enum', options: ['low', 'high'] },
    ],
  });
  await put('/api/admin/roles/ticket_reader', { label: { en: 'Ticket reader' }, objects: { ticket: { operations: ['read', 'approve'] } } });
  await put('/api/meta/workflows/ticket_review', {
    object: 'ticket',
    initial: 'draft',
    states: { draft: { on: { submit: 'review' } }, review: { approval: { approvers: { role: 'ticket_reader' } }, on: { approve: 'done', reject: 'draft' } }, done: { type: 'final' } },
  });
  await put('/api/meta/reports/tickets_by_priority', { object: 'ticket', groupBy: [{ field: 'priority' }], measures: [{ fn: 'count' }] });
  await put('/api/meta/dashboards/tickets', { widgets: [{ report: 'tickets_by_priority' }] });
});
afterAll(() => t?.close());

describe('definition round trip (issue 12 item 19)', () => {
  for (const { kind, path, lock } of kinds) {
    it(`a definition of kind ${kind} read with GET, edited and sent back with PUT is stored`, async () => {
      const read = await t.admin.get(path);
      expect(read.status).toBe(200);
      expect(read.body[lock]).toBeDefined();
      const edited = { ...read.body, label: { en: `Edited ${kind}`, 'zh-CN': '已修改' } };
      const res = await t.admin.put(path, edited);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const after = await t.admin.get(path);
      expect(after.body.label).toEqual({ en: `Edited ${kind}`, 'zh-CN': '已修改' });
      if (lock === 'version') expect(after.body.version).toBeGreaterThan(read.body.version);
      // What PUT answered can be sent back too.
      const again = await t.admin.put(path, { ...res.body, label: { en: `Edited ${kind} again` } });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    });

    it(`a definition of kind ${kind} sent back with a stale ${lock} is refused with 409 and changes nothing`, async () => {
      const first = await t.admin.get(path);
      const stale = { ...first.body, label: { en: 'Stale edit' } };
      const moved = await t.admin.put(path, { ...first.body, label: { en: `Current ${kind}` } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const current = await t.admin.get(path);

      const res = await t.admin.put(path, stale);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe('STALE_VERSION');
      expect(res.body.error.details[0].path).toBe(`/${lock}`);
      const unchanged = await t.admin.get(path);
      expect(unchanged.body).toEqual(current.body);

      // Without a lock attribute there is no check.
      const { [lock]: _lock, ...unlocked } = stale as Record<string, unknown>;
      const forced = await t.admin.put(path, unlocked);
      expect(forced.status, JSON.stringify(forced.body)).toBe(200);
      expect((await t.admin.get(path)).body.label).toEqual({ en: 'Stale edit' });
    });
  }

  it('refuses a version that is not a whole number, and a version on a role, naming it', async () => {
    const object = await t.admin.get('/api/meta/objects/ticket');
    const bad = await t.admin.put('/api/meta/objects/ticket', { ...object.body, version: 'latest' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('/version');
    const role = await t.admin.get('/api/admin/roles/ticket_reader');
    const versioned = await t.admin.put('/api/admin/roles/ticket_reader', { ...role.body, version: 3 });
    expect(versioned.status).toBe(422);
    expect(versioned.body.error.details[0].path).toBe('/version');
  });
});
