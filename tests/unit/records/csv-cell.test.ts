import { describe, expect, it } from 'vitest';
import type { Field } from '../../../platform/src/generated/object.ts';
import type { FieldInfo } from '../../../platform/src/core/snapshot-types.ts';
import { enumValues } from '../../../platform/src/metadata/snapshot.ts';
import { csvCellValue, normalizeDateCell, parseBooleanCell, parseNumberCell, type LookupIndex } from '../../../platform/src/records/csv-cell.ts';

function field(definition: Field): FieldInfo {
  return {
    name: definition.name,
    type: definition.type,
    label: definition.label ?? { en: definition.name },
    system: false,
    column: definition.name,
    ...(definition.target ? { target: definition.target } : {}),
    ...(definition.options ? { options: enumValues(definition.options) } : {}),
    definition,
  };
}

const value = (f: FieldInfo, text: string, lookups?: LookupIndex) => {
  const checked = csvCellValue(f, text, lookups);
  return checked.ok ? checked.value : { error: String(checked.message) };
};

describe('csvCellValue', () => {
  it('reads an empty or blank cell as null for every type', () => {
    for (const type of ['text', 'number', 'boolean', 'date', 'enum', 'multienum', 'lookup', 'json'] as const) {
      expect(value(field({ name: 'f', type, options: ['a'], target: 'account' }), '  ')).toBeNull();
    }
  });

  it('reads numbers with thousands separators and refuses other text', () => {
    const amount = field({ name: 'amount', type: 'number' });
    expect(value(amount, '1,234.5')).toBe(1234.5);
    expect(value(amount, ' -12 ')).toBe(-12);
    expect(value(amount, '1e3')).toBe(1000);
    expect(value(amount, '.5')).toBe(0.5);
    expect(value(amount, '12,34')).toEqual({ error: 'must be a number' });
    expect(value(amount, 'ten')).toEqual({ error: 'must be a number' });
    expect(parseNumberCell('1,234,567')).toBe(1234567);
  });

  it('reads booleans in English, Chinese and as digits', () => {
    const active = field({ name: 'active', type: 'boolean' });
    for (const t of ['true', 'TRUE', 'yes', 'Yes', '1', '是']) expect(value(active, t)).toBe(true);
    for (const t of ['false', 'no', 'NO', '0', '否']) expect(value(active, t)).toBe(false);
    expect(value(active, 'maybe')).toHaveProperty('error');
    expect(parseBooleanCell('y')).toBe(true);
  });

  it('normalises dates written with dashes, slashes or dots', () => {
    const due = field({ name: 'due', type: 'date' });
    expect(value(due, '2024-03-05')).toBe('2024-03-05');
    expect(value(due, '2024/3/5')).toBe('2024-03-05');
    expect(value(due, '2024.12.31')).toBe('2024-12-31');
    expect(normalizeDateCell('05/03/2024')).toBe('05/03/2024');
  });

  it('passes ISO datetimes on and rewrites slashed ones', () => {
    const at = field({ name: 'at', type: 'datetime' });
    expect(value(at, '2024-03-05T10:20:30Z')).toBe('2024-03-05T10:20:30Z');
    expect(value(at, '2024/03/05 10:20:30+08:00')).toBe('2024-03-05 10:20:30+08:00');
  });

  it('maps enum labels in English and Chinese to option values', () => {
    const stage = field({
      name: 'stage',
      type: 'enum',
      options: [{ value: 'won', label: { en: 'Closed won', 'zh-CN': '赢单' } }, { value: 'lost', label: { en: 'Closed lost', 'zh-CN': '输单' } }, 'open'],
    });
    expect(value(stage, 'won')).toBe('won');
    expect(value(stage, 'Closed won')).toBe('won');
    expect(value(stage, 'closed LOST')).toBe('lost');
    expect(value(stage, '赢单')).toBe('won');
    expect(value(stage, 'open')).toBe('open');
    expect(value(stage, 'unknown')).toBe('unknown');
  });

  it('splits multienum cells on semicolons and maps each part', () => {
    const tags = field({ name: 'tags', type: 'multienum', options: [{ value: 'vip', label: { en: 'VIP', 'zh-CN': '重要' } }, 'new'] });
    expect(value(tags, 'vip;new')).toEqual(['vip', 'new']);
    expect(value(tags, ' 重要 ； new ;')).toEqual(['vip', 'new']);
  });

  it('parses json cells and refuses malformed JSON', () => {
    const extra = field({ name: 'extra', type: 'json' });
    expect(value(extra, '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(value(extra, '{a:1}')).toEqual({ error: 'must be JSON' });
  });

  it('keeps text as written, but trims emails, phones and urls', () => {
    expect(value(field({ name: 'name', type: 'text' }), '  Acme  ')).toBe('  Acme  ');
    expect(value(field({ name: 'email', type: 'email' }), ' a@b.cn ')).toBe('a@b.cn');
  });

  it('resolves lookups through the index: unique match, no match, ambiguous', () => {
    const parent = field({ name: 'parent', type: 'lookup', target: 'account' });
    const lookups: LookupIndex = new Map([['account', new Map([['Acme', ['7']], ['12', ['12']], ['Twin', ['3', '4']], ['Nobody', []]])]]);
    expect(value(parent, 'Acme', lookups)).toBe('7');
    expect(value(parent, ' 12 ', lookups)).toBe('12');
    expect(value(parent, 'Twin', lookups)).toEqual({ error: "refers to 'Twin', which matches 2 account records; use the id" });
    expect(value(parent, 'Nobody', lookups)).toEqual({ error: "refers to 'Nobody', which matches no account record" });
    expect(value(parent, '99')).toBe('99');
  });
});
