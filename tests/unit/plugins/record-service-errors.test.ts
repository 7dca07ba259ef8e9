import { describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../../../platform/src/core/ctx.ts';
import { recordService } from '../../../platform/src/plugins/record-service.ts';

// A pack retrying a lost race must see the API's error code, not the driver's (the exhibition pack's forum seats).

const failure = vi.hoisted(() => ({ error: undefined as unknown }));
vi.mock('../../../platform/src/records/create-record.ts', () => ({ createRecord: () => Promise.reject(failure.error) }));

const ctx = {
  schema: { constraint: (name: string) => (name === 'forum_seat_unique' ? { kind: 'unique', fields: ['session', 'seat'], message: { en: 'This seat is already taken.', 'zh-CN': '该座位已被占用。' } } : undefined) },
} as unknown as Ctx;

describe('plugin record services translate database errors of writes', () => {
  it('reports a unique index as UNIQUE_VIOLATION with its rule, and a deadlock as CONFLICT', async () => {
    failure.error = Object.assign(new Error('duplicate key value violates unique constraint "forum_seat_unique"'), { code: '23505', constraint: 'forum_seat_unique' });
    await expect(recordService(() => ctx).create('forum_registration', {})).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION', message: 'This seat is already taken.' });
    failure.error = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await expect(recordService(() => ctx).create('forum_registration', {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('passes on errors that are not the database\'s unchanged', async () => {
    const own = new Error('a pack hook refused');
    failure.error = own;
    await expect(recordService(() => ctx).create('forum_registration', {})).rejects.toBe(own);
  });
});
