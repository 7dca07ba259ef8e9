import type { Knex } from 'knex';
import type { PackManifest } from '../generated/pack.ts';
import type { ConfigBundle } from './config-bundle.ts';
import type { PackRegistrations } from './pack-registrations.ts';

export const EXPORTED_PACK_NAME = 'configuration';

/**
 * Every definition of the system as stored, per folder, ordered by name: objects, roles, calendars, workflows,
 * then the packs' kinds in registration order (an empty list where there is none, so that an import
 * knows the source had none).
 */
export async function currentDefinitions(db: Knex, registrations: PackRegistrations): Promise<Record<string, Record<string, unknown>[]>> {
  const stored = async (kind: string) =>
    ((await db('meta_definitions').where({ kind }).orderBy('name').select('definition')) as { definition: Record<string, unknown> }[]).map((r) => r.definition);
  const definitions: Record<string, Record<string, unknown>[]> = {
    objects: await stored('object'),
    roles: ((await db('roles').orderBy('name').select('document')) as { document: Record<string, unknown> }[]).map((r) => r.document),
    calendars: await stored('calendar'),
    workflows: await stored('workflow'),
  };
  for (const kind of registrations.kinds) definitions[kind.plural] = await stored(kind.kind);
  return definitions;
}

/** The system's configuration as a pack (manifest and definitions) that installs on another system. */
export async function exportConfiguration(db: Knex, registrations: PackRegistrations, now = new Date()): Promise<ConfigBundle> {
  const day = now.toISOString().slice(0, 10);
  const manifest: PackManifest = {
    name: EXPORTED_PACK_NAME,
    // A date as the version: a later export of the same system is a later version.
    version: `${now.getUTCFullYear()}.${now.getUTCMonth() + 1}.${now.getUTCDate()}`,
    label: { en: `Configuration exported on ${day}`, 'zh-CN': `${day} 导出的配置` },
    description: { en: 'Objects, roles, workflows and the definitions of packs’ kinds of a Tessera system.', 'zh-CN': 'Tessera 系统的对象、角色、工作流及扩展包定义。' },
  };
  return { manifest, definitions: await currentDefinitions(db, registrations) };
}
