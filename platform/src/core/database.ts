import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from './logger.ts';
import { lockDataDir } from './data-dir-lock.ts';

export type Db = Knex;

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?\+00$/;

/** PostgreSQL's timestamptz text as the ISO 8601 string the API returns (millisecond precision, UTC). */
export function timestamptzToIso(text: string): string {
  const utc = UTC_TIMESTAMP.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}${`${utc[3] ?? '.'}000`.slice(0, 4)}Z`;
  const time = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

// Both drivers return the same JavaScript values: ids (int8) as strings so they never lose
// precision, numerics as numbers, dates as the 'YYYY-MM-DD' text PostgreSQL printed and
// timestamps as ISO strings (sessions run in UTC, so the conversion is a string rearrangement).
const identity = (value: string) => value;
pg.types.setTypeParser(INT8, identity);
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(DATE, identity);
pg.types.setTypeParser(TIMESTAMPTZ, timestamptzToIso);

export interface DatabaseTarget {
  /** A postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string;
  /** A PGlite data directory dumped with `dumpDataDir` for an in-memory database to start from (tests). */
  loadDataDir?: Blob;
  poolMax?: number;
  /** How the connections name themselves in `pg_stat_activity`. */
  applicationName?: string;
  /** Give up connecting after this long (a read replica that does not answer must not hold requests up). */
  connectTimeoutMs?: number;
  /** Where knex's own connection warnings go (at debug level) instead of the console. */
  log?: Logger;
}

const knexLog = (log: Logger) => {
  const debug = (message: unknown) => log.debug({ knex: String(message) }, 'database driver message');
  return { debug, warn: debug, error: debug, deprecate: debug };
};

export function connectDatabase(target: DatabaseTarget): Db {
  if (target.url) {
    return knexFactory({
      client: 'pg',
      connection: {
        connectionString: target.url,
        application_name: target.applicationName ?? 'tessera',
        options: '-c TimeZone=UTC',
        ...(target.connectTimeoutMs ? { connectionTimeoutMillis: target.connectTimeoutMs } : {}),
      },
      pool: { min: 0, max: target.poolMax ?? 16 },
      ...(target.connectTimeoutMs ? { acquireConnectionTimeout: target.connectTimeoutMs * 2 } : {}),
      ...(target.log ? { log: knexLog(target.log) } : {}),
    });
  }
  let release = () => {};
  if (target.dataDir) {
    fs.mkdirSync(target.dataDir, { recursive: true });
    release = lockDataDir(target.dataDir);
  }
  const pglite = new PGlite({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: { [INT8]: identity, [NUMERIC]: (v: string) => Number(v), [DATE]: identity, [TIMESTAMPTZ]: timestamptzToIso },
  });
  const db = knexFactory({
    client: ClientPGLite as unknown as typeof knexFactory.Client,
    connection: { pglite } as unknown as Knex.StaticConnectionConfig,
  });
  // The data directory is free again once PGlite has closed its files (knex.destroy ends in client.destroy).
  const client = db.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    try {
      await destroy(callback);
    } finally {
      release();
    }
  };
  return db;
}

/** Whether `db` is the embedded PGlite database (one process, no replicas) rather than a PostgreSQL server. */
export function isEmbedded(db: Db): boolean {
  return db.client.config.client !== 'pg';
}
