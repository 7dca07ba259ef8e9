import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';

export interface TestDatabase {
  db: Knex;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL database's address, for a server process of its own. */
  url?: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server's address the PostgreSQL integration project runs on. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL integration project');
  return url;
}

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or a new database on the
 * server of TEST_DATABASE_URL when the integration project runs with TESSERA_TEST_DB=postgres
 * (on PostgreSQL, a copy of `template` when one is named: see prepared-database.ts).
 */
export async function createTestDatabase(options: { template?: string } = {}): Promise<TestDatabase> {
  if (process.env.TESSERA_TEST_DB !== 'postgres') {
    const db = connectDatabase({});
    return { db, kind: 'pglite', drop: () => db.destroy() };
  }
  const url = testDatabaseUrl();
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = connectDatabase({ url: target.toString(), poolMax: 8 });
  return {
    db,
    kind: 'postgres',
    url: target.toString(),
    async drop() {
      await db.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
