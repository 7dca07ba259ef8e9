import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Db = Knex;

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Both drivers return the same JavaScript values: ids (int8) as strings so they never lose
// precision, numerics as numbers, and dates as the 'YYYY-MM-DD' text PostgreSQL printed.
const identity = (value: string) => value;
pg.types.setTypeParser(INT8, identity);
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(DATE, identity);

export interface DatabaseTarget {
  /** A postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string;
  poolMax?: number;
}

export function connectDatabase(target: DatabaseTarget): Db {
  if (target.url) {
    return knexFactory({
      client: 'pg',
      connection: { connectionString: target.url, application_name: 'tessera' },
      pool: { min: 0, max: target.poolMax ?? 16 },
    });
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    parsers: { [INT8]: identity, [NUMERIC]: (v: string) => Number(v), [DATE]: identity },
  });
  return knexFactory({
    client: ClientPGLite as unknown as typeof knexFactory.Client,
    connection: { pglite } as unknown as Knex.StaticConnectionConfig,
  });
}

export function isPglite(db: Db): boolean {
  return db.client.config.client !== 'pg';
}
