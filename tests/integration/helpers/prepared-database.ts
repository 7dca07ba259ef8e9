import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import knexFactory from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './test-database.ts';
import { preparedDatabaseName, type TestRun } from './test-run.ts';

export interface PackToInstall {
  name: string;
  demo?: boolean;
}

const PREPARE = fileURLToPath(new URL('./prepare-database.ts', import.meta.url));

/** The file names of one prepared database in the run's folder: its lock, its PGlite dump, its mark of failure. */
function filesOf(run: TestRun, packs: PackToInstall[]) {
  const recipe = JSON.stringify(packs.map(({ name, demo }) => ({ name, demo: demo ?? false })));
  const key = createHash('sha256').update(run.sources).update('\0').update(recipe).digest('hex').slice(0, 16);
  const file = (ending: string) => path.join(run.dir, `${key}.${ending}`);
  return { key, lock: file('lock'), ready: file('ready'), dump: file('tar'), failed: file('failed') };
}

/**
 * A database of its own for one test file, copied from one the run prepares once for these packs: the
 * admin's first start, then the packs installed through the API in this order (prepare-database.ts).
 * The first file to ask starts its preparation as a process of its own, which outlives the file if the
 * file's set-up times out, so that the work is never thrown away half done; the others wait for it.
 * Its name is a hash of the packs and of the sources (test-run.ts), so a changed migration or pack is
 * never served from an older copy. PGlite: a dump of the data directory in the run's folder, loaded into
 * a new in-memory database. PostgreSQL: a database of the run's, cloned with CREATE DATABASE … TEMPLATE.
 */
export async function preparedDatabase(run: TestRun, packs: PackToInstall[]): Promise<TestDatabase> {
  const files = filesOf(run, packs);
  await untilPrepared(run, packs, files);
  if (process.env.TESSERA_TEST_DB === 'postgres') return createTestDatabase({ template: preparedDatabaseName(run, files.key) });
  const db = connectDatabase({ loadDataDir: new Blob([await fs.readFile(files.dump)]) });
  return { db, kind: 'pglite', drop: () => db.destroy() };
}

/** Keeps the prepared `database` as the run's one for these packs (PGlite: dumped; PostgreSQL: renamed), and closes it. */
export async function keepPrepared(run: TestRun, packs: PackToInstall[], database: TestDatabase): Promise<void> {
  const files = filesOf(run, packs);
  if (database.kind === 'pglite') {
    const pglite = (database.db.client.config.connection as { pglite: PGlite }).pglite;
    const dump = await pglite.dumpDataDir('none');
    await database.drop();
    await fs.writeFile(`${files.dump}.part`, Buffer.from(await dump.arrayBuffer()));
    await fs.rename(`${files.dump}.part`, files.dump);
  } else {
    await database.db.destroy();
    // Made under another name and renamed when complete: a copy is never taken of a half-prepared one.
    const admin = knexFactory({ client: 'pg', connection: testDatabaseUrl(), pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`ALTER DATABASE ${new URL(database.url!).pathname.slice(1)} RENAME TO ${preparedDatabaseName(run, files.key)}`);
    } finally {
      await admin.destroy();
    }
  }
  await fs.writeFile(files.ready, '');
}

/** Records why a preparation failed, for the files waiting on it to report. */
export async function failedToPrepare(run: TestRun, packs: PackToInstall[], error: unknown): Promise<void> {
  await fs.writeFile(filesOf(run, packs).failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
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
 * Waits until the prepared database is ready, starting its preparation unless a live one is under way.
 * The test files of a run are separate processes: the lock file holds the preparing process's pid.
 */
async function untilPrepared(run: TestRun, packs: PackToInstall[], files: ReturnType<typeof filesOf>): Promise<void> {
  for (;;) {
    if (await exists(files.ready)) return;
    if (await exists(files.failed)) throw new Error(`preparing a database with ${JSON.stringify(packs)} failed:\n${await fs.readFile(files.failed, 'utf8')}`);
    try {
      await fs.writeFile(files.lock, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(files.lock, 'utf8').catch(() => ''));
      if (holder && !alive(holder) && !(await exists(files.ready))) await fs.rm(files.lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    const child = spawn(process.execPath, ['--import', 'tsx', PREPARE, JSON.stringify(run), JSON.stringify(packs)], {
      detached: true,
      stdio: 'ignore',
      env: process.env,
    });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${PREPARE}`);
    await fs.writeFile(files.lock, String(child.pid));
  }
}
