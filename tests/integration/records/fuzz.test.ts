import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.put('/api/meta/objects/thing', {
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'n', type: 'number' },
      { name: 'i', type: 'integer' },
      { name: 'd', type: 'date' },
      { name: 'dt', type: 'datetime' },
      { name: 'b', type: 'boolean' },
      { name: 'e', type: 'enum', options: ['a', 'b'] },
      { name: 'm', type: 'multienum', options: ['x', 'y'] },
      { name: 'j', type: 'json' },
      { name: 'link', type: 'lookup', target: 'thing' },
      { name: 'f', type: 'formula', returns: 'number', expression: { $add: [{ $field: 'n' }, { $field: 'i' }] } },
    ],
  });
  await t.admin.post('/api/records/thing', { name: 'seed', n: 1, i: 2 });
});
afterAll(() => t?.close());

const fieldNames = ['name', 'n', 'i', 'd', 'dt', 'b', 'e', 'm', 'j', 'link', 'f', 'link.name', 'link.link.n', 'id', '_owner', '_created_at', 'nope', "x'; drop table users; --"];
const ops = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$between', '$regex', '$where'];
const hostile = fc.oneof(
  fc.constantFrom("'; DROP TABLE users; --", '%', '_', '\\', '?', '??', '$1', '\u0000', 'null', '1e309', '2024-02-30', '2024-01-01T00:00:00Z'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(hostile, fc.array(hostile, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), hostile, { maxKeys: 2 }));
const condition = fc.record({ path: fc.constantFrom(...fieldNames), op: fc.constantFrom(...ops), value }).map(({ path, op, value }) => ({ [path]: { [op]: value } }));
const filter: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ maxDepth: 3 }, condition, fc.record({ $and: fc.array(tie('node'), { maxLength: 3 }) }), fc.record({ $or: fc.array(tie('node'), { maxLength: 3 }) }), fc.record({ $not: tie('node') }), value),
})).node;

const ok = (status: number) => status < 500;

describe('fuzzing the records API', () => {
  it('answers random and hostile filters, sorts and paging with 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(filter, fc.array(fc.constantFrom(...fieldNames, '-n', '-link.name', ''), { maxLength: 3 }), fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constant(50)), fc.option(fc.string({ maxLength: 30 })), async (f, sort, limit, cursor) => {
          const params = new URLSearchParams({ filter: JSON.stringify(f), sort: sort.join(','), limit: String(limit), count: 'true' });
          if (cursor !== null) params.set('cursor', cursor);
          const res = await t.admin.get(`/api/records/thing?${params}`);
          expect(ok(res.status), JSON.stringify({ f, sort, limit, body: res.body })).toBe(true);
          if (res.status >= 400) expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
          expect(JSON.stringify(res.body)).not.toMatch(/records\.|select |stack|at \//i);
        }),
      { numRuns: 300 },
    );
  });

  it('answers random record bodies with 2xx or 4xx, never 5xx', async () => {
    const body = fc.dictionary(fc.constantFrom(...fieldNames, '_version', '_state', 'id'), value, { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const created = await t.admin.post('/api/records/thing', b);
        expect(ok(created.status), JSON.stringify({ b, body: created.body })).toBe(true);
        const patched = await t.admin.patch('/api/records/thing/1', { ...b, _version: 1 });
        expect(ok(patched.status), JSON.stringify({ b, body: patched.body })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('answers random object definitions with 2xx or 4xx, never 5xx', async () => {
    const field = fc.record({ name: fc.constantFrom('a', 'b', 'Bad', 'id', '_x'), type: fc.constantFrom('text', 'number', 'enum', 'lookup', 'formula', 'zzz'), options: fc.option(fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })), target: fc.option(fc.constantFrom('thing', 'nope', 'fz')), expression: fc.option(value), returns: fc.option(fc.constantFrom('number', 'text', 'x')) }, { requiredKeys: ['name', 'type'] });
    await fc.assert(
      fc.asyncProperty(fc.array(field, { maxLength: 4 }), fc.option(fc.constantFrom('a', 'b', 'zz')), async (fields, titleField) => {
        const res = await t.admin.put('/api/meta/objects/fz', { fields, ...(titleField ? { titleField } : {}) });
        expect(ok(res.status), JSON.stringify({ fields, body: res.body })).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
