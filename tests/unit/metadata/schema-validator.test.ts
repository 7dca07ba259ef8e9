import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { validateAgainstSchema } from '../../../platform/src/metadata/schema-validator.ts';

function problems(definition: unknown): { path: string; message: string }[] {
  try {
    validateAgainstSchema('object', definition);
    return [];
  } catch (err) {
    if (!isAppError(err)) throw err;
    expect(err.code).toBe('VALIDATION_FAILED');
    return err.details ?? [];
  }
}

describe('object definition JSON Schema', () => {
  it('accepts the SPEC example', () => {
    expect(problems({
      name: 'account', label: { en: 'Account', 'zh-CN': '客户' },
      fields: [
        { name: 'name', type: 'text', required: true, maxLength: 200, unique: true },
        { name: 'industry', type: 'enum', options: ['tobacco', 'telecom', 'food'] },
        { name: 'annual_revenue', type: 'number', min: 0 },
        { name: 'parent', type: 'lookup', target: 'account' },
        { name: 'email', type: 'email' },
        { name: 'margin', type: 'formula', returns: 'number', expression: { $divide: [{ $field: 'profit' }, { $field: 'annual_revenue' }] } },
      ],
      titleField: 'name', history: ['annual_revenue', 'industry'],
    })).toEqual([]);
  });

  it('reports each problem with its JSON pointer', () => {
    const found = problems({ name: 'Bad', fields: [{ name: 'a', type: 'text' }, { name: 'b', type: 'colour' }, { type: 'text' }], extra: 1, label: {} });
    const paths = found.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/name', '/fields/1/type', '/fields/2/name', '/extra', '/label']));
    expect(found.find((p) => p.path === '/fields/1/type')?.message).toMatch(/must be one of: text/);
    expect(found.find((p) => p.path === '/extra')?.message).toBe('is not a known property');
  });

  it('quotes the offending value back in value errors, never a shape error', () => {
    const found = problems({ name: 'Bad Name', fields: [{ name: 'a', type: 'colour', maxLength: -3 }], extra: 1 });
    expect(found.find((p) => p.path === '/name')?.message).toContain('(got "Bad Name")');
    expect(found.find((p) => p.path === '/fields/0/type')?.message).toContain('(got "colour")');
    expect(found.find((p) => p.path === '/fields/0/maxLength')?.message).toContain('(got -3)');
    expect(found.find((p) => p.path === '/extra')?.message).toBe('is not a known property');
  });

  it('requires at least one field and a name', () => {
    expect(problems({ fields: [] }).map((p) => p.path).sort()).toEqual(['/fields', '/name']);
  });

  it('checks rules, dedup and index shapes', () => {
    const paths = problems({
      name: 'x', fields: [{ name: 'a', type: 'text' }],
      validationRules: [{ name: 'r', errorWhen: 'not an object', message: { en: 'm' } }],
      dedup: [{ name: 'd', fields: [{ field: 'a', normalize: 'soundex' }] }],
      indexes: [{ fields: ['A b'] }],
    }).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/validationRules/0/errorWhen', '/dedup/0/fields/0/normalize', '/indexes/0/fields/0']));
  });
});
