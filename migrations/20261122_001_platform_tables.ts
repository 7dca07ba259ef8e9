import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SCHEMA IF NOT EXISTS records');

  await knex.schema.createTable('settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
  });

  await knex.schema.createTable('departments', (t) => {
    t.bigIncrements('id').primary();
    t.text('name').notNullable();
    t.bigInteger('parent').references('id').inTable('departments').onDelete('RESTRICT');
    t.bigInteger('head');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('users', (t) => {
    t.bigIncrements('id').primary();
    t.text('username').notNullable().unique();
    t.text('password_hash').notNullable();
    t.text('name').notNullable();
    t.text('email');
    t.bigInteger('department').references('id').inTable('departments').onDelete('SET NULL');
    t.bigInteger('manager').references('id').inTable('users').onDelete('SET NULL');
    t.specificType('roles', 'text[]').notNullable().defaultTo('{}');
    t.boolean('active').notNullable().defaultTo(true);
    t.text('language').notNullable().defaultTo('en');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE departments ADD CONSTRAINT departments_head_fk FOREIGN KEY (head) REFERENCES users(id) ON DELETE SET NULL');

  await knex.schema.createTable('roles', (t) => {
    t.text('name').primary();
    t.jsonb('document').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('auth_sessions', (t) => {
    t.text('id').primary();
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id']);
  });

  await knex.schema.createTable('meta_definitions', (t) => {
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.integer('version').notNullable();
    t.jsonb('definition').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('updated_by');
    t.primary(['kind', 'name']);
  });

  await knex.schema.createTable('meta_definition_versions', (t) => {
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.integer('version').notNullable();
    t.jsonb('definition');
    t.text('change').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('created_by');
    t.primary(['kind', 'name', 'version']);
  });

  await knex.schema.createTable('record_history', (t) => {
    t.bigIncrements('id').primary();
    t.text('object').notNullable();
    t.bigInteger('record_id').notNullable();
    t.text('action').notNullable();
    t.text('field');
    t.jsonb('old_value');
    t.jsonb('new_value');
    t.bigInteger('actor');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('reverts');
    t.bigInteger('merged_from');
    t.index(['object', 'record_id', 'id']);
  });

  await knex.schema.createTable('recycle_bin', (t) => {
    t.text('object').notNullable();
    t.bigInteger('record_id').notNullable();
    t.text('title');
    t.timestamp('deleted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('deleted_by');
    t.primary(['object', 'record_id']);
    t.index(['deleted_at']);
  });

  await knex.schema.createTable('import_jobs', (t) => {
    t.bigIncrements('id').primary();
    t.text('object').notNullable();
    t.text('status').notNullable();
    t.integer('total').notNullable().defaultTo(0);
    t.integer('processed').notNullable().defaultTo(0);
    t.integer('inserted').notNullable().defaultTo(0);
    t.integer('failed').notNullable().defaultTo(0);
    t.jsonb('errors').notNullable().defaultTo('[]');
    t.bigInteger('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['import_jobs', 'recycle_bin', 'record_history', 'meta_definition_versions', 'meta_definitions', 'auth_sessions', 'roles']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('ALTER TABLE departments DROP CONSTRAINT IF EXISTS departments_head_fk');
  await knex.schema.dropTableIfExists('users');
  await knex.schema.dropTableIfExists('departments');
  await knex.schema.dropTableIfExists('settings');
  await knex.raw('DROP SCHEMA IF EXISTS records CASCADE');
}
