import type { Knex } from 'knex';

/**
 * Running workflows (and the notifications they send): one instance per submission of a record (at most one running per record), its
 * approval tasks, and its history. A transition writes all three and the record's `_state` in one
 * transaction with the instance row locked.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workflow_instances', (t) => {
    t.bigIncrements('id').primary();
    t.text('workflow').notNullable();
    t.integer('version').notNullable();
    t.text('object').notNullable();
    t.bigInteger('record_id').notNullable();
    t.text('state').notNullable();
    t.text('status').notNullable();
    t.bigInteger('submitted_by');
    t.integer('round').notNullable().defaultTo(1);
    // An approval-gated edit: the proposed field values, applied only if the workflow ends in applyIn.
    t.jsonb('pending_change');
    t.specificType('apply_in', 'text[]');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['object', 'record_id']);
  });
  await knex.raw(`ALTER TABLE workflow_instances ADD CONSTRAINT workflow_instances_status CHECK (status IN ('running', 'done', 'recalled'))`);
  await knex.raw(`CREATE UNIQUE INDEX workflow_instances_one_running ON workflow_instances (object, record_id) WHERE status = 'running'`);

  await knex.schema.createTable('workflow_tasks', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('instance_id').notNullable().references('id').inTable('workflow_instances').onDelete('CASCADE');
    t.text('state').notNullable();
    t.integer('round').notNullable();
    t.bigInteger('assignee').notNullable().references('id').inTable('users');
    t.text('status').notNullable();
    t.text('comment');
    t.bigInteger('delegated_from');
    t.timestamp('due_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('decided_at', { useTz: true });
    t.index(['assignee', 'status', 'id']);
    t.index(['instance_id', 'round']);
  });
  await knex.raw(`ALTER TABLE workflow_tasks ADD CONSTRAINT workflow_tasks_status CHECK (status IN ('open', 'approved', 'rejected', 'delegated', 'cancelled'))`);

  await knex.schema.createTable('workflow_history', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('instance_id').notNullable().references('id').inTable('workflow_instances').onDelete('CASCADE');
    t.text('action').notNullable();
    t.integer('round');
    t.text('event');
    t.text('from_state');
    t.text('to_state');
    t.bigInteger('actor');
    t.bigInteger('task_id');
    t.text('comment');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['instance_id', 'id']);
  });

  // In-app notifications (workflow notify actions); e-mail is sent besides when SMTP is configured.
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.jsonb('message').notNullable();
    t.text('object');
    t.bigInteger('record_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['user_id', 'id']);
  });
  await knex.raw('CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notifications');
  await knex.schema.dropTableIfExists('workflow_history');
  await knex.schema.dropTableIfExists('workflow_tasks');
  await knex.schema.dropTableIfExists('workflow_instances');
}
