/**
 * Ids of records and platform rows: positive bigints written in decimal (always strings in the API).
 * At most 18 digits, so every id that passes fits a bigint and never reaches the database as an error.
 */
const ID = /^[1-9][0-9]{0,17}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/** Names of objects, fields, roles and every other definition (SPEC §5). */
const NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function isName(value: unknown): value is string {
  return typeof value === 'string' && NAME.test(value);
}
