import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError, isAppError, type AppError } from '../core/errors.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import { SnapshotHolder } from '../metadata/metadata-store.ts';
import { putObjectDefinition } from '../definitions/object-registry.ts';
import { putRole } from '../definitions/role-store.ts';
import { putWorkflow } from '../definitions/workflow-store.ts';
import { putKindDefinition, sameDefinition } from '../definitions/definition-kinds.ts';
import { calendarKind } from '../definitions/calendar-store.ts';
import { checkPackHomeSections, checkPackUi } from './check-pack-ui.ts';
import { loadDemoData } from './load-demo-data.ts';
import type { Pack } from './pack-catalog.ts';
import type { PackRegistrations } from './pack-registrations.ts';
import { readPackContents, type PackDefinition } from './pack-contents.ts';
import { checkObjectExtension, extendDefinition, extensionProblem, keepOtherFields } from './object-extensions.ts';
import { orderByLookups, withoutMissingTargets } from './object-order.ts';
import { msg } from '../core/messages/message.ts';

// One pack installation at a time across every server process.
const PACK_LOCK = 727003;

export interface PackInstallResult {
  name: string;
  version: string;
  /** False when the pack was already installed at this version with these definitions. */
  changed: boolean;
  /** What was created or changed, e.g. "object account created". */
  changes: string[];
  demoLoaded: boolean;
}

const CORE_FOLDERS = new Set(['objects', 'extensions', 'roles', 'calendars', 'workflows']);

/**
 * Installs packs (a pack and the packs it requires, dependencies first) in one transaction: objects
 * with their tables, roles, workflows, definitions of pack-registered kinds, demo data once, and the
 * installation record. Definitions that are already as the pack has them are left alone, so installing
 * again changes nothing; any failure leaves the database as it was.
 */
export async function installPacks(packs: readonly Pack[], options: { demo: boolean }, ctx: Ctx, holder: SnapshotHolder, registrations: PackRegistrations): Promise<PackInstallResult[]> {
  const results = await ctx.db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [PACK_LOCK]);
    // Each step reloads the snapshot inside the transaction, so later definitions see earlier ones.
    const local = new SnapshotHolder(trx, holder.snapshot);
    const out: PackInstallResult[] = [];
    for (const pack of packs) out.push(await installOne(pack, options, trx, ctx, local, registrations));
    return out;
  });
  await holder.reload();
  return results;
}

async function installOne(pack: Pack, options: { demo: boolean }, trx: Knex, ctx: Ctx, local: SnapshotHolder, registrations: PackRegistrations): Promise<PackInstallResult> {
  const { name, version } = pack.manifest;
  const contents = readPackContents(pack);
  const changes: string[] = [];
  const at = () => withDb({ ...ctx, schema: local.snapshot }, trx);
  const inFile = async <T>(item: PackDefinition, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      throw inPackFile(err, name, item.file);
    }
  };

  const unknown = [...contents.definitions.keys()].filter((folder) => !CORE_FOLDERS.has(folder) && !registrations.kindByPlural(folder));
  if (unknown.length) {
    throw createError('VALIDATION_FAILED', msg('pack.unknownKinds', { name, kinds: unknown.join(', ') }),
      unknown.map((folder) => ({ path: `/${name}/${folder}`, message: msg('pack.notAKind') })));
  }

  const objects = orderByLookups(contents.definitions.get('objects') ?? [], (item) => item.definition);
  const deferred: PackDefinition[] = [];
  for (const item of objects) {
    const definition = item.definition as unknown as ObjectDefinition;
    const current = local.snapshot.objects.get(String(definition.name));
    const wanted = current?.definition ? keepOtherFields(definition, current.definition) : definition;
    if (current && sameDefinition(current.definition, wanted)) continue;
    const reduced = current ? null : withoutMissingTargets(definition, local.snapshot.objects);
    await inFile(item, () => putObjectDefinition(reduced ?? wanted, { force: false }, at(), local));
    if (reduced) deferred.push(item);
    changes.push(`object ${definition.name} ${current ? 'changed' : 'created'}`);
  }
  // Objects that point at each other get their remaining lookups once all of them exist.
  for (const item of deferred) await inFile(item, () => putObjectDefinition(item.definition, { force: false }, at(), local));

  for (const item of contents.definitions.get('extensions') ?? []) {
    const extended = await inFile(item, async () => {
      const extension = checkObjectExtension(item.definition);
      const current = local.snapshot.objects.get(extension.name);
      if (!current?.definition || current.system) {
        throw createError('VALIDATION_FAILED', msg('pack.extensionTarget', { name: extension.name }), [{ path: '/name', message: msg('pack.noObject', { name: extension.name }) }]);
      }
      const merged = extendDefinition(current.definition, extension);
      if (sameDefinition(current.definition, merged)) return null;
      try {
        await putObjectDefinition(merged, { force: false }, at(), local);
      } catch (err) {
        throw isAppError(err) ? extensionProblem(err, merged, extension) : err;
      }
      return extension.name;
    });
    if (extended) changes.push(`object ${extended} extended`);
  }

  for (const item of contents.definitions.get('roles') ?? []) {
    const current = local.snapshot.roles.get(String(item.definition.name));
    if (current && sameDefinition(current, item.definition)) continue;
    await inFile(item, () => putRole(item.definition, at(), local));
    changes.push(`role ${String(item.definition.name)} ${current ? 'changed' : 'created'}`);
  }
  // Calendars before the workflows whose timeouts and SLAs count working time on them.
  for (const item of contents.definitions.get('calendars') ?? []) {
    const result = await inFile(item, () => putKindDefinition(calendarKind, item.definition, at()));
    if (result.changed) changes.push(`calendar ${String(item.definition.name)} ${result.created ? 'created' : 'changed'}`);
  }
  for (const item of contents.definitions.get('workflows') ?? []) {
    const current = local.snapshot.workflows.get(String(item.definition.name));
    if (current && sameDefinition(current.definition, item.definition)) continue;
    await inFile(item, () => putWorkflow(item.definition, at(), local));
    changes.push(`workflow ${String(item.definition.name)} ${current ? 'changed' : 'created'}`);
  }
  // Kinds in the order they were registered, so that a kind may refer to an earlier one (dashboards to reports).
  for (const kind of registrations.kinds) {
    for (const item of contents.definitions.get(kind.plural) ?? []) {
      const result = await inFile(item, () => putKindDefinition(kind, item.definition, at()));
      if (result.changed) changes.push(`${kind.kind} ${String(item.definition.name)} ${result.created ? 'created' : 'changed'}`);
    }
  }

  const uiProblems = checkPackUi(pack, local.snapshot);
  if (uiProblems.length) throw createError('VALIDATION_FAILED', msg('pack.uiReferences', { name }), uiProblems);
  const homeProblems = checkPackHomeSections(pack, local.snapshot);
  if (homeProblems.length) throw createError('VALIDATION_FAILED', msg('pack.homeInvalid', { name }), homeProblems);

  const installed = await trx('pack_installations').where({ name }).first('version', 'demo_loaded');
  const loadDemo = options.demo && contents.demo.length > 0 && !installed?.demo_loaded;
  if (loadDemo) {
    await inFile({ file: 'demo', definition: {} }, () => loadDemoData(name, contents.demo, at()));
    changes.push('demo data loaded');
  }
  if (!installed || installed.version !== version || loadDemo) {
    await trx('pack_installations')
      .insert({ name, version, demo_loaded: loadDemo || installed?.demo_loaded === true, installed_by: ctx.actor.id })
      .onConflict('name')
      .merge({ version, demo_loaded: loadDemo || installed?.demo_loaded === true, updated_at: trx.fn.now() });
    if (!installed) changes.unshift(`pack ${name} ${version} installed`);
    else if (installed.version !== version) changes.unshift(`pack ${name} ${installed.version} → ${version}`);
  }
  return { name, version, changed: changes.length > 0, changes, demoLoaded: loadDemo };
}

/** Errors name the pack file they come from; their JSON pointers are prefixed with it. */
function inPackFile(err: unknown, pack: string, file: string): unknown {
  if (!isAppError(err)) return err;
  const e = err as AppError;
  const prefix = `/${pack}/${file}`;
  return createError(e.code, msg('pack.fileProblem', { pack, file, problem: e.localized ?? e.message }), (e.details ?? []).map((d) => ({ ...d, path: `${prefix}${d.path}` })));
}
