import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonChanges, sameJson } from '../../../platform/src/core/json-diff.ts';

describe('jsonChanges', () => {
  it('finds nothing between equal documents, whatever their key order', () => {
    expect(jsonChanges({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });

  it('points at added, removed and changed members (RFC 6901)', () => {
    expect(jsonChanges({ label: { en: 'Site' }, icon: 'pin' }, { label: { en: 'Place', 'zh-CN': '地点' }, required: true })).toEqual([
      { pointer: '/label/en', change: 'changed', before: 'Site', after: 'Place' },
      { pointer: '/label/zh-CN', change: 'added', after: '地点' },
      { pointer: '/icon', change: 'removed', before: 'pin' },
      { pointer: '/required', change: 'added', after: true },
    ]);
  });

  it('escapes ~ and / in member names', () => {
    expect(jsonChanges({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }).map((c) => c.pointer)).toEqual(['/a~1b', '/c~0d']);
  });

  it('matches named elements by name: an inserted field is one addition, later fields keep their own changes', () => {
    const before = { fields: [{ name: 'title', type: 'text' }, { name: 'size', type: 'number' }] };
    const after = { fields: [{ name: 'title', type: 'text' }, { name: 'code', type: 'text' }, { name: 'size', type: 'integer' }] };
    expect(jsonChanges(before, after)).toEqual([
      { pointer: '/fields/1', change: 'added', after: { name: 'code', type: 'text' } },
      { pointer: '/fields/2/type', change: 'changed', before: 'number', after: 'integer' },
    ]);
  });

  it('points at a removed named element by its index in the earlier document', () => {
    const before = { fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(jsonChanges(before, { fields: [{ name: 'a' }, { name: 'c' }] })).toEqual([{ pointer: '/fields/1', change: 'removed', before: { name: 'b' } }]);
  });

  it('reports a reordering of named elements as one change of the array', () => {
    expect(jsonChanges({ f: [{ name: 'a' }, { name: 'b' }] }, { f: [{ name: 'b' }, { name: 'a' }] })).toEqual([
      { pointer: '/f', change: 'changed', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
  });

  it('matches enum options given as {value, label} by value', () => {
    const before = { options: [{ value: 'open', label: { en: 'Open' } }, { value: 'won' }] };
    const after = { options: [{ value: 'open', label: { en: 'Opened' } }] };
    expect(jsonChanges(before, after)).toEqual([
      { pointer: '/options/1', change: 'removed', before: { value: 'won' } },
      { pointer: '/options/0/label/en', change: 'changed', before: 'Open', after: 'Opened' },
    ]);
  });

  it('changes a list of plain values as a whole', () => {
    expect(jsonChanges({ operations: ['read', 'update'] }, { operations: ['read'] })).toEqual([
      { pointer: '/operations', change: 'changed', before: ['read', 'update'], after: ['read'] },
    ]);
  });

  it('compares unnamed elements index by index', () => {
    expect(jsonChanges({ on: [{ target: 'a' }] }, { on: [{ target: 'b' }, { target: 'c' }] })).toEqual([
      { pointer: '/on/0/target', change: 'changed', before: 'a', after: 'b' },
      { pointer: '/on/1', change: 'added', after: { target: 'c' } },
    ]);
  });

  it('reports a change of type at the value itself', () => {
    expect(jsonChanges({ when: { a: 1 } }, { when: [1] })).toEqual([{ pointer: '/when', change: 'changed', before: { a: 1 }, after: [1] }]);
    expect(jsonChanges(1, 2)).toEqual([{ pointer: '', change: 'changed', before: 1, after: 2 }]);
  });
});

describe('canonicalJson', () => {
  it('gives equal text for equal documents in any key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(canonicalJson({ a: null, b: [1, { c: 2, d: 1 }] }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
