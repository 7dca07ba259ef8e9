import type { Knex } from 'knex';

/** The records each user opened lately, for the home page: one row per user and record, the latest opening kept. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('recent_records', (t) => {
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('object').notNullable();
    t.bigInteger('record_id').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'object', 'record_id']);
    t.index(['user_id', 'opened_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('recent_records');
}
