import { describe, expect, it } from 'vitest';
import type { ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { uniqueWherePredicate } from '../../../platform/src/schema/unique-where.ts';
import { actionSql } from '../../../platform/src/schema/action-sql.ts';
import { objectStorage } from '../../../platform/src/schema/object-storage.ts';

const def: ObjectDefinition = {
  name: 'booth_booking',
  fields: [
    { name: 'booth', type: 'lookup', target: 'booth' },
    { name: 'status', type: 'enum', options: ['held', 'reserved', "o'clock"] },
    { name: 'active', type: 'boolean' },
    { name: 'copies', type: 'integer' },
    { name: 'from', type: 'date' },
    { name: 'tags', type: 'multienum', options: ['a'] },
  ],
  uniqueWhere: [{ name: 'one_active', fields: ['booth'], where: { status: { $in: ['held', 'reserved'] } } }],
};

describe('uniqueWherePredicate', () => {
  it('writes fixed comparisons joined by AND, quoting text safely', () => {
    const { sql, problems } = uniqueWherePredicate({ status: { $in: ['held', "o'clock"] }, active: { $eq: true }, copies: { $ne: 3 }, from: { $null: false } }, def, '/w');
    expect(problems).toEqual([]);
    expect(sql).toBe(`("status" IN ('held'::text, 'o''clock'::text)) AND ("active" = TRUE) AND ("copies" <> 3) AND ("from" IS NOT NULL)`);
  });

  it('names each problem with its pointer', () => {
    const { sql, problems } = uniqueWherePredicate({ tags: { $eq: 'a' }, status: { $gte: 'held' }, copies: { $eq: 1.5 }, from: { $eq: '2026-13-45' } }, def, '/w');
    expect(sql).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual(['/w/tags', '/w/status/$gte', '/w/copies/$eq', '/w/from/$eq']);
    expect(uniqueWherePredicate([], def, '/w').problems.map((p) => p.path)).toEqual(['/w']);
    expect(uniqueWherePredicate({ status: 'held' }, def, '/w').problems.map((p) => p.path)).toEqual(['/w/status']);
  });

  it('becomes a partial unique index beside the recycle-bin condition', () => {
    const index = objectStorage(def).indexes.get('uw_booth_booking_one_active');
    expect(index).toMatchObject({ kind: 'unique', fields: ['booth'], rule: 'one_active' });
    if (index?.kind !== 'unique') throw new Error('not a unique index');
    const [statement] = actionSql({ kind: 'addUniqueIndex', object: def.name, name: index.name, fields: index.fields, where: index.where, description: '' as never });
    expect(statement.sql).toBe(`CREATE UNIQUE INDEX "uw_booth_booking_one_active" ON "records"."booth_booking" ("booth") WHERE "_deleted_at" IS NULL AND ("status" IN ('held'::text, 'reserved'::text))`);
  });
});
