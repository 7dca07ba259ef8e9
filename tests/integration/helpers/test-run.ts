import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** What the test files of one run share: where prepared databases are kept, and what they were made from. */
export interface TestRun {
  /** Names this run's prepared databases on a PostgreSQL server that other runs may use at the same time. */
  id: string;
  /** This run's folder for prepared PGlite data directories. */
  dir: string;
  /** A hash of everything a prepared database is made from (migrations, platform, packs, locked dependencies). */
  sources: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: TestRun;
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = ['migrations', 'platform/src', 'plugins', 'package-lock.json'];

function hashTree(hash: ReturnType<typeof createHash>, file: string): void {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(file).sort()) {
      if (entry !== 'node_modules' && entry !== 'dist') hashTree(hash, path.join(file, entry));
    }
    return;
  }
  hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
}

/** The prefix of the PostgreSQL databases a run prepares (`preparedDatabaseName`). */
export const PREPARED_PREFIX = 'tessera_prepared_';

/** A prepared database's name on PostgreSQL: its key, then the run, so that two runs on one server never share one. */
export const preparedDatabaseName = (run: TestRun, key: string) => `${PREPARED_PREFIX}${key}_${run.id}`;

/** Ends the preparations still under way when the run ends (every file that waited for them has given up). */
function stopPreparations(run: TestRun): void {
  for (const entry of fs.readdirSync(run.dir)) {
    if (!entry.endsWith('.lock') || fs.existsSync(path.join(run.dir, entry.replace(/lock$/, 'ready')))) continue;
    const pid = Number(fs.readFileSync(path.join(run.dir, entry), 'utf8'));
    try {
      if (pid) process.kill(pid);
    } catch {
      // It has ended meanwhile.
    }
  }
}

/**
 * Global set-up of a project that boots the app: gives its files a run of their own (`inject('testRun')`),
 * and at the end removes what they prepared: the folder, and on PostgreSQL this run's prepared databases.
 */
export function setUpTestRun(project: TestProject): () => Promise<void> {
  const hash = createHash('sha256');
  for (const source of SOURCES) if (fs.existsSync(path.join(ROOT, source))) hashTree(hash, path.join(ROOT, source));
  const run: TestRun = {
    id: randomBytes(4).toString('hex'),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-run-')),
    sources: hash.digest('hex'),
  };
  project.provide('testRun', run);
  return async () => {
    stopPreparations(run);
    fs.rmSync(run.dir, { recursive: true, force: true });
    const url = process.env.TEST_DATABASE_URL;
    if (!url || project.config.env?.TESSERA_TEST_DB !== 'postgres') return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREPARED_PREFIX}%${run.id}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
