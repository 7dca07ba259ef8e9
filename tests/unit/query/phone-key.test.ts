import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneKey, phoneKeySql } from '../../../platform/src/query/phone-key.ts';
import { connectDatabase } from '../../../platform/src/core/database.ts';

/** Each group: every way of writing one number, and the key all of them must give. */
const SAME_NUMBER: [string, string[]][] = [
  ['2369675318', ['023-69675318', '+86 23 6967 5318', '(023) 6967-5318 转 801', '+86 (0)23 6967 5318', '0086 23 69675318', '862369675318',
    '023 6967 5318 ext. 12', '023-69675318 x7', '023-69675318#9', '023-69675318 分机 3', '023-69675318;ext=5', '023-69675318, 8', '０２３－６９６７５３１８', '＋８６ ２３ ６９６７ ５３１８']],
  ['13800138000', ['138 0013 8000', '+86-138-0013-8000', '0086 13800138000', '8613800138000', '13800138000', '１３８００１３８０００', '+86 138 0013 8000 EXT 5', 'tel: +86 13800138000']],
  ['1065529988', ['(010) 6552-9988', '+86 10 6552 9988', '010-65529988 转 12']],
  ['442079460958', ['+44 20 7946 0958', '0044 20 7946 0958', '+44-20-7946-0958 ext 4']],
  ['12125551234', ['+1 (212) 555-1234', '001 212 555 1234']],
];

const ODD = ['', '   ', 'no digits', 'ext 123', '+', '0', '00', '86', '+86', '8612', '69675318', '+86 999', 'x', '转', '12\n34', '++86 138 0013 8000'];

describe('phoneKey and phoneKeySql', () => {
  let db: Knex;
  beforeAll(() => {
    db = connectDatabase({});
  });
  afterAll(async () => {
    await db.destroy();
  });

  const keysInSql = async (inputs: string[]) => {
    const result = await db.raw(`SELECT ${phoneKeySql('c')} AS v FROM unnest(?::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n`, [inputs]);
    return (result.rows as { v: string | null }[]).map((r) => r.v);
  };

  it.each(SAME_NUMBER)('gives %s for every way of writing it, in SQL and JavaScript', async (key, variants) => {
    expect(variants.map(phoneKey)).toEqual(variants.map(() => key));
    expect(await keysInSql(variants)).toEqual(variants.map(() => key));
  });

  it('keeps a local number without area code and a foreign number apart from Chinese ones', () => {
    expect(phoneKey('69675318')).toBe('69675318');
    expect(phoneKey('+86 999')).toBe('86999');
    expect(phoneKey('+44 20 7946 0958')).not.toBe(phoneKey('020 7946 0958'));
  });

  it('is NULL when no digits remain', async () => {
    for (const input of ['', 'no digits', 'ext 123', '+', '0']) expect(phoneKey(input), input).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect((await db.raw(`SELECT ${phoneKeySql('NULL::text')} AS v`)).rows[0].v).toBeNull();
  });

  it('agrees between SQL and JavaScript on odd and random inputs', async () => {
    const chunk = fc.constantFrom('+', '00', '0', '86', '1', '3', '8', '2', '9', ' ', '-', '(', ')', 'ext', 'x', '转', '分机', '#', ',', '；', '１', '＋', '\n', 'a');
    const random = fc.sample(fc.array(chunk, { maxLength: 16 }).map((parts) => parts.join('')), { numRuns: 400, seed: 7 });
    const inputs = [...ODD, ...random];
    expect(await keysInSql(inputs)).toEqual(inputs.map(phoneKey));
  });

  it('can be indexed and has no placeholder for knex', async () => {
    const sql = phoneKeySql('"c"');
    expect(sql).not.toContain('?');
    await db.raw('CREATE TABLE phone_probe (c text)');
    await db.raw(`CREATE INDEX phone_probe_key ON phone_probe ((${sql}))`);
  });
});
