import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, column, exportCsv, putRole, q, seed, type Person } from './permission-helpers.ts';

// Issue 12 items 2–6: one field-visibility rule for every read path (formulas, rule messages, dedup
// warnings, duplicates, workflow views, shared views, user lookups).

let t: TestApp;
let marketing: Person;
let rep: Person;
let viewer: Person;
let hr: Person;

const birthdayMd = { $add: [{ $multiply: [{ $datePart: { part: 'month', date: { $field: 'birthday' } } }, 100] }, { $datePart: { part: 'day', date: { $field: 'birthday' } } }] };

beforeAll(async () => {
  t = await startTestApp();
  const objects: Record<string, unknown> = {
    account: {
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'phone', type: 'phone' },
        { name: 'secret', type: 'text' },
        { name: 'notes', type: 'text' },
      ],
      dedup: [{ name: 'same_phone', fields: [{ field: 'phone', normalize: 'phone' }], action: 'warn' }, { name: 'same_name_secret', fields: [{ field: 'name' }, { field: 'secret' }], action: 'block' }],
    },
    contact: {
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'birthday', type: 'date' },
        { name: 'birthday_md', type: 'formula', returns: 'number', expression: birthdayMd },
        { name: 'birthday_label', type: 'formula', returns: 'text', expression: { $concat: ['md ', { $field: 'birthday_md' }] } },
        { name: 'account', type: 'lookup', target: 'account' },
        { name: 'account_secret', type: 'formula', returns: 'text', expression: { $field: 'account.secret' } },
        { name: 'owner_mail', type: 'formula', returns: 'text', expression: { $field: '_owner.email' } },
        { name: 'level', type: 'number' },
        { name: 'level2', type: 'formula', returns: 'number', expression: { $coalesce: [{ $multiply: [{ $field: 'level' }, 2] }, -1] } },
      ],
      validationRules: [{ name: 'level_vs_birthday', errorWhen: { level: { $gt: 5 }, birthday: { $lt: '1950-01-01' } }, message: { en: 'Level above 5 needs a birthday after 1950' } }],
    },
  };
  for (const [name, definition] of Object.entries(objects)) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const freeze = { name: 'account_freeze', object: 'account', initial: 'frozen', states: { frozen: { on: { thaw: 'open' } }, open: { type: 'final' } } };
  expect((await t.admin.put('/api/meta/workflows/account_freeze', freeze)).status).toBe(201);
  await putRole(t, 'marketing', {
    contact: { operations: ['read', 'create', 'update', 'export'], fields: { birthday: 'none' } },
    account: { operations: ['read', 'create', 'update'], fields: { secret: 'none' }, states: { frozen: { fields: { phone: 'none' } } } },
  });
  await putRole(t, 'hr', { contact: { operations: ['read'] } }, { users: { fields: { email: 'read' } } });
  await putRole(t, 'viewer', { account: { operations: ['read'] } });
  marketing = await addUser(t, { roles: ['marketing'] });
  rep = await addUser(t, { roles: ['marketing'] });
  viewer = await addUser(t, { roles: ['viewer'] });
  hr = await addUser(t, { roles: ['hr'] });
  await t.tessera.db('users').whereIn('id', [marketing.id, rep.id]).update({ email: 'private@example.com' });
});
afterAll(() => t?.close());

const aggregate = (who: Person, body: unknown) => who.api.post('/api/records/contact/aggregate', body);

describe('formula visibility (issue 12 item 2)', () => {
  it('a formula over a hidden field is hidden on get, list, filter, group, export and history', async () => {
    const accountId = await seed(t, 'account', { name: 'Dianchi', secret: 'vault 7' });
    const id = await seed(t, 'contact', { name: 'Ms Zhao', birthday: '1990-07-14', account: accountId, level: 1 }, { owner: marketing.id });
    expect((await t.admin.get(`/api/records/contact/${id}`)).body).toMatchObject({ birthday_md: 714, birthday_label: 'md 714', account_secret: 'vault 7' });

    const got = (await marketing.api.get(`/api/records/contact/${id}`)).body;
    expect(got.name).toBe('Ms Zhao');
    for (const hidden of ['birthday', 'birthday_md', 'birthday_label', 'account_secret']) expect(got, hidden).not.toHaveProperty(hidden);
    const listed = (await marketing.api.get('/api/records/contact')).body.data.find((r: { id: string }) => r.id === id);
    expect(listed).not.toHaveProperty('birthday_md');
    for (const path of ['birthday_md', 'birthday_label', 'account_secret']) {
      expect((await marketing.api.get(`/api/records/contact?filter=${q({ [path]: { $null: false } })}`)).status, path).toBe(403);
      expect((await marketing.api.get(`/api/records/contact?sort=${path}`)).status, path).toBe(403);
      expect((await marketing.api.get(`/api/records/contact?fields=name,${path}`)).status, path).toBe(403);
      expect((await aggregate(marketing, { groupBy: [{ field: path }], measures: [{ fn: 'count' }] })).status, path).toBe(403);
    }
    const csv = await exportCsv(marketing.api, 'contact');
    expect(csv.status).toBe(200);
    expect(csv.header).not.toContain('birthday_md');
    expect(csv.header).not.toContain('account_secret');
    expect(column(csv, 'name')).toContain('Ms Zhao');
    const history = (await marketing.api.get(`/api/records/contact/${id}/history`)).body;
    expect(JSON.stringify(history)).not.toContain('714');
  });

  it('a formula is hidden in the workflow states that hide a field it reads', async () => {
    await putRole(t, 'marketing_states', { contact: { operations: ['read'], states: { archived: { fields: { level: 'none' } } } } });
    const reader = await addUser(t, { roles: ['marketing_states'] });
    const live = await seed(t, 'contact', { name: 'Live', level: 3 });
    const archived = await seed(t, 'contact', { name: 'Archived', level: 4 }, { state: 'archived' });
    expect((await reader.api.get(`/api/records/contact/${live}`)).body.level2).toBe(6);
    expect((await reader.api.get(`/api/records/contact/${archived}`)).body.level2).toBeNull();
    for (const value of [8, -1]) expect((await reader.api.get(`/api/records/contact?filter=${q({ level2: { $eq: value } })}`)).body.data.some((r: { id: string }) => r.id === archived)).toBe(false);
  });

  it('a validation rule over a field the writer cannot read refuses without its message', async () => {
    const id = await seed(t, 'contact', { name: 'Old Wang', birthday: '1940-02-02', level: 1 }, { owner: marketing.id });
    const res = await marketing.api.patch(`/api/records/contact/${id}`, { _version: 1, level: 9 });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toContain('birthday');
    expect(JSON.stringify(res.body)).not.toContain('level_vs_birthday');
    const admin = await t.admin.patch(`/api/records/contact/${id}`, { _version: 1, level: 9 });
    expect(admin.body.error.details[0]).toMatchObject({ rule: 'level_vs_birthday', message: 'Level above 5 needs a birthday after 1950' });
  });

  it('a duplicate refusal by a field the writer cannot read does not name the match', async () => {
    const first = await seed(t, 'account', { name: 'Twin', secret: 's1' });
    const mine = await seed(t, 'account', { name: 'Other', secret: 's1' }, { owner: marketing.id });
    const res = await marketing.api.patch(`/api/records/account/${mine}`, { _version: 1, name: 'Twin' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain(first);
    expect(JSON.stringify(res.body)).not.toContain('same_name_secret');
    const byAdmin = await t.admin.post('/api/records/account', { name: 'Twin', secret: 's1' });
    expect(byAdmin.body.error.details[0]).toMatchObject({ rule: 'same_name_secret', existingId: first });
    // A warning by readable fields is still given.
    const one = await marketing.api.post('/api/records/account', { name: 'Phone twin 1', phone: '+86 10 5555 0000' });
    const two = await marketing.api.post('/api/records/account', { name: 'Phone twin 2', phone: '+86 10 5555 0000' });
    expect(two.body._warnings).toEqual([{ rule: 'same_phone', id: String(one.body.id) }]);
  });
});

describe('duplicates follow state masks (issue 12 item 3)', () => {
  it('duplicate groups leave out a phone hidden by the record state', async () => {
    const a = await seed(t, 'account', { name: 'Frozen A', phone: '+86 21 7777 1234' }, { state: 'frozen' });
    const b = await seed(t, 'account', { name: 'Frozen B', phone: '+86 21 7777 1234' }, { state: 'frozen' });
    const admin = (await t.admin.get('/api/records/account/duplicates?rule=same_phone')).body.data;
    expect(admin.some((g: { ids: string[] }) => g.ids.includes(a) && g.ids.includes(b))).toBe(true);
    const res = await marketing.api.get('/api/records/account/duplicates?rule=same_phone');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('7777');
    expect(res.body.data.some((g: { ids: string[] }) => g.ids.includes(a))).toBe(false);
  });
});

describe('user lookups show the public profile (issue 12 item 6)', () => {
  it('paths through a user lookup reach name, username and department but not e-mail unless a role grants it', async () => {
    const id = await seed(t, 'contact', { name: 'Owned', level: 2 }, { owner: marketing.id });
    expect((await marketing.api.get(`/api/records/contact?filter=${q({ '_owner.username': marketing.username })}`)).status).toBe(200);
    expect((await marketing.api.get(`/api/records/contact?filter=${q({ '_owner.email': { $null: false } })}`)).status).toBe(403);
    expect((await marketing.api.get('/api/records/contact?sort=_owner.email')).status).toBe(403);
    expect((await aggregate(marketing, { groupBy: [{ field: '_owner.email' }], measures: [{ fn: 'count' }] })).status).toBe(403);
    expect((await marketing.api.get(`/api/records/contact/${id}`)).body).not.toHaveProperty('owner_mail');
    expect((await exportCsv(marketing.api, 'contact')).header).not.toContain('owner_mail');

    const granted = await aggregate(hr, { groupBy: [{ field: '_owner.email' }], measures: [{ fn: 'count' }] });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(JSON.stringify(granted.body)).toContain('private@example.com');
    expect((await hr.api.get(`/api/records/contact/${id}`)).body.owner_mail).toBe('private@example.com');
    expect((await t.admin.get(`/api/records/contact?filter=${q({ '_owner.email': 'private@example.com' })}`)).status).toBe(200);
    const unknown = await t.admin.put('/api/admin/roles/bad_profile', { name: 'bad_profile', users: { fields: { salary: 'read' } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toContainEqual(expect.objectContaining({ path: '/users/fields/salary' }));
  });
});

describe('workflow view follows state masks (issue 12 item 4)', () => {
  it('pendingChange leaves out a field hidden in the record current state', async () => {
    const id = await seed(t, 'account', { name: 'Pending', phone: '+86 1' }, { state: 'frozen' });
    await t.tessera.db('workflow_instances').insert({ object: 'account', record_id: id, workflow: 'account_freeze', version: 1, state: 'frozen', status: 'running', pending_change: JSON.stringify({ phone: '+86 999 4242', notes: 'n' }), submitted_by: marketing.id });
    const seenByAdmin = (await t.admin.get(`/api/records/account/${id}/workflow`)).body;
    expect(seenByAdmin.instance?.pendingChange).toEqual({ phone: '+86 999 4242', notes: 'n' });
    const seen = (await marketing.api.get(`/api/records/account/${id}/workflow`)).body;
    expect(seen.instance.pendingChange).toEqual({ notes: 'n' });
  });
});

describe('shared saved views (issue 12 item 5)', () => {
  it('another user shared view loses criteria, sort and columns on fields the reader cannot read, and says so', async () => {
    const put = await t.admin.put('/api/views/account/Secrets', { shared: true, filter: { secret: { $eq: 'vault' }, name: { $null: false } }, sort: '-secret,name', columns: ['name', 'secret'] });
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    const views = (await marketing.api.get('/api/views/account')).body.data;
    const view = views.find((v: { name: string }) => v.name === 'Secrets');
    expect(view).toMatchObject({ filter: { name: { $null: false } }, sort: 'name', columns: ['name'] });
    expect(view.dropped).toEqual([{ path: '/filter/secret', field: 'secret' }, { path: '/sort/0', field: 'secret' }, { path: '/columns/1', field: 'secret' }]);
    expect(JSON.stringify(views)).not.toContain('vault');
    const own = (await t.admin.get('/api/views/account')).body.data.find((v: { name: string }) => v.name === 'Secrets');
    expect(own).not.toHaveProperty('dropped');
  });

  it('a shared view whose hidden criterion sits inside $or is not offered', async () => {
    await t.admin.put('/api/views/account/Either', { shared: true, filter: { $or: [{ secret: 'x' }, { name: 'y' }] } });
    const views = (await marketing.api.get('/api/views/account')).body.data;
    expect(views.some((v: { name: string }) => v.name === 'Either')).toBe(false);
    expect((await viewer.api.get('/api/views/account')).body.data.some((v: { name: string }) => v.name === 'Either')).toBe(true);
  });
});
