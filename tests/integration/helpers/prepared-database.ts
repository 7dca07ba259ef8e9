import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './test-database.ts';
import { preparedDatabaseName, type TestRun } from './test-run.ts';

/** Turns a database into the prepared one (boots the app on it, installs packs). */
export type Preparation = (database: TestDatabase) => Promise<void>;

/** The run's shared state, or undefined when no global set-up gave the files one. */
export const testRun = (): TestRun | undefined => inject('testRun');

/**
 * A database of its own for one test file, copied from one that the run prepares once per `recipe`:
 * the first file to ask makes it (`prepare` on the database `from` gives), the others wait for it.
 * Its name is a hash of the recipe and of the sources (test-run.ts), so a changed migration or pack is
 * never served from an older copy. PGlite: a dump of the data directory in the run's folder, loaded
 * into a new in-memory database. PostgreSQL: a database of the run's, cloned with CREATE DATABASE … TEMPLATE.
 */
export async function preparedDatabase(run: TestRun, recipe: string, from: () => Promise<TestDatabase>, prepare: Preparation): Promise<TestDatabase> {
  const key = createHash('sha256').update(run.sources).update('\0').update(recipe).digest('hex').slice(0, 16);
  if (process.env.TESSERA_TEST_DB === 'postgres') return postgresCopy(run, key, from, prepare);
  return pgliteCopy(run, key, from, prepare);
}

const pgliteOf = (db: Knex) => (db.client.config.connection as { pglite: PGlite }).pglite;

async function pgliteCopy(run: TestRun, key: string, from: () => Promise<TestDatabase>, prepare: Preparation): Promise<TestDatabase> {
  const file = path.join(run.dir, `${key}.tar`);
  await onceAcrossProcesses(path.join(run.dir, `${key}.lock`), file, async () => {
    const database = await from();
    try {
      await prepare(database);
      const dump = await pgliteOf(database.db).dumpDataDir('none');
      await fs.writeFile(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
      await fs.rename(`${file}.part`, file);
    } finally {
      await database.drop();
    }
  });
  const db = connectDatabase({ loadDataDir: new Blob([await fs.readFile(file)]) });
  return { db, kind: 'pglite', drop: () => db.destroy() };
}

const exists = (file: string) => fs.access(file).then(() => true, () => false);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes `file` unless it exists, one process at a time: the test files of a run are separate processes.
 * The lock file holds its taker's pid; a lock whose process has died is taken over.
 */
async function onceAcrossProcesses(lock: string, file: string, make: () => Promise<void>): Promise<void> {
  while (!(await exists(file))) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      if (holder && !alive(holder)) await fs.rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!(await exists(file))) await make();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }
}

// Two keys: a space of its own, apart from the single-key advisory locks the platform takes.
const LOCK_SPACE = 727100;

async function postgresCopy(run: TestRun, key: string, from: () => Promise<TestDatabase>, prepare: Preparation): Promise<TestDatabase> {
  const template = preparedDatabaseName(run, key);
  // Test files run in processes of their own: the first to take the lock prepares, the others then find it made.
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_SPACE, template]);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!rowCount) {
      const database = await from();
      try {
        await prepare(database);
      } catch (error) {
        await database.drop();
        throw error;
      }
      await database.db.destroy();
      // Made under another name and renamed when complete: a copy is never taken of a half-prepared one.
      await client.query(`ALTER DATABASE ${new URL(database.url!).pathname.slice(1)} RENAME TO ${template}`);
    }
  } finally {
    await client.end();
  }
  return createTestDatabase({ template });
}
