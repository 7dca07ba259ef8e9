import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError, detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import { withRolledBackWrites } from '../core/rolled-back.ts';
import { msg } from '../core/messages/message.ts';
import { pointerToken } from '../core/json-pointer.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import { SnapshotHolder } from '../metadata/metadata-store.ts';
import { deleteObjectDefinition, lockedDefinitions, putObjectDefinition } from '../definitions/object-registry.ts';
import { deleteRole, putRole } from '../definitions/role-store.ts';
import { putWorkflow } from '../definitions/workflow-store.ts';
import { deleteKindDefinition, putKindDefinition } from '../definitions/definition-kinds.ts';
import { calendarKind } from '../definitions/calendar-store.ts';
import { parseConfigBundle, type ConfigBundle } from './config-bundle.ts';
import { diffConfiguration, type ConfigDiff, type DefinitionDiff } from './config-diff.ts';
import { orderByLookups, withoutMissingTargets } from './object-order.ts';
import type { PackRegistrations } from './pack-registrations.ts';

// One configuration import at a time across every server process.
const CONFIG_IMPORT_LOCK = 727004;

export interface ImportOptions {
  /** Check everything and change nothing. */
  dryRun: boolean;
  /** Remove the target's definitions that the bundle's folders lack (default: keep them). */
  removeMissing: boolean;
  /** Apply changes that delete stored data (otherwise they are refused as problems). */
  acceptLossy: boolean;
  /** The basis of the preview the apply follows; required unless dryRun. */
  basis?: string;
}

export interface ImportResult extends ConfigDiff {
  removeMissing: boolean;
  /** Every definition that failed its checks, with pointers into the bundle; empty when the import can be applied. */
  problems: ErrorDetail[];
  applied: boolean;
  /** The record of an applied import. */
  importId: string | null;
}

/**
 * Imports an exported configuration into this system: the diff against it, then every added or
 * changed definition written through the admin API's own functions (objects first, in lookup order;
 * roles; calendars; workflows; the packs' kinds in registration order; removals last, in reverse) in ONE
 * transaction. Each write is checked as the admin API checks it; a refused write is collected as a
 * problem and the rest goes on, so a dry run (rolled back) lists every problem, and an apply with
 * any problem changes nothing. Applied definitions get new versions saved by the importer.
 */
export async function importConfiguration(input: unknown, options: ImportOptions, ctx: Ctx, holder: SnapshotHolder, registrations: PackRegistrations): Promise<ImportResult> {
  const bundle = parseConfigBundle(input, registrations);
  if (!options.dryRun && !options.basis) throw createError('BAD_REQUEST', msg('config.basisRequired'), [detail('/basis', msg('config.basisDetail'))]);
  const run = async (trx: Knex) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [CONFIG_IMPORT_LOCK]);
    // The metadata lock, held to the end: no object, role or workflow changes between the basis and the commit.
    await lockedDefinitions(trx);
    const diff = await diffConfiguration(bundle, trx, registrations, ctx.lang);
    if (!options.dryRun && options.basis !== diff.basis) throw createError('STALE_VERSION', msg('config.staleBasis'), [detail('/basis', msg('config.staleBasis'))], { currentBasis: diff.basis });
    const local = new SnapshotHolder(trx, holder.snapshot);
    await local.reload();
    const problems = await applyDiff(bundle, diff, options, withDb({ ...ctx, schema: local.snapshot }, trx), local, registrations);
    return { diff, problems };
  };

  if (options.dryRun) {
    const { diff, problems } = await withRolledBackWrites(ctx.db, run);
    return { ...diff, removeMissing: options.removeMissing, problems, applied: false, importId: null };
  }
  const result = await ctx.db.transaction(async (trx) => {
    const { diff, problems } = await run(trx);
    if (problems.length) {
      const onlyLosses = problems.every((p) => p.code === 'LOSSY_CHANGE');
      throw createError(onlyLosses ? 'LOSSY_CHANGE' : 'VALIDATION_FAILED', onlyLosses ? msg('config.importLossy') : msg('config.importInvalid', { count: problems.length }), problems);
    }
    const applied = diff.items.filter((i) => i.change !== 'removed' || options.removeMissing).map((i) => ({ kind: i.kind, name: i.name, change: i.change }));
    const [row] = await trx('config_imports')
      .insert({ imported_by: ctx.actor.id, manifest: JSON.stringify(bundle.manifest), removed_missing: options.removeMissing, changes: JSON.stringify(applied) })
      .returning('id');
    return { diff, importId: String((row as { id: string | number }).id) };
  });
  await holder.reload();
  return { ...result.diff, removeMissing: options.removeMissing, problems: [], applied: true, importId: result.importId };
}

/** Writes the diff's definitions in dependency order; returns the problems of the writes that were refused. */
async function applyDiff(bundle: ConfigBundle, diff: ConfigDiff, options: ImportOptions, ctx: Ctx, holder: SnapshotHolder, registrations: PackRegistrations): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const attempt = async (item: DefinitionDiff, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (err) {
      if (!isAppError(err)) throw err;
      problems.push(...problemsOf(item, err));
      return false;
    }
  };
  const at = (): Ctx => ({ ...ctx, schema: holder.snapshot });
  const definitionOf = (item: DefinitionDiff) => bundle.definitions[item.plural].find((d) => d.name === item.name)!;
  const writes = diff.items.filter((i) => i.change !== 'removed');
  const ofKind = (kind: string) => writes.filter((i) => i.kind === kind);
  const force = options.acceptLossy;

  // Objects: new ones whose lookups point at objects not there yet are first created without those lookups.
  const deferred: DefinitionDiff[] = [];
  const postponed: DefinitionDiff[] = [];
  for (const item of orderByLookups(ofKind('object'), definitionOf)) {
    const definition = definitionOf(item) as unknown as ObjectDefinition;
    const reduced = item.change === 'added' && Array.isArray(definition.fields) ? withoutMissingTargets(definition, holder.snapshot.objects) : null;
    try {
      await putObjectDefinition(reduced ?? definition, { force }, at(), holder);
      if (reduced) deferred.push(item);
    } catch (err) {
      if (!isAppError(err)) throw err;
      // Still named by a role or workflow the import changes too: tried again once those are written.
      if (err.code === 'CONFLICT' && item.change === 'changed') postponed.push(item);
      else problems.push(...problemsOf(item, err));
    }
  }
  for (const item of deferred) await attempt(item, () => putObjectDefinition(definitionOf(item), { force }, at(), holder));
  for (const item of ofKind('role')) await attempt(item, () => putRole(definitionOf(item), at(), holder));
  for (const item of ofKind('calendar')) await attempt(item, () => putKindDefinition(calendarKind, definitionOf(item), at()));
  for (const item of ofKind('workflow')) await attempt(item, () => putWorkflow(definitionOf(item), at(), holder));
  for (const item of postponed) await attempt(item, () => putObjectDefinition(definitionOf(item), { force }, at(), holder));
  const kinds = [...registrations.kinds];
  for (const kind of kinds) {
    for (const item of ofKind(kind.kind)) await attempt(item, () => putKindDefinition(kind, definitionOf(item), at()));
  }

  if (!options.removeMissing) return problems;
  const removals = diff.items.filter((i) => i.change === 'removed');
  const removalsOf = (kind: string) => removals.filter((i) => i.kind === kind);
  for (const kind of [...kinds].reverse()) {
    for (const item of removalsOf(kind.kind)) await attempt(item, () => deleteKindDefinition(kind, item.name, at()));
  }
  // A workflow is never deleted (instances run on its versions): a new version stops it starting again.
  for (const item of removalsOf('workflow')) {
    const current = holder.snapshot.workflows.get(item.name)?.definition;
    if (current && current.active !== false) await attempt(item, () => putWorkflow({ ...current, active: false }, at(), holder));
  }
  // A calendar still named by a workflow (an inactive one too: its instances may still run) stays, as a problem.
  for (const item of removalsOf('calendar')) await attempt(item, () => deleteKindDefinition(calendarKind, item.name, at()));
  for (const item of removalsOf('role')) await attempt(item, () => deleteRole(item.name, at(), holder));
  // An object goes before the objects it points at.
  const objects = orderByLookups(removalsOf('object'), (item) => holder.snapshot.objects.get(item.name)?.definition as unknown as Record<string, unknown> ?? {}).reverse();
  for (const item of objects) await attempt(item, () => deleteObjectDefinition(item.name, { force }, at(), holder));
  return problems;
}

/**
 * A refused write as problems pointing into the bundle: a definition's own problems under its place
 * in the bundle (`/definitions/objects/3/fields/1/type`); other refusals (a conflict with another
 * definition, data that would be lost) at the definition itself, or at its folder for a removal.
 */
function problemsOf(item: DefinitionDiff, err: ReturnType<typeof createError>): ErrorDetail[] {
  // A removal is not in the bundle: its problems point at the folder that lacks it, and name it.
  const at = item.at ?? `/definitions/${pointerToken(item.plural)}`;
  const definition = `${item.kind} ${item.name}`;
  const own = err.code === 'VALIDATION_FAILED' && err.details?.length;
  if (own) return err.details!.map((d) => ({ ...d, path: `${at}${d.path}`, definition, code: err.code }));
  const details = err.details?.length ? err.details.map((d) => ({ ...d, path: at, definition, code: err.code })) : [];
  // The admin API's own advice (`?force=true`) means, here, the import's option.
  const message = err.code === 'LOSSY_CHANGE' ? msg('config.lossyDefinition') : (err.localized ?? err.message);
  return [detail(at, message, { definition, code: err.code }), ...details.filter((d) => d.message !== err.message)];
}
