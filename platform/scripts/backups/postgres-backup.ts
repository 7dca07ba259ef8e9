import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { OperationError } from './operation-error.ts';
import { connectionArguments, runPostgresTool } from './postgres-tools.ts';

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
 * `pg_restore` into the database at `url`, in one transaction (a failure restores nothing). An
 * empty database is required unless `clean`, which drops the objects the backup holds first.
 * Objects become the restoring user's (the backup's owners and grants may not exist on this server).
 */
export async function restorePostgres(file: string, url: string, options: { clean: boolean }): Promise<void> {
  const relations = await countUserRelations(url);
  if (relations > 0 && !options.clean) {
    throw new OperationError(`The target database is not empty (${relations} tables, views or sequences). Restore into an empty database, or pass --clean to replace what the backup holds.`);
  }
  const { dbname, env } = connectionArguments(url);
  const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', `--dbname=${dbname}`];
  if (relations > 0) args.push('--clean', '--if-exists');
  await runPostgresTool('pg_restore', [...args, file], env);
}
