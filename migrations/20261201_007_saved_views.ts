import type { Knex } from 'knex';

/** Named list set-ups (filter, sort, columns) per user and object, optionally shared with everyone who reads the object. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_views', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('object').notNullable();
    t.text('name').notNullable();
    t.jsonb('definition').notNullable();
    t.boolean('shared').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'object', 'name']);
    t.index(['object', 'shared']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('saved_views');
}
