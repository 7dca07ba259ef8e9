import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

interface Statement {
  /** Prepared-statement name on PostgreSQL connections. */
  name: string;
  /** The SQL with `$1, $2, …` placeholders, converted once. */
  text: string;
}

// Distinct statement texts this process prepares; past the cap, statements are converted per call
// and run unprepared, so endless filter shapes cannot grow every connection's statement cache.
const MAX_PREPARED = 1000;
const statements = new Map<string, Statement>();

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function statementFor(version: string, sql: string): Statement | { name: undefined; text: string } {
  const key = `${version}\n${sql}`;
  const known = statements.get(key);
  if (known) return known;
  const text = numbered(sql);
  if (statements.size >= MAX_PREPARED) return { name: undefined, text };
  const statement = { name: `t_${createHash('sha1').update(key).digest('base64url').slice(0, 20)}`, text };
  statements.set(key, statement);
  return statement;
}

interface DriverConnection {
  query(config: { name?: string; text: string; values: unknown[] } | string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Runs a hot-path statement (create, list) straight on a pooled connection as a named prepared
 * statement: PostgreSQL parses and plans it once per connection, and the statement text is
 * converted to `$n` placeholders once per process. `sql` uses knex's `?` placeholders (never `??`).
 * `version` (the schema snapshot's version) is part of the name: after a field changes type the
 * same text would return other column types, which a prepared statement may not do.
 * Works inside a transaction (`db` is then the transaction) and on PGlite (which has no names).
 */
export async function runPrepared(db: Knex, version: string, sql: string, bindings: readonly unknown[]): Promise<Record<string, unknown>[]> {
  const statement = statementFor(version, sql);
  const values = bindings.map((v) => (v === undefined ? null : v));
  const client = db.client as { acquireConnection(): Promise<DriverConnection>; releaseConnection(c: DriverConnection): Promise<void>; config: { client: unknown } };
  const connection = await client.acquireConnection();
  try {
    const result =
      client.config.client === 'pg'
        ? await connection.query(statement.name ? { name: statement.name, text: statement.text, values } : { text: statement.text, values })
        : await connection.query(statement.text, values);
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A built query, run as a prepared statement. */
export function runPreparedQuery(db: Knex, version: string, query: Knex.QueryBuilder): Promise<Record<string, unknown>[]> {
  const { sql, bindings } = query.toSQL();
  return runPrepared(db, version, sql, bindings);
}
