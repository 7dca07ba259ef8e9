import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectInfo } from '../../../platform/src/core/snapshot-types.ts';
import type { LockedRecord } from '../../../platform/src/records/locked-record.ts';

// Issue 13: writes are scoped like reads. A record row is written only by the record writer
// (platform/src/records/record-writer.ts), a change only to a LockedRecord, which only the scoped lock
// makes; a query on a record table starts only from scopedQuery. Everything else reaches record
// tables through those two. Platform tables (workflow_instances, record_history, recycle_bin,
// users, …) are not record tables, and the DDL of a schema change is not a record write.

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Files that may name a record table in a query builder or in a writing statement, and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  'platform/src/records/record-writer.ts': 'the record writer',
  'platform/src/permissions/scoped-query.ts': 'scopedQuery: every other query on a record table starts from it',
  'platform/src/definitions/object-registry.ts': 'schema DDL: whether a table about to be dropped still holds records',
  'platform/src/organisation/closure-table.ts': '`closure.table` is the department closure table, a platform table',
};

/** Folders whose files may do the same, and why. */
const ALLOWED_FOLDERS: Readonly<Record<string, string>> = {
  'platform/src/schema/': 'schema DDL, with the data conversions a change of a field needs',
};

const RECORD_WRITE_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  // `trx(object.table)`, `ctx.db(t.object.table)`, `sp(info.table)`: `.table` is how an ObjectInfo names its record table.
  { name: "a query builder on an object's table", pattern: /\b(?!quoteTable\b)[A-Za-z_$][\w$]*\s*\(\s*[\w$.]+\.table\s*\)/g },
  { name: 'a query builder on recordTable(…)', pattern: /\b(?!quoteTable\b)[A-Za-z_$][\w$]*\s*\(\s*recordTable\(/g },
  { name: "from() or into() an object's table", pattern: /\.(?:from|into)\(\s*[`'"]?(?:\$\{)?\s*[\w$.]+\.table\b/g },
  { name: 'UPDATE, INSERT or DELETE on an interpolated, bound or records.* table', pattern: /\b(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+(?:\$\{|\?\?|"?records"?\.)/gi },
  { name: 'a write chained on a scoped query', pattern: /\bscopedQuery\([^;]*?\)\.query\b[^;]*?\.(?:update|insert|delete|del)\(/g },
  { name: 'a LockedRecord made by a cast', pattern: /\bas\s+LockedRecord\b/g },
];

interface Finding {
  at: string;
  pattern: string;
  text: string;
}

/** Every match of the patterns in a text, with its line number. */
function findRecordWrites(text: string, file = 'sample'): Finding[] {
  const findings: Finding[] = [];
  for (const { name, pattern } of RECORD_WRITE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ at: `${file}:${line}`, pattern: name, text: match[0].split('\n')[0].slice(0, 120) });
    }
  }
  return findings;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

const allowed = (file: string) => file in ALLOWED || Object.keys(ALLOWED_FOLDERS).some((folder) => file.startsWith(folder));

describe('record writes', () => {
  it('happen only in the record writer: no query builder or writing statement on a record table elsewhere', () => {
    const files = [...sourceFiles(path.join(root, 'platform/src')), ...sourceFiles(path.join(root, 'plugins'))]
      .map((full) => path.relative(root, full).split(path.sep).join('/'));
    expect(files).toContain('platform/src/records/record-writer.ts');
    const findings = files.filter((file) => !allowed(file)).flatMap((file) => findRecordWrites(fs.readFileSync(path.join(root, file), 'utf8'), file));
    expect(findings).toEqual([]);
  });

  it('allows only files that exist, each for a stated reason', () => {
    for (const [file, reason] of Object.entries(ALLOWED)) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
    for (const folder of Object.keys(ALLOWED_FOLDERS)) expect(fs.statSync(path.join(root, folder)).isDirectory()).toBe(true);
  });

  it('catches each kind of record write (the patterns work)', () => {
    const caught: [string, string][] = [
      ['await trx(object.table).where({ id: row.id }).update({ _deleted_at: trx.fn.now() });', "a query builder on an object's table"],
      ['return t.ctx.db(t.object.table).where({ id: t.instance.record_id }).forUpdate().first();', "a query builder on an object's table"],
      ['await sp(object.table).where({ id: locked.id }).update(values);', "a query builder on an object's table"],
      ['const row = await trx(recordTable(name)).first();', 'a query builder on recordTable(…)'],
      ['await ctx.db.from(`${object.table} as t0`).where("t0.id", id).update({ name });', "from() or into() an object's table"],
      ['record AS (UPDATE ${quoteTable(t.object.table)} SET _state = ?, _version = _version + 1 WHERE id = ?::bigint)', 'UPDATE, INSERT or DELETE on an interpolated, bound or records.* table'],
      ['`INSERT INTO ?? (${columns.join(", ")}) SELECT c0 FROM unnest(?::text[])`', 'UPDATE, INSERT or DELETE on an interpolated, bound or records.* table'],
      ['await db.raw(\'delete from "records"."account" where id = ?\', [id]);', 'UPDATE, INSERT or DELETE on an interpolated, bound or records.* table'],
      ["await scopedQuery(ctx, 'account', 'update').query\n  .where('t0.id', id)\n  .update({ name });", 'a write chained on a scoped query'],
      ['const locked = { object, id, row } as LockedRecord;', 'a LockedRecord made by a cast'],
    ];
    for (const [line, pattern] of caught) expect(findRecordWrites(line).map((f) => f.pattern), line).toEqual([pattern]);
  });

  it('leaves platform tables and reads through scopedQuery alone', () => {
    const passed = [
      "await trx('workflow_instances').where({ id: instance.id }).update({ status: 'recalled' });",
      "await trx('recycle_bin').insert({ object: object.name, record_id: row.id });",
      "`UPDATE workflow_tasks SET status = 'cancelled', decided_at = now() WHERE instance_id = ?::bigint`",
      '`INSERT INTO record_history (object, record_id, action) VALUES (?, ?, ?)`',
      '` AND NOT EXISTS (SELECT 1 FROM ${quoteTable(t.object.table)} WHERE id = ?::bigint)`',
      "const { query } = scopedQuery(ctx, 'account', 'read'); const row = await query.where('t0.id', id).first('t0.id');",
      "await updateLocked(locked, { _owner: owner }, ctx);",
    ];
    for (const line of passed) expect(findRecordWrites(line), line).toEqual([]);
  });

  it('has no way to make a LockedRecord but the lock (tsc checks the lines marked @ts-expect-error)', () => {
    const accept = (locked: LockedRecord) => locked.id;
    const forgeries = (object: ObjectInfo, locked: LockedRecord) => [
      // @ts-expect-error an object literal is not a LockedRecord
      accept({ object, id: '1', row: {} }),
      // @ts-expect-error nor is a copy of one that names another record
      accept({ ...locked, id: '2' }),
    ];
    expect(forgeries).toBeTypeOf('function');
    expect(findRecordWrites('const locked = row as unknown as LockedRecord;').map((f) => f.pattern)).toEqual(['a LockedRecord made by a cast']);
  });
});
