import type { Knex } from 'knex';
import { createError } from '../core/errors.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { compiledWorkflow, type CompiledWorkflow } from './compile-workflow.ts';

const versions = new Map<string, WorkflowDefinition>();

/** The compiled machine of one stored version; versions never change, so both layers are cached. */
export async function loadWorkflowVersion(db: Knex, name: string, version: number): Promise<CompiledWorkflow> {
  const key = `${name}@${version}`;
  let definition = versions.get(key);
  if (!definition) {
    const row = await db('meta_definition_versions').where({ kind: 'workflow', name, version }).first('definition');
    if (!row?.definition) throw createError('NOT_FOUND', `The workflow '${name}' has no version ${version}.`);
    definition = row.definition as WorkflowDefinition;
    if (versions.size > 2000) versions.delete(versions.keys().next().value as string);
    versions.set(key, definition);
  }
  return compiledWorkflow(definition, version);
}
