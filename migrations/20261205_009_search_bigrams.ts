import type { Knex } from 'knex';

/**
 * The bigrams of a text, for global search (platform/src/schema/search-document.ts): a record's
 * lower-cased search text is indexed as the array of its two-character pieces (GIN), and a query of
 * two characters or more is answered from the records holding all of the query's bigrams. Immutable,
 * so an index expression may use it. Works the same whatever the database's locale, unlike pg_trgm.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION search_bigrams(doc text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT substr(doc, i, 2)), '{}'::text[]) FROM generate_series(1, length(doc) - 1) AS i $$
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION search_bigrams(text)');
}
