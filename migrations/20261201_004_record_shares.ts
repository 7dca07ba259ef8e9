import type { Knex } from 'knex';

/**
 * Record shares (the person level of the permission engine): one record of one object shared with a
 * user or with a department, for reading or for writing. Scopes look shares up by the user or the
 * department, so both have an index that ends with the record id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('record_shares', (t) => {
    t.bigIncrements('id').primary();
    t.text('object').notNullable();
    t.bigInteger('record_id').notNullable();
    t.bigInteger('user_id').references('id').inTable('users').onDelete('CASCADE');
    t.bigInteger('department_id').references('id').inTable('departments').onDelete('CASCADE');
    t.text('access').notNullable();
    t.bigInteger('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['object', 'user_id', 'record_id']);
    t.index(['object', 'department_id', 'record_id']);
    t.index(['object', 'record_id']);
  });
  await knex.raw(`ALTER TABLE record_shares ADD CONSTRAINT record_shares_one_target CHECK ((user_id IS NULL) <> (department_id IS NULL))`);
  await knex.raw(`ALTER TABLE record_shares ADD CONSTRAINT record_shares_access CHECK (access IN ('read', 'write'))`);
  await knex.raw('CREATE UNIQUE INDEX record_shares_user_key ON record_shares (object, record_id, user_id) WHERE user_id IS NOT NULL');
  await knex.raw('CREATE UNIQUE INDEX record_shares_department_key ON record_shares (object, record_id, department_id) WHERE department_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('record_shares');
}
