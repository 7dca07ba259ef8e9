import type { Knex } from 'knex';

/** Configuration imports: who applied which exported configuration when, and what it changed. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('config_imports', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('imported_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('imported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('manifest').notNullable();
    t.boolean('removed_missing').notNullable();
    /** [{kind, name, change}] for every definition the import added, changed or removed. */
    t.jsonb('changes').notNullable();
    t.index(['imported_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('config_imports');
}
