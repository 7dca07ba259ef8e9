import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import PgBoss from 'pg-boss';
import { migrationSource } from '../../../migrations/index.ts';
import { DATA_DIR_LOCK_FILE, DataDirInUseError, dataDirHolder, lockDataDir } from '../../src/core/data-dir-lock.ts';
import { connectDatabase } from '../../src/core/database.ts';
import { knexExecutor } from '../../src/jobs/knex-executor.ts';
import { constraints, otherObjects, plainIndexes, quoteIdentifier, sequences, tables, userSchemas, type CatalogTable } from './catalog.ts';
import { hasEmbeddedDatabase } from './embedded-backup.ts';
import { OperationError } from './operation-error.ts';
import { countUserRelations } from './postgres-backup.ts';
import { connectionArguments } from './postgres-tools.ts';

/** The schemas whose tables the product's own code creates on the target; any other schema's tables are created from the source's catalog. */
const PLATFORM_SCHEMA = 'public';
const JOB_SCHEMA = 'pgboss';
const BATCH_ROWS = 2000;

export interface TableCount {
  table: string;
  source: number;
  target: number;
  /** Whether every row's values are the same on both sides. */
  sameRows: boolean;
}

export interface MoveSummary {
  tables: TableCount[];
  sequences: number;
}

/**
 * Copies an embedded installation into an empty PostgreSQL database, in one transaction on the
 * target: the platform's migrations and pg-boss's schema are created by their own code, the record
 * tables from the source's catalog; every table's rows are copied, then constraints and indexes are
 * added (checking the copied rows) and sequences set. The source is never opened: a copy of its
 * data directory is read.
 */
export async function moveToPostgres(dataDir: string, url: string, say: (line: string) => void): Promise<MoveSummary> {
  if (!hasEmbeddedDatabase(dataDir)) throw new OperationError(`There is no embedded database in ${dataDir}.`);
  connectionArguments(url);
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new DataDirInUseError(dataDir, holder);
  const relations = await countUserRelations(url);
  if (relations > 0) throw new OperationError(`The target database is not empty (${relations} tables, views or sequences). Create an empty database for the move.`);

  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-move-'));
  const releaseSource = lockDataDir(dataDir);
  try {
    say(`Reading a copy of ${dataDir}`);
    fs.cpSync(dataDir, copyDir, { recursive: true, filter: (file) => path.basename(file) !== DATA_DIR_LOCK_FILE });
  } finally {
    releaseSource();
  }
  const source = connectDatabase({ dataDir: copyDir });
  const target = connectDatabase({ url, poolMax: 2 });
  try {
    await bringUpToDate(source);
    say('Copying into PostgreSQL (one transaction)');
    await target.transaction((trx) => copyDatabase(source, trx, say));
    const summary = await compareCounts(source, target);
    return summary;
  } finally {
    await target.destroy();
    await source.destroy();
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
}

/** The copy gets this version's migrations and job schema, so that source and target tables match. */
async function bringUpToDate(source: Knex): Promise<void> {
  await source.migrate.latest({ migrationSource });
  if (!(await userSchemas(source)).includes(JOB_SCHEMA)) return;
  const boss = new PgBoss({ db: knexExecutor(source), schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false } as unknown as PgBoss.ConstructorOptions);
  await boss.start();
  await boss.stop({ graceful: false, wait: true } as PgBoss.StopOptions);
}

async function copyDatabase(source: Knex, trx: Knex.Transaction, say: (line: string) => void): Promise<void> {
  const schemas = await userSchemas(source);
  const catalogSchemas = schemas.filter((s) => s !== PLATFORM_SCHEMA && s !== JOB_SCHEMA);

  await trx.migrate.latest({ migrationSource });
  if (schemas.includes(JOB_SCHEMA)) await createJobSchema(source, trx);
  const sourceTables = await tables(source, schemas);
  await createTables(source, trx, sourceTables.filter((t) => catalogSchemas.includes(t.schema)), catalogSchemas);
  await checkSameShape(source, trx, sourceTables, schemas);

  // Foreign keys are checked when they are added back, after all rows are in: no copy order needed.
  const platformKeys = (await constraints(trx, schemas)).filter((k) => k.kind === 'f' && !k.deferrable);
  for (const key of platformKeys) await trx.raw(`ALTER TABLE ${key.qualifiedTable} DROP CONSTRAINT ${quoteIdentifier(key.name)}`);

  // What the migrations and pg-boss wrote on the target (their bookkeeping) is replaced by the source's rows.
  for (const table of sourceTables) await trx.raw(`DELETE FROM ${table.qualified}`);
  for (const table of sourceTables) {
    const rows = await copyRows(source, trx, table);
    say(`  ${table.qualified}: ${rows} rows`);
  }

  const catalogKeys = await constraints(source, catalogSchemas);
  for (const key of [...catalogKeys.filter((k) => k.kind !== 'f'), ...catalogKeys.filter((k) => k.kind === 'f'), ...platformKeys]) {
    await trx.raw(`ALTER TABLE ${key.qualifiedTable} ADD CONSTRAINT ${quoteIdentifier(key.name)} ${key.definition}`);
  }
  for (const index of await plainIndexes(source, catalogSchemas)) await trx.raw(index);
  await setSequences(source, trx, schemas);
}

/** pg-boss's schema as pg-boss creates it (its plan without its own BEGIN and COMMIT), with a partition per queue. */
async function createJobSchema(source: Knex, trx: Knex.Transaction): Promise<void> {
  const plan = PgBoss.getConstructionPlans(JOB_SCHEMA).trim().replace(/^BEGIN;/, '').replace(/COMMIT;$/, '');
  await trx.raw(plan);
  // The plan's SET LOCAL timeouts are meant for its own short transaction, not for the whole copy.
  await trx.raw('SET LOCAL lock_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0');
  const { rows } = await source.raw(`SELECT name, policy FROM ${JOB_SCHEMA}.queue ORDER BY name`);
  for (const queue of rows) await trx.raw(`SELECT ${JOB_SCHEMA}.create_queue(?, ?::json)`, [queue.name, JSON.stringify({ policy: queue.policy })]);
}

/** Tables of the record schema (and any other schema the product made) as the source's catalog describes them; keys and indexes come after the rows. */
async function createTables(source: Knex, trx: Knex.Transaction, toCreate: CatalogTable[], schemas: string[]): Promise<void> {
  for (const schema of schemas) await trx.raw(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  const identityColumns = new Set(toCreate.flatMap((t) => t.columns.filter((c) => c.identity).map((c) => `${t.qualified}.${c.name}`)));
  for (const sequence of await sequences(source, schemas)) {
    if (!sequence.owner || !identityColumns.has(`${sequence.owner.qualifiedTable}.${sequence.owner.column}`)) await trx.raw(`CREATE SEQUENCE ${sequence.qualified}`);
  }
  for (const table of toCreate) {
    const columns = table.columns.map((c) => {
      let sql = `${quoteIdentifier(c.name)} ${c.type}`;
      if (c.identity) sql += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
      else if (c.generated) sql += ` GENERATED ALWAYS AS (${c.defaultSql}) STORED`;
      else if (c.defaultSql !== null) sql += ` DEFAULT ${c.defaultSql}`;
      return c.notNull ? `${sql} NOT NULL` : sql;
    });
    await trx.raw(`CREATE TABLE ${table.qualified} (\n  ${columns.join(',\n  ')}\n)`);
  }
}

/** Every source table and column has its like on the target, and nothing the copy does not carry is left behind. */
async function checkSameShape(source: Knex, trx: Knex.Transaction, sourceTables: CatalogTable[], schemas: string[]): Promise<void> {
  const targetColumns = new Map((await tables(trx, schemas)).flatMap((t) => t.columns.map((c) => [`${t.qualified}.${quoteIdentifier(c.name)}`, c.type] as const)));
  const problems: string[] = [];
  for (const table of sourceTables) {
    for (const column of table.columns) {
      const type = targetColumns.get(`${table.qualified}.${quoteIdentifier(column.name)}`);
      if (type === undefined) problems.push(`column ${table.qualified}.${column.name} is missing on the target`);
      else if (type !== column.type) problems.push(`column ${table.qualified}.${column.name} is ${column.type} in the source but ${type} on the target`);
    }
  }
  const onTarget = new Set(await otherObjects(trx, schemas));
  for (const object of await otherObjects(source, schemas)) if (!onTarget.has(object)) problems.push(`${object} would not be copied`);
  if (problems.length > 0) throw new OperationError(`The embedded database does not match this version's tables; nothing was moved:\n  ${problems.join('\n  ')}`);
}

/** Rows travel as JSON: PostgreSQL prints each value as text and parses it back into the same type on the target. */
async function copyRows(source: Knex, trx: Knex.Transaction, table: CatalogTable): Promise<number> {
  const columns = table.columns.filter((c) => !c.generated).map((c) => quoteIdentifier(c.name)).join(', ');
  const insert = `INSERT INTO ${table.qualified} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM json_populate_recordset(NULL::${table.qualified}, ?::json)`;
  let copied = 0;
  await source.transaction(async (read) => {
    await read.raw(`DECLARE copy_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${table.qualified} t`);
    for (;;) {
      const { rows } = await read.raw(`FETCH ${BATCH_ROWS} FROM copy_rows`);
      if (rows.length === 0) break;
      await trx.raw(insert, [`[${rows.map((r: { row: string }) => r.row).join(',')}]`]);
      copied += rows.length;
    }
  });
  return copied;
}

/** Each sequence continues where the source's did, and never below the highest id it numbered. */
async function setSequences(source: Knex, trx: Knex.Transaction, schemas: string[]): Promise<void> {
  for (const sequence of await sequences(source, schemas)) {
    const highest = sequence.owner
      ? (await trx.raw(`SELECT max(${quoteIdentifier(sequence.owner.column)})::text AS v FROM ${sequence.owner.qualifiedTable}`)).rows[0].v
      : null;
    const values = [sequence.lastValue, highest].filter((v): v is string => v !== null).map(BigInt);
    if (values.length === 0) continue;
    const value = values.reduce((a, b) => (a > b ? a : b));
    await trx.raw('SELECT setval(?::regclass, ?::bigint, true)', [sequence.qualified, value.toString()]);
  }
}

/** Per table: the row count on each side, and whether the rows are the same (an order-free sum of each row's hash). */
async function compareCounts(source: Knex, target: Knex): Promise<MoveSummary> {
  const schemas = await userSchemas(source);
  const counted: TableCount[] = [];
  for (const table of await tables(source, schemas)) {
    const measure = async (db: Knex) =>
      (await db.raw(`SELECT count(*)::int AS rows, coalesce(sum(('x' || substr(md5(row_to_json(t)::text), 1, 15))::bit(60)::bigint), 0)::text AS digest FROM ${table.qualified} t`)).rows[0] as { rows: number; digest: string };
    const [before, after] = [await measure(source), await measure(target)];
    counted.push({ table: `${table.schema}.${table.name}`, source: before.rows, target: after.rows, sameRows: before.digest === after.digest });
  }
  return { tables: counted, sequences: (await sequences(source, schemas)).length };
}
