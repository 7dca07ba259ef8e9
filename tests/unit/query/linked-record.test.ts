import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../../../platform/src/core/snapshot-types.ts';
import { LinkedRecord, filterVariable } from '../../../platform/src/query/filter-variable.ts';
import type { ResolvedPath } from '../../../platform/src/query/query-scope.ts';

// `$user.account`: the record a (portal) user acts for, equal only to fields that can point at it.

const objectNamed = (name: string) => ({ name }) as ObjectInfo;
const path = (object: string, field: Partial<FieldInfo>): ResolvedPath => ({ sql: '', bindings: [], object: objectNamed(object), field: field as FieldInfo });

describe('LinkedRecord', () => {
  const link = new LinkedRecord('account', '42');

  it('is its id for a lookup to its object and for that object’s id', () => {
    expect(link.valueFor(path('contact', { name: 'account', type: 'lookup', target: 'account' }))).toBe('42');
    expect(link.valueFor(path('account', { name: 'id', type: 'id' }))).toBe('42');
  });

  it('is unknown (null) for a lookup to another object, another object’s id, any other field, or no path', () => {
    expect(link.valueFor(path('contact', { name: 'supplier', type: 'lookup', target: 'supplier' }))).toBeNull();
    expect(link.valueFor(path('supplier', { name: 'id', type: 'id' }))).toBeNull();
    expect(link.valueFor(path('account', { name: 'code', type: 'text' }))).toBeNull();
    expect(link.valueFor(undefined)).toBeNull();
  });

  it('comes out of filterVariable as a value of the variable, null when the user has no link', () => {
    const lookup = path('contact', { name: 'account', type: 'lookup', target: 'account' });
    expect(filterVariable('$user.account', { account: link }, '/account/$eq', 'id', lookup)).toEqual({ value: '42', fromVariable: true });
    expect(filterVariable('$user.account', { account: null }, '/account/$eq', 'id', lookup)).toEqual({ value: null, fromVariable: true });
    expect(() => filterVariable('$user.acount', { account: link }, '/account/$eq', 'id', lookup)).toThrow();
  });
});
