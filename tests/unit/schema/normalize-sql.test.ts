import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSql, normalizeValue, type NormalizeKind } from '../../../platform/src/schema/index.ts';
import { openTestDatabase } from './test-database.ts';

const INPUTS = [
  '',
  '   ',
  'Acme',
  '  ACME   Widgets\t\nGroup  ',
  'Acme\u3000Widgets',
  'Acme\u00a0Widgets',
  'Acme Co., Ltd.',
  'ACME CO LTD',
  'Acme Company Limited',
  'Acme, Inc.',
  'Acme Inc',
  'AcmeInc',
  'Zinc',
  'Acme LLC',
  'Acme Corp.',
  'Inc',
  '北京字节跳动科技有限公司',
  '腾讯（深圳）有限公司',
  '华为技术股份有限公司',
  '上海·某某 有限责任公司',
  '【阿里巴巴】集团，。、：；“”‘’',
  '有限公司',
  'O\'Brien & Sons (UK) Ltd',
  'back\\slash [brackets] ^caret- _under_ {x}|y~? quoted"',
  '+86 138-0013-8000',
  '13800138000',
  '(010) 6552-9988 ext. 12',
  '１３８００１３８０００',
  'no digits',
  '  Alice@Example.COM ',
  'bob @ example.com',
  'Ünïcödé Straße',
  'ΑΒΓ δέλτα',
];

const KINDS: NormalizeKind[] = ['exact', 'text', 'name', 'phone', 'email'];

describe('normalizeSql and normalizeValue', () => {
  let db: Knex;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('agree on every input for every kind', async () => {
    for (const kind of KINDS) {
      const expression = normalizeSql(kind, 'c');
      const result = await db.raw(
        `SELECT n, ${expression} AS v FROM unnest(?::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n`,
        [INPUTS],
      );
      const fromSql = (result.rows as { v: string | null }[]).map((r) => r.v);
      expect(fromSql, kind).toEqual(INPUTS.map((input) => normalizeValue(kind, input)));
    }
  });

  it('agree on random strings built from tricky characters', async () => {
    const alphabet = [...'aZ09 \t\n.,-()&\'?\\[]^_|~', '\u3000', '\u00a0', '（', '）', '，', '。', '·', '“', '有', '限', '公', '司', '１', 'É', 'ß'];
    const chunk = fc.constantFrom(...alphabet, ' co ltd', ' inc', '有限公司', '+86 ', ' LLC');
    const inputs = fc.sample(fc.array(chunk, { maxLength: 12 }).map((parts) => parts.join('')), { numRuns: 300, seed: 42 });
    for (const kind of KINDS) {
      const result = await db.raw(`SELECT ${normalizeSql(kind, 'c')} AS v FROM unnest(?::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n`, [inputs]);
      expect((result.rows as { v: string | null }[]).map((r) => r.v), kind).toEqual(inputs.map((input) => normalizeValue(kind, input)));
    }
  });

  it('agree on NULL', async () => {
    for (const kind of KINDS) {
      const result = await db.raw(`SELECT ${normalizeSql(kind, 'NULL::text')} AS v`);
      expect(result.rows[0].v).toBeNull();
      expect(normalizeValue(kind, null)).toBeNull();
    }
  });

  it('normalise the way duplicate detection needs', () => {
    expect(normalizeValue('phone', '+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeValue('phone', '１３８００１３８０００')).toBe('13800138000');
    expect(normalizeValue('phone', '+86 23 6967 5318')).toBe(normalizeValue('phone', '023-69675318 转 801'));
    expect(normalizeValue('phone', 'no digits')).toBeNull();
    expect(normalizeValue('name', 'Acme Co., Ltd.')).toBe('acme');
    expect(normalizeValue('name', 'ACME, Inc.')).toBe('acme');
    expect(normalizeValue('name', 'Zinc')).toBe('zinc');
    expect(normalizeValue('name', '腾讯（深圳）有限公司')).toBe('腾讯深圳');
    expect(normalizeValue('name', '华为技术股份有限公司')).toBe('华为技术');
    expect(normalizeValue('text', '  ACME   Widgets\t\nGroup ')).toBe('acme widgets group');
    expect(normalizeValue('email', '  Alice@Example.COM ')).toBe('alice@example.com');
    expect(normalizeValue('exact', ' A ')).toBe(' A ');
  });

  it('builds index-safe SQL without placeholders', async () => {
    await db.raw('CREATE TABLE normalize_probe (c text)');
    for (const kind of KINDS) {
      const sql = normalizeSql(kind, '"c"');
      expect(sql).not.toContain('?');
      await db.raw(`CREATE INDEX normalize_probe_${kind} ON normalize_probe ((${sql}))`);
    }
  });
});
