import type { Knex } from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { migrationSource } from '../../../migrations/index.ts';

/** A fresh in-memory PGlite database with the platform tables. */
export async function openTestDatabase(): Promise<Knex> {
  const db = connectDatabase({});
  await db.migrate.latest({ migrationSource });
  return db;
}
