import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const account = {
  name: 'account',
  label: { en: 'Account' },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'tier', type: 'enum', options: ['a', 'b'] },
  ],
  titleField: 'name',
};

describe('POST /api/ui/check/:kind (live validation for the designers)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('accepts a valid object definition without storing it', async () => {
    const res = await t.admin.post('/api/ui/check/object', account);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true });
    expect((await t.admin.get('/api/meta/objects/account')).status).toBe(404);
  });

  it('answers the schema problems and the semantic problems a PUT would answer, with their pointers', async () => {
    const schema = await t.admin.post('/api/ui/check/object', { ...account, fields: [{ name: 'Name', type: 'text' }] });
    expect(schema.status).toBe(422);
    expect(schema.body.error.details.map((d: { path: string }) => d.path)).toContain('/fields/0/name');
    const semantic = await t.admin.post('/api/ui/check/object', { ...account, titleField: 'nope' });
    expect(semantic.status).toBe(422);
    const put = await t.admin.put('/api/meta/objects/account', { ...account, titleField: 'nope' });
    expect(semantic.body.error.details).toEqual(put.body.error.details);
  });

  it('checks workflows and roles against the current objects', async () => {
    await t.admin.put('/api/meta/objects/account', account);
    const workflow = { name: 'tiering', object: 'account', initial: 'draft', states: { draft: { on: { submit: 'done' } }, done: { type: 'final' } } };
    expect((await t.admin.post('/api/ui/check/workflow', workflow)).status).toBe(200);
    const broken = await t.admin.post('/api/ui/check/workflow', { ...workflow, states: { draft: { on: { submit: 'nowhere' } }, done: { type: 'final' } } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details.some((d: { path: string }) => d.path.startsWith('/states/draft/on/submit'))).toBe(true);
    const role = { name: 'rep', objects: { account: { operations: ['read'], fields: { ghost: 'none' } } } };
    const roleCheck = await t.admin.post('/api/ui/check/role', role);
    expect(roleCheck.status).toBe(422);
    expect(roleCheck.body.error.details[0].path).toBe('/objects/account/fields/ghost');
    expect((await t.admin.get('/api/admin/roles/rep')).status).toBe(404);
  });

  it('is for administrators only, and knows only the platform kinds and those packs register', async () => {
    await t.admin.post('/api/admin/users', { username: 'eve', password: 'Pass-word-123', name: 'Eve' });
    const eve = await t.login('eve', 'Pass-word-123');
    expect((await eve.post('/api/ui/check/object', account)).status).toBe(403);
    const unknown = await t.admin.post('/api/ui/check/no_such_kind', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('There is no definition kind of this name to check.');
  });
});
