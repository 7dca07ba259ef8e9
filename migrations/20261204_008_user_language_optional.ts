import type { Knex } from 'knex';

/**
 * A user's language becomes optional: null means they chose none, and answers follow the request's
 * Accept-Language. The old default 'en' cannot be told apart from a choice, so it becomes null too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.text('language').nullable().defaultTo(null).alter();
  });
  await knex('users').where('language', 'en').update({ language: null });
}

export async function down(knex: Knex): Promise<void> {
  await knex('users').whereNull('language').update({ language: 'en' });
  await knex.schema.alterTable('users', (t) => {
    t.text('language').notNullable().defaultTo('en').alter();
  });
}
