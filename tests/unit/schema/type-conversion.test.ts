import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field, ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { applySchemaActions, findDataLoss, planObjectChange, planObjectDrop } from '../../../platform/src/schema/index.ts';
import { openTestDatabase } from './test-database.ts';

interface Case {
  from: Field['type'];
  to: Field['type'];
  /** SQL literals inserted into the old column, one row each. */
  values: string[];
  /** The column read back after the change, row by row. */
  expected: unknown[];
  /** Rows findDataLoss reports. */
  lost: number;
  /** How to read the new column, when JSON (the default, the same on every driver) does not show enough. */
  read?: string;
}

const CASES: Case[] = [
  { from: 'text', to: 'number', values: ["'12'", "' 3.5 '", "'12abc'", "'-0.25'", "'1e5'", "''", 'NULL', "'.5'"], expected: [12, 3.5, null, -0.25, null, null, null, 0.5], lost: 3 },
  { from: 'text', to: 'integer', values: ["'42'", "'+7'", "'4.2'", "'99999999999999999999'", "'x'"], expected: [42, 7, null, null, null], lost: 3 },
  {
    from: 'text',
    to: 'date',
    values: ["'2024-02-29'", "'2024-02-30'", "'2023-02-29'", "' 2024-12-31 '", "'2024-13-01'", "'31/12/2024'", "'0000-01-01'", "'2024-04-31'"],
    expected: ['2024-02-29', null, null, '2024-12-31', null, null, null, null],
    lost: 6,
  },
  {
    from: 'text',
    to: 'datetime',
    values: ["'2024-02-29T10:30:00Z'", "'2024-02-30 10:00'", "'2024-01-01 25:00'", "'2024-06-01 08:00:00+08'", "'2024-06-01 08:00:00.5+0530'", "'soon'", "'2024-01-01'"],
    expected: ['2024-02-29 10:30:00', null, null, '2024-06-01 00:00:00', '2024-06-01 02:30:00', null, '2024-01-01 00:00:00'],
    lost: 3,
    read: `to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`,
  },
  { from: 'text', to: 'boolean', values: ["'yes'", "'FALSE'", "'是'", "'maybe'", "'0'"], expected: [true, false, true, null, false], lost: 1 },
  { from: 'number', to: 'integer', values: ['1.5', '2', '-2.5', '1e20'], expected: [2, 2, -3, null], lost: 3 },
  { from: 'multienum', to: 'enum', values: ["'{a,b}'", "'{c}'", "'{}'"], expected: ['a', 'c', null], lost: 1 },
  { from: 'datetime', to: 'date', values: ["'2024-02-29 00:00:00+00'", "'2024-02-29 13:45:00+00'"], expected: ['2024-02-29', '2024-02-29'], lost: 1 },
  { from: 'json', to: 'number', values: ["'5'", `'"7.5"'`, `'"abc"'`, `'{"a": 1}'`, "'true'"], expected: [5, 7.5, null, null, null], lost: 3 },
  { from: 'json', to: 'multienum', values: [`'"x"'`, `'[1, 2]'`], expected: [['x'], null], lost: 1 },
  { from: 'boolean', to: 'number', values: ['true', 'false', 'NULL'], expected: [1, 0, null], lost: 0 },
  { from: 'number', to: 'boolean', values: ['1', '0', '2'], expected: [true, false, null], lost: 1 },
  { from: 'date', to: 'number', values: ["'2024-01-01'", 'NULL'], expected: [null, null], lost: 1 },
  { from: 'text', to: 'lookup', values: ["'5'", 'NULL'], expected: [null, null], lost: 1 },
  { from: 'integer', to: 'number', values: ['7', 'NULL'], expected: [7, null], lost: 0 },
  { from: 'enum', to: 'multienum', values: ["'a'", 'NULL'], expected: [['a'], null], lost: 0 },
  { from: 'multienum', to: 'text', values: ["'{a,b}'"], expected: ['a;b'], lost: 0 },
  { from: 'json', to: 'text', values: [`'"hi"'`, `'{"a": 1}'`], expected: ['hi', '{"a": 1}'], lost: 0 },
  { from: 'boolean', to: 'json', values: ['true'], expected: [true], lost: 0 },
  { from: 'date', to: 'text', values: ["'2024-02-29'"], expected: ['2024-02-29'], lost: 0 },
  { from: 'date', to: 'datetime', values: ["'2024-02-29'"], expected: ['2024-02-29 00:00:00'], lost: 0, read: `to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` },
  { from: 'number', to: 'text', values: ['12.50'], expected: ['12.50'], lost: 0 },
];

const withField = (name: string, field: Partial<Field> & { type: Field['type'] }): ObjectDefinition => ({ name, fields: [{ name: 'v', ...field } as Field] });

describe('type conversions on PGlite', () => {
  let db: Knex;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.raw(`SET TIME ZONE 'UTC'`);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const apply = (actions: Parameters<typeof applySchemaActions>[1]) => db.transaction((trx) => applySchemaActions(trx, actions));

  CASES.forEach((c, i) => {
    it(`${c.from} -> ${c.to} turns bad values into NULL and reports ${c.lost} lost`, async () => {
      const object = `conv_${i}`;
      const options = { options: ['a', 'b', 'c'] };
      const prev = withField(object, { type: c.from, ...(c.from.endsWith('enum') ? options : {}) });
      const next = withField(object, { type: c.to, ...(c.to.endsWith('enum') ? options : {}), ...(c.to === 'lookup' ? { target: 'user' } : {}) });
      await apply(planObjectChange(null, prev));
      await db.raw(`INSERT INTO records.${object} (v) VALUES ${c.values.map((v) => `(${v})`).join(', ')}`);

      const actions = planObjectChange(prev, next);
      const reasons = (await findDataLoss(db, prev, actions)).map(String);
      if (c.lost === 0) expect(reasons).toEqual([]);
      else expect(reasons).toEqual([expect.stringMatching(new RegExp(`^Field 'v' changes from ${c.from} to ${c.to}: ${c.lost} records? ha(s|ve) `))]);

      await apply(actions);
      const rows = (await db.raw(`SELECT ${c.read ?? 'to_jsonb(v)'} AS v FROM records.${object} ORDER BY id`)).rows as { v: unknown }[];
      expect(rows.map((r) => r.v)).toEqual(c.expected);
    });
  });

  it('words the reasons for people, counting the recycle bin', async () => {
    const prev: ObjectDefinition = {
      name: 'deal',
      fields: [
        { name: 'amount', type: 'text' },
        { name: 'note', type: 'text' },
        { name: 'stage', type: 'enum', options: ['new', 'lost', 'won'] },
        { name: 'tags', type: 'multienum', options: ['a', 'b', 'c'] },
        { name: 'account', type: 'lookup', target: 'user' },
      ],
    };
    await apply(planObjectChange(null, prev));
    const user = (await db.raw(`INSERT INTO users (username, password_hash, name) VALUES ('owner', 'x', 'O') RETURNING id`)).rows[0].id;
    await db.raw(
      `INSERT INTO records.deal (amount, note, stage, tags, account, _deleted_at) VALUES
        ('10', 'n', 'lost', '{a,b}', ?, NULL), ('abc', NULL, 'won', '{c}', NULL, NULL), ('', 'n', 'lost', '{b}', ?, NULL), ('x1', NULL, NULL, NULL, NULL, now())`,
      [user, user],
    );
    const next: ObjectDefinition = {
      name: 'deal',
      fields: [
        { name: 'amount', type: 'number' },
        { name: 'stage', type: 'enum', options: ['new', 'won'] },
        { name: 'tags', type: 'multienum', options: ['a', 'c'] },
        { name: 'account', type: 'lookup', target: 'department' },
      ],
    };
    expect((await findDataLoss(db, prev, planObjectChange(prev, next))).map(String)).toEqual([
      "Field 'stage' loses option(s) 'lost': 2 records have one of them as a value that would be cleared.",
      "Field 'tags' loses option(s) 'b': 2 records have one of them as a value that would be cleared.",
      "Field 'note' would be removed: 2 records have a stored value that would be deleted.",
      "Field 'amount' changes from text to number: 3 records have values that are not numbers and would be cleared (1 of them in the recycle bin).",
      "Field 'account' now links to 'department' instead of 'user': 2 records have a link that would be cleared.",
    ]);
    expect((await findDataLoss(db, prev, planObjectDrop(prev))).map(String)).toEqual(["Object 'deal' would be dropped: 4 records would be deleted (1 of them in the recycle bin)."]);
    expect((await findDataLoss(db, prev, planObjectChange(prev, { ...prev, fields: [...prev.fields, { name: 'extra', type: 'text' }] }))).map(String)).toEqual([]);

    await apply(planObjectChange(prev, next));
    const rows = (await db.raw(`SELECT to_jsonb(d) AS r FROM (SELECT amount, stage, tags, account FROM records.deal ORDER BY id) d`)).rows;
    expect(rows.map((row: { r: unknown }) => row.r)).toEqual([
      { amount: 10, stage: null, tags: ['a'], account: null },
      { amount: null, stage: 'won', tags: ['c'], account: null },
      { amount: null, stage: null, tags: null, account: null },
      { amount: null, stage: null, tags: null, account: null },
    ]);
  });
});
