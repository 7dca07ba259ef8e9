import type { Knex } from 'knex';

/** Which packs are installed, at which version, and whether their demo data was loaded. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pack_installations', (t) => {
    t.text('name').primary();
    t.text('version').notNullable();
    t.boolean('demo_loaded').notNullable().defaultTo(false);
    t.bigInteger('installed_by');
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('pack_installations');
}
