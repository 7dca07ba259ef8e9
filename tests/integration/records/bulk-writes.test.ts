import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/src/core/ctx.ts';
import type { SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { callerOf, systemRecordService } from '../../../platform/src/plugins/record-service.ts';
import { recordWorkflowPort } from '../../../platform/src/workflow/record-workflow-port.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// The system's bulk writes (docs/records.md, "Bulk writes by the system"): updateMany writes only
// changed values, set-based, in each record's next version with history, after the checks of a
// single system update; createMany inserts with the importer's batch insert. Both all or nothing.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/packs');
let t: TestApp;
let system: SystemRecordService;

const deal = {
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'score', type: 'number', min: 0, max: 1 },
    { name: 'tier', type: 'enum', options: ['a', 'b', 'c'] },
    { name: 'note', type: 'text' },
    { name: 'tags', type: 'multienum', options: ['x', 'y', 'z'] },
    { name: 'extra', type: 'json' },
    { name: 'partner', type: 'lookup', target: 'deal' },
  ],
  history: ['score', 'tier', 'tags'],
  validationRules: [{ name: 'c_needs_note', errorWhen: { tier: { $eq: 'c' }, note: { $null: true } }, message: { en: 'A tier c deal needs a note.', 'zh-CN': 'C 级交易需要备注。' }, field: 'note' }],
};

beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [fixtures] } });
  const put = await t.admin.put('/api/meta/objects/deal', deal);
  expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
  const { db, holder, log, jobs, plugins } = t.tessera.services;
  system = systemRecordService(() => systemContext({ db, schema: holder.snapshot, log, jobs, hooks: plugins, workflow: recordWorkflowPort, registry: plugins!.registrations }));
});
afterAll(() => t?.close());

const read = async (id: string) => (await t.admin.get(`/api/records/deal/${id}`)).body;
const history = async (id: string) => (await t.admin.get(`/api/records/deal/${id}/history`)).body.data.filter((h: { action: string }) => h.action === 'update');

async function deals(count: number, prefix: string): Promise<string[]> {
  return system.createMany('deal', Array.from({ length: count }, (_, i) => ({ name: `${prefix} ${i}`, score: 0.5, tier: 'a', tags: ['x'] })));
}

describe('updateMany', () => {
  it('writes only the changed values, each changed record in its next version with one history row per changed field', async () => {
    const [same, changed, partly] = await deals(3, 'Plain');
    const result = await system.updateMany('deal', [
      { id: same, values: { score: 0.5, tier: 'a' } },
      { id: changed, values: { score: 0.25, tier: 'b', tags: ['y', 'z'], extra: { why: ['rule', 1] } } },
      { id: partly, values: { score: 0.5, tier: 'b', tags: null } },
    ]);
    expect(result).toEqual({ changed: [changed, partly], missing: [] });
    expect(await read(same)).toMatchObject({ _version: 1, score: 0.5, tier: 'a' });
    expect(await read(changed)).toMatchObject({ _version: 2, score: 0.25, tier: 'b', tags: ['y', 'z'], extra: { why: ['rule', 1] } });
    expect(await read(partly)).toMatchObject({ _version: 2, score: 0.5, tier: 'b', tags: null });
    expect(await history(same)).toEqual([]);
    expect((await history(changed)).map((h: any) => [h.field, h.old, h.new]).sort()).toEqual([['score', 0.5, 0.25], ['tags', ['x'], ['y', 'z']], ['tier', 'a', 'b']]);
    expect((await history(partly)).map((h: any) => [h.field, h.old, h.new]).sort()).toEqual([['tags', ['x'], null], ['tier', 'a', 'b']]);
  });

  it('reports ids of no live record instead of refusing the write', async () => {
    const [kept, deleted] = await deals(2, 'Gone');
    expect((await t.admin.delete(`/api/records/deal/${deleted}`)).status).toBe(204);
    const result = await system.updateMany('deal', [{ id: kept, values: { tier: 'b' } }, { id: deleted, values: { tier: 'b' } }, { id: '999999999', values: { tier: 'b' } }]);
    expect(result).toEqual({ changed: [kept], missing: [deleted, '999999999'] });
  });

  it('refuses a bad value with every bad record named, writing nothing', async () => {
    const ids = await deals(3, 'Bad');
    const err = await system.updateMany('deal', [
      { id: ids[0], values: { score: 0.75 } },
      { id: ids[1], values: { score: 7 } },
      { id: ids[2], values: { tier: 'q' } },
    ]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((err as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['/1/values/score', '/2/values/tier']);
    expect(await read(ids[0])).toMatchObject({ _version: 1, score: 0.5 });
    expect(await history(ids[0])).toEqual([]);
  });

  it('refuses a write a validation rule forbids, naming the record, and writes nothing', async () => {
    const ids = await deals(2, 'Ruled');
    const err = await system.updateMany('deal', [{ id: ids[0], values: { tier: 'c', note: 'ok' } }, { id: ids[1], values: { tier: 'c' } }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((err as { details: unknown[] }).details).toEqual([expect.objectContaining({ path: '/note', rule: 'c_needs_note', id: ids[1] })]);
    expect(await read(ids[0])).toMatchObject({ _version: 1, tier: 'a', note: null });
  });

  it('refuses a lookup to no record and a record made its own ancestor', async () => {
    const [a, b] = await deals(2, 'Linked');
    await expect(system.updateMany('deal', [{ id: a, values: { partner: '999999999' } }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await system.updateMany('deal', [{ id: a, values: { partner: b } }])).changed).toEqual([a]);
    await expect(system.updateMany('deal', [{ id: b, values: { partner: a } }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await read(b)).toMatchObject({ partner: null });
  });

  it("runs the object's before update hooks per record: a hook that refuses one refuses all", async () => {
    expect((await t.admin.post('/api/packs/demo_shop/install')).status).toBe(200);
    const ids = await system.createMany('shop_order', [{ code: 'A-1', amount: 10 }, { code: 'A-2', amount: 20 }]);
    await expect(system.updateMany('shop_order', [{ id: ids[0], values: { amount: 11 } }, { id: ids[1], values: { amount: -1 } }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await t.admin.get(`/api/records/shop_order/${ids[0]}`)).body).toMatchObject({ amount: 10, _version: 1 });
  });

  it('is the system’s only: a user context is refused', async () => {
    const { db, holder, log, jobs, plugins } = t.tessera.services;
    const userCtx = { db, schema: holder.snapshot, log, jobs, hooks: plugins, workflow: recordWorkflowPort, registry: plugins!.registrations, lang: 'en' as const, actor: { kind: 'user' as const, id: '1', username: 'admin', department: null, roles: [], superuser: true, portal: false, account: null } };
    const asUser = systemRecordService(() => userCtx);
    await expect(asUser.updateMany('deal', [])).rejects.toThrow(/system write/);
  });
});

describe('createMany', () => {
  it('creates records with their create history, ids in input order, and runs create hooks per record', async () => {
    const ids = await system.createMany('shop_order', [{ amount: 5 }, { code: 'B-7', amount: 7 }]);
    expect(ids).toHaveLength(2);
    expect((await t.admin.get(`/api/records/shop_order/${ids[0]}`)).body).toMatchObject({ code: 'AUTO-5', amount: 5 });
    expect((await t.admin.get(`/api/records/shop_order/${ids[1]}`)).body).toMatchObject({ code: 'B-7', amount: 7 });
    const logs = (await t.admin.get(`/api/records/shop_log?filter=${encodeURIComponent(JSON.stringify({ order_code: { $in: ['AUTO-5', 'B-7'] } }))}`)).body.data;
    expect(logs.map((l: { order_code: string }) => l.order_code).sort()).toEqual(['AUTO-5', 'B-7']);
    const created = (await t.admin.get(`/api/records/deal/${(await deals(1, 'Fresh'))[0]}/history`)).body.data;
    expect(created).toEqual([expect.objectContaining({ action: 'create', new: { score: 0.5, tier: 'a', tags: ['x'] } })]);
  });

  it('refuses the whole batch when one record breaks a rule', async () => {
    const before = (await t.admin.get('/api/records/deal?count=true&limit=1')).body.total;
    const err = await system.createMany('deal', [{ name: 'Fine', tier: 'a' }, { name: 'Noteless', tier: 'c' }, { tier: 'b' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((err as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['/2/name']);
    await expect(system.createMany('deal', [{ name: 'Fine', tier: 'a' }, { name: 'Noteless', tier: 'c' }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await t.admin.get('/api/records/deal?count=true&limit=1')).body.total).toBe(before);
  });
});

// Last: a write this long blocks the server's event loop past its keep-alive, so HTTP calls right after it may meet a closed connection.
describe('a bulk write of many records', () => {
  it('writes thousands of records in chunks, all in one transaction of the caller', async () => {
    const ids = await deals(12_000, 'Many');
    const caller = callerOf(systemContext({ ...t.tessera.services, schema: t.tessera.services.holder.snapshot, workflow: recordWorkflowPort, hooks: t.tessera.services.plugins, registry: t.tessera.services.plugins!.registrations }));
    await expect(caller.transaction(async (_inside, bookkeeping) => {
      const { changed } = await bookkeeping.updateMany('deal', ids.map((id, i) => ({ id, values: { score: (i % 100) / 100 } })));
      expect(changed).toHaveLength(ids.length - ids.filter((_, i) => i % 100 === 50).length);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    // Read through the service: the HTTP client's idle connection may have been closed during the long write.
    expect(await system.get('deal', ids[1])).toMatchObject({ _version: 1, score: 0.5 });
    const { changed } = await system.updateMany('deal', ids.map((id, i) => ({ id, values: { score: (i % 100) / 100 } })));
    expect(changed).toHaveLength(ids.length - ids.length / 100);
    expect(await system.get('deal', ids[11_999])).toMatchObject({ _version: 2, score: 0.99 });
    const rows = await t.tessera.db('record_history').where({ object: 'deal', record_id: ids[11_999], action: 'update' }).select('field', 'old_value', 'new_value');
    expect(rows.map((h) => [h.field, h.old_value, h.new_value])).toEqual([['score', 0.5, 0.99]]);
    expect(Number((await t.tessera.db('record_history').where({ object: 'deal', action: 'update' }).whereIn('record_id', ids).count({ n: '*' }))[0].n)).toBe(changed.length);
  });
});
