import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

const booking = (extra: Record<string, unknown> = {}) => ({
  titleField: 'slot',
  fields: [
    { name: 'slot', type: 'text', required: true, maxLength: 20 },
    { name: 'status', type: 'enum', options: ['held', 'reserved', 'released', 'expired'], default: 'held' },
    { name: 'note', type: 'text' },
  ],
  uniqueWhere: [
    {
      name: 'one_active_per_slot',
      fields: ['slot'],
      where: { status: { $in: ['held', 'reserved'] } },
      message: { en: 'This slot is already held or reserved.', 'zh-CN': '该时段已被预留或预订。' },
    },
  ],
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/slot_booking', booking())).status).toBe(201);
});
afterAll(() => t?.close());

describe('unique among the records a condition selects (uniqueWhere)', () => {
  it('keeps one active booking per slot and says the rule\'s own words in the caller\'s language', async () => {
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'A1' })).status).toBe(201);
    const second = await t.admin.post('/api/records/slot_booking', { slot: 'A1', status: 'reserved' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'UNIQUE_VIOLATION', message: 'This slot is already held or reserved.', details: [{ path: '/slot' }] });
    const zh = await t.admin.raw('/api/records/slot_booking', {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ slot: 'A1' }),
    });
    expect(zh.status).toBe(409);
    expect(((await zh.json()) as any).error.message).toBe('该时段已被预留或预订。');
    // Records outside the condition do not count.
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'A1', status: 'released' })).status).toBe(201);
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'A1', status: 'expired' })).status).toBe(201);
    const list = await t.admin.get(`/api/records/slot_booking?filter=${encodeURIComponent(JSON.stringify({ slot: 'A1' }))}`);
    expect(list.body.data.map((r: any) => r.status).sort()).toEqual(['expired', 'held', 'released']);
  });

  it('refuses an update that brings a second record into the condition, and frees the slot when the first leaves it', async () => {
    const first = await t.admin.post('/api/records/slot_booking', { slot: 'B2' });
    const other = await t.admin.post('/api/records/slot_booking', { slot: 'B2', status: 'released' });
    const refused = await t.admin.patch(`/api/records/slot_booking/${other.body.id}`, { status: 'reserved', _version: other.body._version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('UNIQUE_VIOLATION');
    expect((await t.admin.get(`/api/records/slot_booking/${other.body.id}`)).body.status).toBe('released');
    expect((await t.admin.patch(`/api/records/slot_booking/${first.body.id}`, { status: 'expired', _version: first.body._version })).status).toBe(200);
    expect((await t.admin.patch(`/api/records/slot_booking/${other.body.id}`, { status: 'reserved', _version: other.body._version })).status).toBe(200);
  });

  it('lets exactly one of 20 simultaneous bookings of one slot through', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.admin.post('/api/records/slot_booking', { slot: 'C3', status: 'reserved' })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'UNIQUE_VIOLATION')).toHaveLength(19);
  });

  it('does not count a booking in the recycle bin', async () => {
    const held = await t.admin.post('/api/records/slot_booking', { slot: 'D4' });
    expect((await t.admin.delete(`/api/records/slot_booking/${held.body.id}`)).status).toBe(204);
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'D4' })).status).toBe(201);
  });

  it('refuses a condition an index cannot hold, with a pointer to each problem, and changes nothing', async () => {
    const bad = await t.admin.put('/api/meta/objects/slot_booking', booking({
      uniqueWhere: [
        { name: 'r1', fields: ['slot'], where: { status: { $gt: 'held' } } },
        { name: 'r2', fields: ['slot'], where: { status: { $in: ['held', 'lost'] } } },
        { name: 'r3', fields: ['slot'], where: { nowhere: { $eq: 'x' } } },
        { name: 'r4', fields: ['missing'], where: { status: { $eq: 'held' } } },
        { name: 'r5', fields: ['slot'], where: { status: { $eq: '$user.id' }, note: { $null: 'yes' } } },
      ],
    }));
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.map((d: any) => d.path);
    expect(paths).toEqual(expect.arrayContaining([
      '/uniqueWhere/0/where/status/$gt', '/uniqueWhere/1/where/status/$in', '/uniqueWhere/2/where/nowhere',
      '/uniqueWhere/3/fields/0', '/uniqueWhere/4/where/status/$eq', '/uniqueWhere/4/where/note/$null',
    ]));
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'E5' })).status).toBe(201);
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'E5' })).status).toBe(409);
  });

  it('rebuilds the index when the condition changes, and refuses a change that existing records break', async () => {
    // A1 holds one held, one released and one expired booking: widening the rule to released breaks it.
    const widened = await t.admin.put('/api/meta/objects/slot_booking', booking({
      uniqueWhere: [{ name: 'one_active_per_slot', fields: ['slot'], where: { status: { $in: ['held', 'reserved', 'released'] } } }],
    }));
    expect(widened.status).toBe(409);
    expect(widened.body.error.message).toMatch(/duplicate values/);
    const narrowed = await t.admin.put('/api/meta/objects/slot_booking', booking({
      uniqueWhere: [{ name: 'one_active_per_slot', fields: ['slot'], where: { status: { $eq: 'reserved' } } }],
    }));
    expect(narrowed.status).toBe(200);
    // Held bookings are now free of the rule; reserved ones still are not.
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'A1', status: 'held' })).status).toBe(201);
    expect((await t.admin.post('/api/records/slot_booking', { slot: 'F6', status: 'reserved' })).status).toBe(201);
    const dup = await t.admin.post('/api/records/slot_booking', { slot: 'F6', status: 'reserved' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('Another record already has this slot.');
  });
});
