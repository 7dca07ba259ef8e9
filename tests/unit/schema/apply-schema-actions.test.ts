import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedupRule, ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { applySchemaActions, constraintName, dedupExpressions, normalizeSql, planObjectChange, planObjectDrop } from '../../../platform/src/schema/index.ts';
import { openTestDatabase } from './test-database.ts';

describe('applySchemaActions on PGlite', () => {
  let db: Knex;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const change = (prev: ObjectDefinition | null, next: ObjectDefinition) => db.transaction((trx) => applySchemaActions(trx, planObjectChange(prev, next)));
  const columns = async (table: string) =>
    (await db.raw(`SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'records' AND table_name = ? ORDER BY ordinal_position`, [table])).rows as {
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
    }[];
  const indexes = async (table: string) => (await db.raw(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'records' AND tablename = ? ORDER BY indexname`, [table])).rows as { indexname: string; indexdef: string }[];
  const constraints = async (table: string) =>
    (await db.raw(`SELECT conname, contype, convalidated, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ?::regclass ORDER BY conname`, [`records.${table}`])).rows as {
      conname: string;
      contype: string;
      convalidated: boolean;
      def: string;
    }[];
  const relfilenode = async (table: string) => (await db.raw(`SELECT relfilenode FROM pg_class WHERE oid = ?::regclass`, [`records.${table}`])).rows[0].relfilenode as number;

  const account: ObjectDefinition = { name: 'account', fields: [{ name: 'name', type: 'text', required: true, unique: true }] };
  const contact: ObjectDefinition = {
    name: 'contact',
    fields: [
      { name: 'name', type: 'text', default: 'x', required: true },
      { name: 'email', type: 'email' },
      { name: 'phone', type: 'phone' },
      { name: 'score', type: 'integer' },
      { name: 'tags', type: 'multienum', options: ['a', 'b'] },
      { name: 'extra', type: 'json' },
      { name: 'account', type: 'lookup', target: 'account' },
      { name: 'manager', type: 'lookup', target: 'user', onTargetDelete: 'restrict' },
      { name: 'double_score', type: 'formula', returns: 'integer', expression: { $multiply: [{ $field: 'score' }, 2] } },
    ],
    unique: [['name', 'email']],
    indexes: [{ fields: ['-_created_at'] }],
    dedup: [{ name: 'same_person', fields: [{ field: 'name', normalize: 'name' }, { field: 'phone', normalize: 'phone' }] }],
  };

  it('creates tables with system columns, field columns, links and indexes', async () => {
    await change(null, account);
    await change(null, contact);
    const cols = await columns('contact');
    expect(cols.map((c) => [c.column_name, c.data_type])).toEqual([
      ['id', 'bigint'],
      ['_version', 'integer'],
      ['_owner', 'bigint'],
      ['_department', 'bigint'],
      ['_state', 'text'],
      ['_created_at', 'timestamp with time zone'],
      ['_created_by', 'bigint'],
      ['_updated_at', 'timestamp with time zone'],
      ['_deleted_at', 'timestamp with time zone'],
      ['_deleted_by', 'bigint'],
      ['name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['score', 'bigint'],
      ['tags', 'ARRAY'],
      ['extra', 'jsonb'],
      ['account', 'bigint'],
      ['manager', 'bigint'],
    ]);
    for (const c of cols.slice(10)) expect([c.column_name, c.is_nullable, c.column_default]).toEqual([c.column_name, 'YES', null]);

    const names = (await indexes('contact')).map((i) => i.indexname);
    for (const name of [
      constraintName('uq', 'contact', ['name', 'email']),
      constraintName('ix', 'contact', ['_owner']),
      constraintName('ix', 'contact', ['_department']),
      constraintName('ix', 'contact', ['account']),
      constraintName('ix', 'contact', ['manager']),
      constraintName('ix', 'contact', ['_created_at_desc']),
      constraintName('dd', 'contact', ['same_person']),
    ]) {
      expect(names).toContain(name);
    }
    const unique = (await indexes('contact')).find((i) => i.indexname === constraintName('uq', 'contact', ['name', 'email']))!;
    expect(unique.indexdef).toMatch(/UNIQUE INDEX .* WHERE \(_deleted_at IS NULL\)/);

    const fks = (await constraints('contact')).filter((c) => c.contype === 'f');
    const byName = new Map(fks.map((f) => [f.conname, f.def]));
    expect(byName.get(constraintName('fk', 'contact', ['account']))).toBe('FOREIGN KEY (account) REFERENCES records.account(id) ON DELETE SET NULL');
    expect(byName.get(constraintName('fk', 'contact', ['manager']))).toBe('FOREIGN KEY (manager) REFERENCES users(id) ON DELETE RESTRICT');
    expect(fks.map((f) => f.def)).toContain('FOREIGN KEY (_owner) REFERENCES users(id)');
    expect(fks.map((f) => f.def)).toContain('FOREIGN KEY (_department) REFERENCES departments(id)');
  });

  it('adds a field without rewriting the table', async () => {
    await db.raw(`INSERT INTO records.contact (name) SELECT 'p' || g FROM generate_series(1, 200) g`);
    const before = await relfilenode('contact');
    const next: ObjectDefinition = {
      ...contact,
      fields: [...contact.fields, { name: 'birthday', type: 'date', default: '2000-01-01', required: true }, { name: 'referrer', type: 'lookup', target: 'contact' }],
    };
    await change(contact, next);
    expect(await relfilenode('contact')).toBe(before);
    expect((await columns('contact')).map((c) => c.column_name)).toEqual(expect.arrayContaining(['birthday', 'referrer']));
    const referrer = (await constraints('contact')).find((c) => c.conname === constraintName('fk', 'contact', ['referrer']))!;
    expect(referrer.convalidated).toBe(false);
    await change(next, contact);
    expect((await columns('contact')).map((c) => c.column_name)).not.toContain('birthday');
  });

  it('enforces unique fields among live records only', async () => {
    await db.raw(`INSERT INTO records.account (name) VALUES ('Acme')`);
    await expect(db.raw(`INSERT INTO records.account (name) VALUES ('Acme')`)).rejects.toMatchObject({ code: '23505', constraint: constraintName('uq', 'account', ['name']) });
    await db.raw(`UPDATE records.account SET _deleted_at = now() WHERE name = 'Acme'`);
    await db.raw(`INSERT INTO records.account (name) VALUES ('Acme')`);
    expect((await db.raw(`SELECT count(*)::int AS n FROM records.account WHERE name = 'Acme'`)).rows[0].n).toBe(2);
  });

  it('clears links to a record that is deleted, and refuses deleting a restricted target', async () => {
    const acme = (await db.raw(`INSERT INTO records.account (name) VALUES ('Linked') RETURNING id`)).rows[0].id;
    const user = (await db.raw(`INSERT INTO users (username, password_hash, name) VALUES ('u1', 'x', 'U') RETURNING id`)).rows[0].id;
    await db.raw(`INSERT INTO records.contact (name, account, manager) VALUES ('linked', ?, ?)`, [acme, user]);
    await db.raw(`DELETE FROM records.account WHERE id = ?`, [acme]);
    expect((await db.raw(`SELECT account FROM records.contact WHERE name = 'linked'`)).rows[0].account).toBeNull();
    await expect(db.raw(`DELETE FROM users WHERE id = ?`, [user])).rejects.toMatchObject({ code: '23001' });
    await db.raw(`DELETE FROM records.contact WHERE name = 'linked'`);
    await db.raw(`DELETE FROM users WHERE id = ?`, [user]);
  });

  it('uses the dedup index for the query records run', async () => {
    await db.raw('SET enable_seqscan = off');
    try {
      const plan = (await db.raw(`EXPLAIN SELECT id FROM records.contact t0 WHERE t0._deleted_at IS NULL AND ${dedupWhere(contact.dedup![0])}`, ['Acme Co., Ltd.', '+86 138-0013-8000'])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain(constraintName('dd', 'contact', ['same_person']));
    } finally {
      await db.raw('RESET enable_seqscan');
    }
  });

  it('removes options from stored values', async () => {
    await db.raw(`INSERT INTO records.contact (name, tags) VALUES ('t1', '{a,b}'), ('t2', '{b}'), ('t3', '{a}')`);
    const next: ObjectDefinition = { ...contact, fields: contact.fields.map((f) => (f.name === 'tags' ? { ...f, options: ['a'] } : f)) };
    await change(contact, next);
    const rows = (await db.raw(`SELECT name, tags FROM records.contact WHERE name IN ('t1', 't2', 't3') ORDER BY name`)).rows;
    expect(rows).toEqual([
      { name: 't1', tags: ['a'] },
      { name: 't2', tags: null },
      { name: 't3', tags: ['a'] },
    ]);
    await change(next, contact);
  });

  it('leaves the table exactly as it was when a step fails', async () => {
    await db.raw(`INSERT INTO records.contact (name, email) VALUES ('dup', 'd@x'), ('dup', 'd@y')`);
    const snapshot = async () => ({ cols: await columns('contact'), idx: await indexes('contact'), cons: await constraints('contact') });
    const before = await snapshot();
    const next: ObjectDefinition = {
      ...contact,
      fields: [...contact.fields.filter((f) => f.name !== 'extra').map((f) => (f.name === 'score' ? { ...f, type: 'text' as const } : f)), { name: 'notes', type: 'textarea' }],
      unique: [['name']],
    };
    await expect(change(contact, next)).rejects.toMatchObject({ code: '23505' });
    expect(await snapshot()).toEqual(before);
  });

  it('drops a table', async () => {
    await change(null, { name: 'scratch', fields: [{ name: 'x', type: 'text' }] });
    await db.transaction((trx) => applySchemaActions(trx, planObjectDrop({ name: 'scratch', fields: [{ name: 'x', type: 'text' }] })));
    expect((await db.raw(`SELECT to_regclass('records.scratch') AS t`)).rows[0].t).toBeNull();
  });
});

/** The query shape duplicate detection runs: each key expression over the row equals the same expression over a bound value. */
function dedupWhere(rule: DedupRule): string {
  return dedupExpressions(rule, 't0')
    .map((expression, i) => `${expression} = ${normalizeSql(rule.fields[i].normalize ?? 'text', '?::text')}`)
    .join(' AND ');
}
