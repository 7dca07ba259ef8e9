import type { Knex } from 'knex';

/**
 * Users get a kind (`staff` uses the staff application, `portal` only what is open to portal users)
 * and an optional link to one record they act for (`account_object`, `account_id`), which criteria
 * scopes name as `$user.account`. Both halves of the link are set together or not at all.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.text('kind').notNullable().defaultTo('staff');
    t.text('account_object').nullable();
    t.bigInteger('account_id').nullable();
    t.index(['account_object', 'account_id'], 'users_account_idx');
  });
  await knex.raw("ALTER TABLE users ADD CONSTRAINT users_kind_check CHECK (kind IN ('staff', 'portal'))");
  await knex.raw('ALTER TABLE users ADD CONSTRAINT users_account_check CHECK ((account_object IS NULL) = (account_id IS NULL))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_account_check');
  await knex.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_kind_check');
  await knex.schema.alterTable('users', (t) => {
    t.dropIndex(['account_object', 'account_id'], 'users_account_idx');
    t.dropColumn('account_id');
    t.dropColumn('account_object');
    t.dropColumn('kind');
  });
}
