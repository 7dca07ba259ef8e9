import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { PASSWORD, exportCsv, putRole, q, seed } from './permission-helpers.ts';

// Issue 15 item 4 (the platform part): users linked to a record, `$user.account` in criteria scopes,
// and portal users who reach only what is open to them. A random world (fixed seed, printed with
// every failure): accounts, each with contacts, and portal users linked to random accounts, whose
// role reaches contacts through `{"account": {"$eq": "$user.account"}}`.

const SEED = Number(process.env.PORTAL_TEST_SEED ?? 20261205);
const ACCOUNTS = 8;

/** mulberry32: a small deterministic generator, so a failing world can be built again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface PortalUser {
  id: string;
  username: string;
  account: string | null;
  api: ApiClient;
}

let t: TestApp;
const rand = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const accounts: string[] = [];
/** Contact id → its account id. */
const contactAccount = new Map<string, string>();
const portalUsers: PortalUser[] = [];
let staff: ApiClient;
let supplierTwin: string;

const at = (what: string) => `seed ${SEED}: ${what}`;
const sorted = (ids: Iterable<string>) => [...ids].sort((a, b) => Number(a) - Number(b));
const contactsOf = (account: string | null) => sorted([...contactAccount].filter(([, a]) => a === account).map(([id]) => id));

async function login(username: string, app?: 'staff' | 'portal'): Promise<ApiClient> {
  const res = await t.client().post('/api/auth/login', { username, password: PASSWORD, ...(app ? { app } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return t.client(res.body.token);
}

async function addPortalUser(username: string, account: string | null, roles = ['portal_customer']): Promise<PortalUser> {
  const res = await t.admin.post('/api/admin/users', {
    username, password: PASSWORD, name: username, roles, kind: 'portal', ...(account ? { account: { object: 'account', id: account } } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), username, account, api: await login(username, 'portal') };
}

async function ids(api: ApiClient, object: string, query = ''): Promise<string[]> {
  const res = await api.get(`/api/records/${object}?limit=500${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sorted(res.body.data.map((r: { id: string }) => String(r.id)));
}

beforeAll(async () => {
  t = await startTestApp();
  const account = { titleField: 'name', fields: [{ name: 'name', type: 'text', required: true }] };
  expect((await t.admin.put('/api/meta/objects/account', account)).status).toBe(201);
  expect((await t.admin.put('/api/meta/objects/supplier', account)).status).toBe(201);
  const contact = {
    titleField: 'name',
    history: ['name'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'account', type: 'lookup', target: 'account' }],
  };
  expect((await t.admin.put('/api/meta/objects/contact', contact)).status).toBe(201);
  await putRole(t, 'portal_customer', {
    account: { operations: ['read'], scope: { read: { filter: { id: { $eq: '$user.account' } } } } },
    contact: { operations: ['read', 'create', 'update', 'delete', 'export'], scope: { read: { filter: { account: { $eq: '$user.account' } } } } },
  });
  await putRole(t, 'staff_all', { account: { operations: ['read'] }, contact: { operations: ['read', 'update', 'export'] } });

  for (let i = 0; i < ACCOUNTS; i++) {
    const id = await seed(t, 'account', { name: `Orbit account ${i}` });
    accounts.push(id);
    const contacts = Math.floor(rand() * 5);
    for (let c = 0; c < contacts; c++) contactAccount.set(await seed(t, 'contact', { name: `Orbit contact ${i}.${c}`, account: id }), id);
  }
  // Contacts of no account: nobody's portal reaches them.
  contactAccount.set(await seed(t, 'contact', { name: 'Orbit contact loose' }), '');
  // A supplier whose id is an account's: a link to it must not reach that account's contacts.
  supplierTwin = await seed(t, 'supplier', { name: 'Orbit supplier' });
  while (Number(supplierTwin) < Number(accounts[0])) supplierTwin = await seed(t, 'supplier', { name: 'Orbit supplier' });

  const users = 3 + Math.floor(rand() * 4);
  for (let i = 0; i < users; i++) portalUsers.push(await addPortalUser(`portal.${i}`, pick(accounts)));
  portalUsers.push(await addPortalUser('portal.unlinked', null));

  const res = await t.admin.post('/api/admin/users', { username: 'staff.one', password: PASSWORD, name: 'Staff One', roles: ['staff_all', 'portal_customer'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  staff = await login('staff.one', 'staff');
}, 120_000);
afterAll(() => t?.close());

describe('portal users see only their own account (seven-level engine, $user.account)', () => {
  it('every read endpoint answers only own-account records', async () => {
    for (const user of portalUsers) {
      const own = contactsOf(user.account);
      const who = at(`${user.username} linked to ${user.account ?? 'nothing'}`);
      expect(await ids(user.api, 'contact'), who).toEqual(own);
      expect(await ids(user.api, 'account'), who).toEqual(user.account ? [user.account] : []);
      expect(await ids(user.api, 'contact', `filter=${q({ account: { $eq: '$user.account' } })}`), who).toEqual(own);
      const counted = await user.api.get('/api/records/contact?count=true&limit=1');
      expect(counted.body.total, who).toBe(own.length);

      for (const [contact, account] of contactAccount) {
        const mine = account !== '' && account === user.account;
        const res = await user.api.get(`/api/records/contact/${contact}`);
        expect(res.status, `${who}, contact ${contact} of ${account || 'no account'}`).toBe(mine ? 200 : 404);
        const history = await user.api.get(`/api/records/contact/${contact}/history`);
        expect(history.status, `${who}, history of ${contact}`).toBe(mine ? 200 : 404);
      }
      for (const account of accounts) {
        const res = await user.api.get(`/api/records/account/${account}`);
        expect(res.status, `${who}, account ${account}`).toBe(account === user.account ? 200 : 404);
        // The related list of an account: only one's own account has any.
        expect(await ids(user.api, 'contact', `filter=${q({ account: { $eq: account } })}`), who).toEqual(account === user.account ? own : []);
      }

      const search = await user.api.get('/api/search?q=orbit&limit=50');
      expect(search.status, who).toBe(200);
      const found = Object.fromEntries(search.body.data.map((g: { object: string; records: { id: string }[] }) => [g.object, sorted(g.records.map((r) => r.id))]));
      expect(found.contact ?? [], who).toEqual(own);
      expect(found.account ?? [], who).toEqual(user.account ? [user.account] : []);
      expect(found.supplier, who).toBeUndefined();

      const exported = await exportCsv(user.api, 'contact');
      expect(exported.status, who).toBe(200);
      const idColumn = exported.header.indexOf('id');
      expect(idColumn, who).toBeGreaterThanOrEqual(0);
      expect(sorted(exported.rows.map((r) => r[idColumn])), who).toEqual(own);

      const aggregate = await user.api.post('/api/records/contact/aggregate', { groupBy: [{ field: 'account' }], measures: [{ fn: 'count' }] });
      expect(aggregate.status, who).toBe(200);
      expect(aggregate.body.rows, who).toEqual(own.length ? [expect.objectContaining({ account: user.account, count: own.length })] : []);

      const titles = await user.api.post('/api/records/titles', { account: accounts, contact: [...contactAccount.keys()] });
      expect(titles.status, who).toBe(200);
      expect(sorted(Object.keys(titles.body.titles.contact ?? {})), who).toEqual(own);
      expect(Object.keys(titles.body.titles.account ?? {}), who).toEqual(user.account ? [user.account] : []);
    }
  }, 180_000);

  it('writes to other accounts’ records are refused without telling they exist; own records can be written', async () => {
    for (const user of portalUsers) {
      const who = at(`${user.username} linked to ${user.account ?? 'nothing'}`);
      for (const [contact, account] of contactAccount) {
        if (account !== '' && account === user.account) continue;
        expect((await user.api.patch(`/api/records/contact/${contact}`, { name: 'Taken over', _version: 1 })).status, `${who}, patch ${contact}`).toBe(404);
        expect((await user.api.delete(`/api/records/contact/${contact}`)).status, `${who}, delete ${contact}`).toBe(404);
      }
      const other = accounts.find((a) => a !== user.account)!;
      const foreign = await user.api.post('/api/records/contact', { name: 'Planted', account: other });
      expect(foreign.status, who).toBe(422);
      if (!user.account) continue;
      const created = await user.api.post('/api/records/contact', { name: `Orbit contact by ${user.username}`, account: user.account });
      expect(created.status, who).toBe(201);
      contactAccount.set(String(created.body.id), user.account);
      // Moving an own record to another account would take it out of reach: refused, nothing written.
      const moved = await user.api.patch(`/api/records/contact/${created.body.id}`, { account: other, _version: created.body._version });
      expect([403, 422], `${who}: ${JSON.stringify(moved.body)}`).toContain(moved.status);
      expect((await t.admin.get(`/api/records/contact/${created.body.id}`)).body.account, who).toBe(user.account);
    }
  }, 180_000);

  it('a staff user is unaffected and sees every record', async () => {
    expect(await ids(staff, 'contact')).toEqual(sorted(contactAccount.keys()));
    expect(await ids(staff, 'account')).toEqual(sorted(accounts));
  });

  it('a link to a record of another object never matches ids of this one', async () => {
    const twin = await addPortalUser('portal.supplier', null);
    const res = await t.admin.patch(`/api/admin/users/${twin.id}`, { account: { object: 'supplier', id: supplierTwin } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await ids(twin.api, 'contact')).toEqual([]);
    expect(await ids(twin.api, 'account')).toEqual([]);
  });

  it('a changed link applies to the user’s next request', async () => {
    const user = await addPortalUser('portal.moving', accounts[0]);
    expect(await ids(user.api, 'contact')).toEqual(contactsOf(accounts[0]));
    expect((await t.admin.patch(`/api/admin/users/${user.id}`, { account: { object: 'account', id: accounts[1] } })).status).toBe(200);
    expect(await ids(user.api, 'contact')).toEqual(contactsOf(accounts[1]));
    expect((await t.admin.patch(`/api/admin/users/${user.id}`, { account: null })).status).toBe(200);
    expect(await ids(user.api, 'contact')).toEqual([]);
  });
});

describe('portal users never reach the staff application', () => {
  const refused = [
    ['GET', '/api/admin/users'], ['GET', '/api/admin/departments'], ['GET', '/api/admin/roles'], ['GET', '/api/Admin/Users/'],
    ['GET', '/api/ui/users'], ['GET', '/api/ui/departments'], ['GET', '/api/meta/objects'], ['GET', '/api/meta/objects/contact'],
    ['GET', '/api/openapi.json'], ['GET', '/api/views/contact'], ['GET', '/api/packs'], ['GET', '/api/meta/workflows'],
    ['GET', '/api/permissions/explain?user=admin&object=contact&operation=read'], ['POST', '/api/ui/check/object'],
    ['GET', '/api/plugins/crm/anything'], ['GET', '/api/admin/metrics'],
  ] as const;

  it('is refused with 403 on administration, directories, definitions and other staff tools', async () => {
    const user = portalUsers[0];
    for (const [method, path] of refused) {
      const res = method === 'GET' ? await user.api.get(path) : await user.api.post(path, {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.message).toBe('Portal users cannot use this part of the API.');
    }
    const contact = contactsOf(user.account)[0] ?? [...contactAccount.keys()][0];
    expect((await user.api.get(`/api/records/contact/${contact}/shares`)).status).toBe(403);
    const zh = await user.api.raw('/api/admin/users', { headers: { 'accept-language': 'zh-CN' } });
    expect(((await zh.json()) as any).error.message).toBe('门户用户不能使用 API 的这一部分。');
  });

  it('reaches its own session, permissions, inbox and notices', async () => {
    const user = portalUsers[0];
    const me = await user.api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'portal', account: user.account ? { object: 'account', id: user.account } : null, superuser: false });
    for (const path of ['/api/permissions/mine/contact', '/api/tasks', '/api/notifications', '/api/ui/recent']) {
      expect((await user.api.get(path)).status, path).toBe(200);
    }
  });

  it('signs in to the portal but not to the staff application; the cookie session tells the kind', async () => {
    const staffLogin = await t.client().post('/api/auth/login', { username: 'portal.0', password: PASSWORD, app: 'staff' });
    expect(staffLogin.status).toBe(403);
    expect(staffLogin.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'This account is for the customer portal: sign in at /portal.', signInAt: '/portal' });
    // A wrong password tells nothing about the account's kind.
    const wrong = await t.client().post('/api/auth/login', { username: 'portal.0', password: 'Wrong-horse-42', app: 'staff' });
    expect(wrong.status).toBe(401);
    const staffAtPortal = await t.client().post('/api/auth/login', { username: 'staff.one', password: PASSWORD, app: 'portal' });
    expect(staffAtPortal.body.error).toMatchObject({ code: 'FORBIDDEN', signInAt: '/' });
    const badApp = await t.client().post('/api/auth/login', { username: 'portal.0', password: PASSWORD, app: 'shop' });
    expect(badApp.status).toBe(422);
    expect(badApp.body.error.details).toEqual([{ path: '/app', message: "must be 'staff' or 'portal'" }]);

    const cookieLogin = await t.client().post('/api/auth/login', { username: 'portal.0', password: PASSWORD, app: 'portal', session: 'cookie' });
    expect(cookieLogin.status).toBe(200);
    expect(cookieLogin.body.user.kind).toBe('portal');
    const cookie = cookieLogin.headers.get('set-cookie')!.split(';')[0];
    const session = await t.client().raw('/api/ui/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as any).kind).toBe('portal');
    const staffSession = await t.client().post('/api/auth/login', { username: 'staff.one', password: PASSWORD, session: 'cookie' });
    const staffCookie = staffSession.headers.get('set-cookie')!.split(';')[0];
    expect(((await (await t.client().raw('/api/ui/session', { headers: { cookie: staffCookie } })).json()) as any).kind).toBe('staff');
  });

  it('is locked out after repeated failures like anyone', async () => {
    await addPortalUser('portal.locked', accounts[0]);
    for (let i = 0; i < 5; i++) await t.client().post('/api/auth/login', { username: 'portal.locked', password: 'Wrong-horse-42', app: 'portal' });
    const res = await t.client().post('/api/auth/login', { username: 'portal.locked', password: PASSWORD, app: 'portal' });
    expect(res.status).toBe(423);
  });
});

describe('administering portal users and linked records', () => {
  it('shows the linked record with its title and checks the link', async () => {
    const user = portalUsers.find((u) => u.account)!;
    const res = await t.admin.get(`/api/admin/users/${user.id}`);
    expect(res.body).toMatchObject({ kind: 'portal', account: { object: 'account', id: user.account, title: `Orbit account ${accounts.indexOf(user.account!)}` } });
    const listed = await t.admin.get(`/api/admin/users?q=${user.username}`);
    expect(listed.body.data[0].account.title).toBe(res.body.account.title);

    const base = { password: PASSWORD, name: 'x', kind: 'portal' };
    const noObject = await t.admin.post('/api/admin/users', { ...base, username: 'bad.1', account: { object: 'user', id: '1' } });
    expect(noObject.status).toBe(422);
    expect(noObject.body.error.details).toEqual([{ path: '/account/object', message: "'user' is not an object with records" }]);
    const noRecord = await t.admin.post('/api/admin/users', { ...base, username: 'bad.2', account: { object: 'account', id: '999999' } });
    expect(noRecord.status).toBe(422);
    expect(noRecord.body.error.details[0].path).toBe('/account/id');
    const badShape = await t.admin.post('/api/admin/users', { ...base, username: 'bad.3', account: 'account:1', kind: 'customer' });
    expect(badShape.status).toBe(422);
    expect(badShape.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/account', '/kind']);
    const zh = await t.admin.raw('/api/admin/users', {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ ...base, username: 'bad.4', account: { object: 'account', id: '999999' } }),
    });
    expect(((await zh.json()) as any).error.details[0].message).toContain('没有 ID 为 999999 的');
    expect((await t.admin.get('/api/admin/users?q=bad.')).body.data).toEqual([]);
  });

  it('refuses an administrator role for portal users, both ways', async () => {
    const res = await t.admin.post('/api/admin/users', { username: 'portal.admin', password: PASSWORD, name: 'x', kind: 'portal', roles: ['portal_customer', 'admin'] });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: '/roles/1', message: "role 'admin' makes its holders administrators, which portal users cannot be" }]);
    const staffAdmin = await t.admin.post('/api/admin/users', { username: 'staff.admin', password: PASSWORD, name: 'x', roles: ['admin'] });
    expect(staffAdmin.status).toBe(201);
    const turned = await t.admin.patch(`/api/admin/users/${staffAdmin.body.id}`, { kind: 'portal' });
    expect(turned.status).toBe(422);
    expect(turned.body.error.details[0].path).toBe('/kind');
    const role = await t.admin.get('/api/admin/roles/portal_customer');
    const promoted = await t.admin.put('/api/admin/roles/portal_customer', { ...role.body, superuser: true });
    expect(promoted.status).toBe(409);
    expect((await t.admin.get('/api/admin/roles/portal_customer')).body.superuser).toBeUndefined();
  });

  it('checks $user.account in role scopes at save time like other variables', async () => {
    const typo = await t.admin.put('/api/admin/roles/typo', { objects: { contact: { operations: ['read'], scope: { read: { filter: { account: { $eq: '$user.acount' } } } } } } });
    expect(typo.status).toBe(422);
    expect(typo.body.error.details[0].path).toBe('/objects/contact/scope/read/filter/account/$eq');
  });

  it('keeps a linked record from being deleted; a merge moves the link to the record that stays', async () => {
    const user = portalUsers.find((u) => u.account)!;
    const refused = await t.admin.delete(`/api/records/account/${user.account}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(user.username);
    expect((await t.admin.get(`/api/records/account/${user.account}`)).status).toBe(200);
    expect((await t.admin.delete('/api/meta/objects/account?force=true')).status).toBe(409);

    const spare = await seed(t, 'account', { name: 'Orbit spare' });
    const linked = await addPortalUser('portal.merged', spare);
    const merged = await t.admin.post('/api/records/account/merge', { keep: user.account, remove: spare });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await t.admin.get(`/api/admin/users/${linked.id}`)).body.account).toMatchObject({ object: 'account', id: user.account });
    expect(await ids(linked.api, 'contact')).toEqual(contactsOf(user.account));
  });
});

describe('pack routes and portal users', () => {
  it('serves portal users only the routes a pack opens to them; staff reach both', async () => {
    const withPack = await startTestApp({ config: { packDirs: [path.resolve(import.meta.dirname, '../../fixtures/packs')] } });
    try {
      expect((await withPack.admin.post('/api/packs/portal_desk/install')).status).toBe(200);
      const customer = { titleField: 'name', fields: [{ name: 'name', type: 'text' }] };
      expect((await withPack.admin.put('/api/meta/objects/customer', customer)).status).toBe(201);
      const id = String((await withPack.admin.post('/api/records/customer', { name: 'Orbit' })).body.id);
      const created = await withPack.admin.post('/api/admin/users', { username: 'pat', password: PASSWORD, name: 'Pat', kind: 'portal', account: { object: 'customer', id } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const pat = withPack.client((await withPack.client().post('/api/auth/login', { username: 'pat', password: PASSWORD, app: 'portal' })).body.token);

      const mine = await pat.get('/api/plugins/portal_desk/my-account');
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual({ portal: true, account: { object: 'customer', id } });
      const queue = await pat.get('/api/plugins/portal_desk/queue');
      expect(queue.status).toBe(403);
      expect(queue.body.error.message).toBe('Portal users cannot use this part of the API.');
      expect((await pat.get('/api/plugins/portal_desk/nothing-here')).status).toBe(403);

      expect((await withPack.admin.get('/api/plugins/portal_desk/queue')).body).toEqual({ staff: 'admin' });
      expect((await withPack.admin.get('/api/plugins/portal_desk/my-account')).body).toEqual({ portal: false, account: null });
      expect((await withPack.admin.get('/api/plugins/portal_desk/nothing-here')).status).toBe(404);
    } finally {
      await withPack.close();
    }
  }, 120_000);
});
