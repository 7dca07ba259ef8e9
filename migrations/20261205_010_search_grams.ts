import type { Knex } from 'knex';

/**
 * The pieces of text global search indexes (platform/src/schema/search-document.ts): a field's
 * lower-cased value becomes the array of its two- and three-character pieces (GIN). A query of two
 * characters asks for its bigram; a longer one for its trigrams, which are far more selective (a
 * phone's digits have only 100 bigrams). Immutable, so index expressions may use them; plain SQL, so
 * PGlite needs no extension, and the same whatever the database's locale, unlike pg_trgm.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION search_grams(doc text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
      SELECT coalesce(array_agg(DISTINCT piece), '{}'::text[])
        FROM (SELECT substr(doc, i, 2) FROM generate_series(1, length(doc) - 1) AS i
              UNION ALL
              SELECT substr(doc, i, 3) FROM generate_series(1, length(doc) - 2) AS i) AS pieces(piece)
    $$
  `);
  await knex.raw(`
    CREATE FUNCTION search_query_grams(query text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
      SELECT coalesce(array_agg(DISTINCT substr(query, i, n)), '{}'::text[])
        FROM (SELECT CASE WHEN length(query) < 3 THEN 2 ELSE 3 END) AS size(n),
             generate_series(1, length(query) - n + 1) AS i
    $$
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION search_query_grams(text)');
  await knex.raw('DROP FUNCTION search_grams(text)');
}
