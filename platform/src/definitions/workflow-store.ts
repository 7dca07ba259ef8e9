import type { Ctx } from '../core/ctx.ts';
import { createError, detail, type ErrorDetail } from '../core/errors.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { refuseStaleDefinition } from './definition-lock.ts';
import { bumpMetaVersion, latestDefinitionVersion, listDefinitionVersions, storeDefinition, type DefinitionVersion, type SnapshotHolder } from '../metadata/metadata-store.ts';
import { lockedDefinitions } from './object-registry.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { buildSnapshot } from '../metadata/snapshot.ts';
import { checkWorkflowDefinition, namedUsers, refuseInvalid, workflowWarnings } from './check-workflow-definition.ts';
import { unknownCalendars } from './calendar-store.ts';
import { loadWorkflowVersion } from '../workflow/workflow-versions.ts';
import { msg } from '../core/messages/message.ts';

export interface WorkflowSummary {
  name: string;
  label: WorkflowDefinition['label'] | null;
  object: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

export type WorkflowVersion = DefinitionVersion<WorkflowDefinition>;

const iso = (v: Date | string) => new Date(v).toISOString();
const notFound = (name: string) => createError('NOT_FOUND', msg('workflow.notFound', { name: String(name).slice(0, 80) }));


export async function listWorkflows(ctx: Ctx): Promise<WorkflowSummary[]> {
  const rows = await ctx.db('meta_definitions').where({ kind: 'workflow' }).orderBy('name').select('name', 'version', 'definition', 'updated_at');
  return rows.map((r) => ({
    name: r.name,
    label: r.definition.label ?? null,
    object: r.definition.object,
    active: r.definition.active !== false,
    version: r.version,
    updatedAt: iso(r.updated_at),
  }));
}

export async function readWorkflow(name: string, ctx: Ctx, version?: number): Promise<{ definition: WorkflowDefinition; version: number }> {
  if (version === undefined) {
    const current = ctx.schema.workflows.get(name);
    if (!current) throw notFound(name);
    return current;
  }
  return loadWorkflowVersion(ctx.db, name, version);
}

export async function listWorkflowVersions(name: string, ctx: Ctx): Promise<WorkflowVersion[]> {
  const versions = await listDefinitionVersions<WorkflowDefinition>(ctx.db, 'workflow', name);
  if (!versions.length) throw notFound(name);
  return versions;
}

/**
 * Stores a new version of a workflow after its JSON Schema and semantic checks. Versions are never
 * changed: instances that started on an older one keep running on it.
 */
export async function putWorkflow(input: unknown, ctx: Ctx, holder: SnapshotHolder, expectedVersion?: number): Promise<{ definition: WorkflowDefinition; version: number; created: boolean; warnings: ErrorDetail[] }> {
  const definition = validateAgainstSchema<WorkflowDefinition>('workflow', input);
  const result = await ctx.db.transaction(async (trx) => {
    const objects = await lockedDefinitions(trx);
    const snapshot = buildSnapshot(objects, 0, [...holder.snapshot.roles.values()]);
    const details = checkWorkflowDefinition(definition, snapshot, ctx.registry);
    const users = namedUsers(definition);
    if (users.length) {
      const found = new Set((await trx('users').whereIn('id', users.map((u) => u.id)).select('id')).map((r: { id: string | number }) => String(r.id)));
      for (const u of users) if (!found.has(u.id)) details.push(detail(u.at, msg('pack.noUser', { id: u.id })));
    }
    details.push(...(await unknownCalendars(definition, trx)));
    refuseInvalid(details);
    const warnings = workflowWarnings(definition, snapshot);
    const previous = await trx('meta_definitions').where({ kind: 'workflow', name: definition.name }).forUpdate().first('version', 'definition');
    refuseStaleDefinition('workflow', definition.name, expectedVersion, previous?.version);
    if (previous && previous.definition.object !== definition.object) {
      throw createError('CONFLICT', msg('workflow.objectFixed', { name: definition.name, object: previous.definition.object }), [{ path: '/object', message: msg('workflow.mustStay', { object: previous.definition.object }) }]);
    }
    const version = (await latestDefinitionVersion(trx, 'workflow', definition.name)) + 1;
    await storeDefinition(trx, 'workflow', definition.name, version, definition, previous ? 'update' : 'create', ctx.actor.id);
    await bumpMetaVersion(trx, 'workflows');
    return { definition, version, created: !previous, warnings };
  });
  await holder.reload();
  return result;
}
