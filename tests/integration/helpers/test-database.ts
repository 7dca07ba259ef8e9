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

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or a new database on the
 * server of TEST_DATABASE_URL when the integration project runs with TESSERA_TEST_DB=postgres.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TESSERA_TEST_DB !== 'postgres') {
    const db = connectDatabase({});
    return { db, kind: 'pglite', drop: () => db.destroy() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL integration project');
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
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
