import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { ErrorDetail } from '../core/errors.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import { checkRoleDocument } from './check-role-document.ts';
import { checkWorkflowDefinition } from './check-workflow-definition.ts';
import { applySchemaActions, findDataLoss, planObjectChange, planObjectDrop } from '../schema/index.ts';
import { recordTable } from '../metadata/naming.ts';
import { checkObjectDefinition } from './check-object-definition.ts';
import { refuseStaleDefinition } from './definition-lock.ts';
import { bumpMetaVersion, latestDefinitionVersion, readObjectDefinitions, recordDefinitionVersion, storeDefinition, type SnapshotHolder } from '../metadata/metadata-store.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { buildSnapshot, type StoredDefinition } from '../metadata/snapshot.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import type { PackRegistry } from '../core/ports.ts';
import { msg, renderMessage } from '../core/messages/message.ts';
import { refuseWhileObjectLinked } from '../organisation/user-links.ts';

// One metadata change at a time across every server process.
const METADATA_LOCK = 727002;

/** Takes the metadata lock for the rest of the transaction and reads the object definitions under it. */
export async function lockedDefinitions(trx: Knex): Promise<StoredDefinition[]> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [METADATA_LOCK]);
  return readObjectDefinitions(trx);
}

export interface PutResult {
  definition: ObjectDefinition;
  version: number;
  created: boolean;
  changes: string[];
}

const definitionsWithout = (stored: StoredDefinition[], name: string) => stored.filter((s) => s.definition.name !== name);

/**
 * Roles and workflows are checked against the objects they name when they are written; an object
 * change that would leave one naming a missing object or field, or a condition or scope filter that no
 * longer compiles, is refused until they are changed, so none can silently lose (or gain) its meaning.
 */
function refuseBreakingDefinitions(candidate: SchemaSnapshot, current: SchemaSnapshot, registry: PackRegistry | undefined): void {
  const details: ErrorDetail[] = [];
  for (const role of current.roles.values()) {
    for (const d of checkRoleDocument(role, candidate)) details.push({ ...d, path: `/roles/${role.name}${d.path}`, definition: `role ${role.name}` });
  }
  for (const { definition } of current.workflows.values()) {
    for (const d of checkWorkflowDefinition(definition, candidate, registry)) details.push({ ...d, path: `/workflows/${definition.name}${d.path}`, definition: `workflow ${definition.name}` });
  }
  if (details.length) {
    const names = [...new Set(details.map((d) => d.definition))].join(', ');
    throw createError('CONFLICT', msg('object.stillReferred', { names }), details);
  }
}

/**
 * Creates or changes an object: the definition is validated, the table follows in the same
 * transaction as the metadata row, and the snapshot is swapped only after the commit.
 */
export async function putObjectDefinition(input: unknown, options: { force: boolean; expectedVersion?: number }, ctx: Ctx, holder: SnapshotHolder): Promise<PutResult> {
  const definition = validateAgainstSchema<ObjectDefinition>('object', input);
  const result = await ctx.db.transaction(async (trx) => {
    const stored = await lockedDefinitions(trx);
    const previous = stored.find((s) => s.definition.name === definition.name);
    refuseStaleDefinition('object', definition.name, options.expectedVersion, previous?.version);
    const others = stored.filter((s) => s.definition.name !== definition.name);
    // A re-created object continues the version numbers of the one deleted before it.
    const latest = previous?.version ?? (await latestDefinitionVersion(trx, 'object', definition.name));
    const version = latest + 1;
    const candidate = buildSnapshot([...others, { definition, version }], 0, [...holder.snapshot.roles.values()]);
    const problems = checkObjectDefinition(definition, candidate, ctx.registry);
    if (problems.length) throw createError('VALIDATION_FAILED', msg('object.invalid'), problems);
    refuseBreakingDefinitions(candidate, holder.snapshot, ctx.registry);

    const actions = planObjectChange(previous?.definition ?? null, definition);
    if (previous && !options.force) {
      const losses = await findDataLoss(trx, previous.definition, actions);
      if (losses.length) {
        throw createError(
          'LOSSY_CHANGE',
          msg('object.lossy'),
          losses.map((message) => ({ path: '', message })),
        );
      }
    }
    await applySchemaActions(trx, actions).catch((err: { code?: string }) => {
      if (err.code === '23505') {
        throw createError('CONFLICT', msg('object.duplicatesForUnique'));
      }
      throw err;
    });
    await storeDefinition(trx, 'object', definition.name, version, definition, previous ? 'update' : 'create', ctx.actor.id);
    await bumpMetaVersion(trx);
    return { definition, version, created: !previous, changes: actions.map((a) => renderMessage(a.description, ctx.lang)) };
  });
  await holder.reload();
  return result;
}

export async function deleteObjectDefinition(name: string, options: { force: boolean }, ctx: Ctx, holder: SnapshotHolder): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const stored = await lockedDefinitions(trx);
    const previous = stored.find((s) => s.definition.name === name);
    if (!previous) throw createError('NOT_FOUND', msg('object.notFound', { name }));
    const referencing = stored.flatMap((s) =>
      s.definition.name === name ? [] : s.definition.fields.filter((f) => f.type === 'lookup' && f.target === name).map((f) => `${s.definition.name}.${f.name}`),
    );
    if (referencing.length) {
      throw createError('CONFLICT', msg('object.pointedAt', { name, lookups: referencing.join(', ') }),
        referencing.map((r) => ({ path: '', message: msg('object.lookupTo', { lookup: r, name }) })));
    }
    refuseBreakingDefinitions(buildSnapshot(definitionsWithout(stored, name), 0, [...holder.snapshot.roles.values()]), holder.snapshot, ctx.registry);
    // Even with force: users acting for a record of the object would act for nothing.
    await refuseWhileObjectLinked(name, trx);
    if (!options.force) {
      const row = await trx(recordTable(name)).first(trx.raw('1 AS present'));
      if (row) throw createError('CONFLICT', msg('object.hasRecords', { name }));
    }
    await applySchemaActions(trx, planObjectDrop(previous.definition));
    await trx('meta_definitions').where({ kind: 'object', name }).delete();
    // A later object of the same name starts its ids again: nothing of this one may attach to it.
    await trx('recycle_bin').where({ object: name }).delete();
    await trx('record_history').where({ object: name }).delete();
    await trx('import_jobs').where({ object: name }).delete();
    await trx('record_shares').where({ object: name }).delete();
    await recordDefinitionVersion(trx, 'object', name, previous.version + 1, null, 'delete', ctx.actor.id);
    await bumpMetaVersion(trx);
  });
  await holder.reload();
}
