import { describe, expect, it } from 'vitest';
import { fromFilter, isComplete, toFilter, type FilterModel } from '../../../ui/src/utils/filter-model.ts';
import { checkValue, operatorsFor } from '../../../ui/src/utils/field-types.ts';

describe('the filter builder\'s model and the filter language', () => {
  it('writes one condition alone, several under $and or $or, and negations under $not', () => {
    expect(toFilter({ mode: '$and', conditions: [] })).toBeUndefined();
    expect(toFilter({ mode: '$and', conditions: [{ path: 'stage', op: '$eq', value: 'won', negate: false }] })).toEqual({ stage: { $eq: 'won' } });
    const model: FilterModel = {
      mode: '$or',
      conditions: [
        { path: 'score', op: '$between', value: [1, 5], negate: false },
        { path: 'parent.industry', op: '$in', value: ['food'], negate: true },
        { path: 'email', op: '$null', value: true, negate: false },
      ],
    };
    const filter = toFilter(model);
    expect(filter).toEqual({ $or: [{ score: { $between: [1, 5] } }, { $not: { 'parent.industry': { $in: ['food'] } } }, { email: { $null: true } }] });
    expect(fromFilter(filter)).toEqual(model);
  });

  it('leaves out conditions that are not complete yet', () => {
    expect(isComplete({ path: 'score', op: '$between', value: [1, null], negate: false })).toBe(false);
    expect(isComplete({ path: 'stage', op: '$in', value: [], negate: false })).toBe(false);
    expect(isComplete({ path: 'email', op: '$null', value: false, negate: false })).toBe(true);
    expect(toFilter({ mode: '$and', conditions: [{ path: 'name', op: '$contains', value: '', negate: false }, { path: 'score', op: '$gt', value: 0, negate: false }] })).toEqual({ score: { $gt: 0 } });
  });

  it('refuses to read back filters the builder cannot show (they are edited as JSON)', () => {
    expect(fromFilter({ $and: [{ $or: [{ a: { $eq: 1 } }] }] })).toBeNull();
    expect(fromFilter({ name: 'plain value' })).toBeNull();
    expect(fromFilter({ $not: { a: { $eq: 1 }, b: { $eq: 2 } } })).toBeNull();
    expect(fromFilter(undefined)).toEqual({ mode: '$and', conditions: [] });
  });

  it('offers the operators that fit a field', () => {
    expect(operatorsFor({ type: 'number' })).toContain('$between');
    expect(operatorsFor({ type: 'text' })).toContain('$startsWith');
    expect(operatorsFor({ type: 'enum' })).not.toContain('$contains');
    expect(operatorsFor({ type: 'formula', returns: 'date' })).toContain('$gte');
  });
});

describe('client-side checks mirror the object schema', () => {
  it('checks required, lengths, patterns and formats', () => {
    expect(checkValue({ name: 'n', type: 'text', required: true }, '')).toEqual({ key: 'validation.required' });
    expect(checkValue({ name: 'n', type: 'text', maxLength: 3 }, 'abcd')).toEqual({ key: 'validation.maxLength', params: { n: 3 } });
    expect(checkValue({ name: 'n', type: 'text', pattern: '^[A-Z]+$' }, 'abc')).toEqual({ key: 'validation.pattern' });
    expect(checkValue({ name: 'e', type: 'email' }, 'not-an-email')).toEqual({ key: 'validation.email' });
    expect(checkValue({ name: 'e', type: 'email' }, 'a@b.cn')).toBeNull();
    expect(checkValue({ name: 'u', type: 'url' }, 'ftp://x')).toEqual({ key: 'validation.url' });
    expect(checkValue({ name: 'p', type: 'phone' }, '+86 10 1234 5678')).toBeNull();
  });

  it('checks numbers, dates, selections and JSON', () => {
    expect(checkValue({ name: 'i', type: 'integer' }, 1.5)).toEqual({ key: 'validation.integer' });
    expect(checkValue({ name: 'm', type: 'currency', min: 0 }, -1)).toEqual({ key: 'validation.min', params: { n: 0 } });
    expect(checkValue({ name: 'd', type: 'date', max: '2030-12-31' }, '2031-01-01')).toEqual({ key: 'validation.before', params: { d: '2030-12-31' } });
    expect(checkValue({ name: 't', type: 'multienum', maxSelections: 1 }, ['a', 'b'])).toEqual({ key: 'validation.maxSelections', params: { n: 1 } });
    expect(checkValue({ name: 'j', type: 'json' }, '{bad')).toEqual({ key: 'validation.json' });
    expect(checkValue({ name: 'o', type: 'text' }, null)).toBeNull();
  });
});
