import type { Knex } from 'knex';

/**
 * Portal self-registration: one row per sign-up, the portal user it created (inactive until a pack
 * activates it), the SHA-256 of the e-mailed verification token and when it expires, when the address
 * was verified and when the user was activated, and the company details the pack checked.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('portal_sign_ups', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('user_id').notNullable().unique().references('id').inTable('users').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('verified_at', { useTz: true }).nullable();
    t.timestamp('activated_at', { useTz: true }).nullable();
    t.jsonb('company').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('portal_sign_ups');
}
