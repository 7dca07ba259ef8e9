import type { Knex } from 'knex';

/**
 * The SLA clocks of running workflows, one row per instance and SLA: how much of the allowed time
 * was used before the current run, since when it runs, and when it falls due (null while paused or
 * ended). The sweep finds the running ones past due through (status, due_at).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workflow_slas', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('instance_id').notNullable().references('id').inTable('workflow_instances').onDelete('CASCADE');
    t.text('sla').notNullable();
    t.text('status').notNullable();
    t.bigInteger('used_ms').notNullable().defaultTo(0);
    t.bigInteger('allowed_ms').notNullable();
    t.timestamp('running_since', { useTz: true }).nullable();
    t.timestamp('due_at', { useTz: true }).nullable();
    t.timestamp('ended_at', { useTz: true }).nullable();
    t.unique(['instance_id', 'sla']);
    t.index(['status', 'due_at']);
  });
  await knex.raw("ALTER TABLE workflow_slas ADD CONSTRAINT workflow_slas_status CHECK (status IN ('running', 'paused', 'met', 'breached', 'cancelled'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('workflow_slas');
}
