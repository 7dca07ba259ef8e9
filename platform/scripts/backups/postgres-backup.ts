import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { OperationError } from './operation-error.ts';
import { quoteIdentifier } from './catalog.ts';
import { connectionArguments, runPostgresTool, runRestoreScript } from './postgres-tools.ts';

/** The relations (tables, views, sequences) in a database outside PostgreSQL's own schemas. */
export async function countUserRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`);
    return rows[0].n;
  } catch (err) {
    throw new OperationError(`Cannot connect to the PostgreSQL database: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `pg_dump -Fc` of the whole database: the platform's tables, the records schema and pg-boss's jobs and timers. */
export async function backupPostgres(url: string, file: string): Promise<{ bytes: number }> {
  await countUserRelations(url);
  const { dbname, env } = connectionArguments(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await runPostgresTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(file).size };
}

/**
 * `pg_restore` into the database at `url`, in one transaction (a failure restores nothing). The
 * database must be empty unless `clean`: then everything in it is dropped first (every schema but
 * PostgreSQL's own), in the same transaction, so it ends holding exactly the backup. Objects become
 * the restoring user's (the backup's owners and grants may not exist on this server).
 */
export async function restorePostgres(file: string, url: string, options: { clean: boolean }): Promise<void> {
  const schemas = await userSchemas(url);
  const relations = await countUserRelations(url);
  if (relations > 0 && !options.clean) {
    throw new OperationError(`The target database is not empty (${relations} tables, views or sequences). Restore into an empty database, or pass --clean to replace everything in it.`);
  }
  const { dbname, env } = connectionArguments(url);
  const archiveArgs = ['--no-owner', '--no-acl', file];
  if (relations === 0) {
    await runPostgresTool('pg_restore', ['--single-transaction', '--exit-on-error', `--dbname=${dbname}`, ...archiveArgs], env);
    return;
  }
  // pg_restore's own --clean cannot drop partitioned tables' inherited keys (pg-boss's jobs): drop the schemas instead.
  const dropAll = [...schemas.map((s) => `DROP SCHEMA ${quoteIdentifier(s)} CASCADE;`), 'CREATE SCHEMA public;'].join('\n');
  await runRestoreScript(dropAll, archiveArgs, [`--dbname=${dbname}`], env);
}

async function userSchemas(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`);
    return rows.map((r: { nspname: string }) => r.nspname);
  } catch (err) {
    throw new OperationError(`Cannot connect to the PostgreSQL database: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
