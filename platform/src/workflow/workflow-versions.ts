import type { Knex } from 'knex';
import { createError } from '../core/errors.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { loadCompiledWorkflow, type CompiledWorkflow } from './compile-workflow.ts';
import { msg } from '../core/messages/message.ts';

/**
 * The compiled machine of one stored version (read from the version history on a cache miss), cached
 * for the database: its connection settings, which a transaction shares with the database it runs on.
 */
export async function loadWorkflowVersion(db: Knex, name: string, version: number): Promise<CompiledWorkflow> {
  return loadCompiledWorkflow(db.client.config as object, name, version, async () => {
    const row = await db('meta_definition_versions').where({ kind: 'workflow', name, version }).first('definition');
    if (!row?.definition) throw createError('NOT_FOUND', msg('workflow.noVersion', { name: String(name).slice(0, 80), version }));
    return row.definition as WorkflowDefinition;
  });
}
