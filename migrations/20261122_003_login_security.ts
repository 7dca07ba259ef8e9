import type { Knex } from 'knex';

/**
 * Failed-login bookkeeping lives on the user row, so a lockout holds across every server process:
 * the number of failures in the current window, when that window started, and until when the
 * account is locked.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('failed_logins_since', { useTz: true });
    t.timestamp('locked_until', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('locked_until');
    t.dropColumn('failed_logins_since');
    t.dropColumn('failed_logins');
  });
}
