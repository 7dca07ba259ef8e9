import type { Knex } from 'knex';
import { actionSql } from './action-sql.ts';
import type { SchemaAction } from './schema-actions.ts';

/**
 * Runs a plan's DDL in order. Pass a transaction: PostgreSQL DDL is transactional, so a step that
 * fails (a unique index over duplicates, a missing target table) leaves the table exactly as it was.
 */
export async function applySchemaActions(db: Knex, actions: readonly SchemaAction[]): Promise<void> {
  for (const action of actions) {
    for (const statement of actionSql(action)) await db.raw(statement.sql, statement.bindings);
  }
}
