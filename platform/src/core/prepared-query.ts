import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

// Distinct statement texts this process prepares; past the cap, queries run unprepared so that
// endless filter shapes cannot grow every connection's statement cache without bound.
const MAX_PREPARED = 1000;
const names = new Map<string, string>();

function statementName(key: string): string | undefined {
  const known = names.get(key);
  if (known || names.size >= MAX_PREPARED) return known;
  const name = `t_${createHash('sha1').update(key).digest('base64url').slice(0, 20)}`;
  names.set(key, name);
  return name;
}

/**
 * Runs a statement as a named prepared statement on PostgreSQL, so a hot path (create, list) is
 * parsed and planned once per connection instead of on every request. PGlite ignores the name.
 * `version` (the schema snapshot's version) is part of the name: after a field changes type the
 * same text would return other column types, which a prepared statement may not do.
 */
export function preparedRaw(db: Knex, version: string, sql: string, bindings: readonly unknown[]): Knex.Raw {
  const raw = db.raw(sql, bindings as Knex.RawBinding[]);
  const name = statementName(`${version}\n${sql}`);
  return name ? (raw.options({ name }) as Knex.Raw) : raw;
}

/** A built query, run as a prepared statement. */
export function preparedQuery(db: Knex, version: string, query: Knex.QueryBuilder): Knex.Raw {
  const { sql, bindings } = query.toSQL();
  return preparedRaw(db, version, sql, bindings);
}
