import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackManifest } from '../generated/pack.ts';
import { isAppError } from '../core/errors.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';

export const DEFAULT_PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');

/** API resources the platform serves itself; a pack cannot claim them. */
const CORE_RESOURCES: ReadonlySet<string> = new Set(['auth', 'meta', 'admin', 'records', 'recycle_bin', 'permissions', 'tasks', 'notifications', 'packs', 'plugins', 'ui', 'views']);

export interface Pack {
  readonly manifest: PackManifest;
  /** Absolute folder of the pack. */
  readonly dir: string;
}

/**
 * Every pack in the given folders: a sub-folder with a pack.json manifest valid against
 * metadata/schemas/pack.schema.json, named like the folder. A broken manifest stops the server with
 * the reason, since running without a pack the administrator expects would be worse.
 */
export function discoverPacks(dirs: readonly string[]): Map<string, Pack> {
  const packs = new Map<string, Pack>();
  for (const root of dirs) {
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(root, entry.name, 'pack.json');
      if (!entry.isDirectory() || !fs.existsSync(file)) continue;
      const manifest = readManifest(file);
      if (manifest.name !== entry.name) throw new Error(`${file}: the pack name '${manifest.name}' differs from its folder '${entry.name}'.`);
      if (packs.has(manifest.name)) throw new Error(`${file}: a pack named '${manifest.name}' was already found in ${packs.get(manifest.name)!.dir}.`);
      const claimed = (manifest.api ?? []).filter((r) => CORE_RESOURCES.has(r));
      if (claimed.length) throw new Error(`${file}: the API resources ${claimed.join(', ')} belong to the platform.`);
      packs.set(manifest.name, { manifest, dir: path.dirname(file) });
    }
  }
  for (const pack of packs.values()) {
    const missing = (pack.manifest.requires ?? []).filter((r) => !packs.has(r));
    if (missing.length) throw new Error(`The pack '${pack.manifest.name}' requires ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not available.`);
  }
  return packs;
}

function readManifest(file: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  try {
    return validateAgainstSchema<PackManifest>('pack', raw);
  } catch (err) {
    if (!isAppError(err)) throw err;
    throw new Error(`${file} is not a valid pack manifest: ${(err.details ?? []).map((d) => `${d.path || '/'} ${d.message}`).join('; ')}`, { cause: err });
  }
}

/** The pack and every pack it requires, dependencies first; a cycle is refused. */
export function installOrder(name: string, packs: ReadonlyMap<string, Pack>): Pack[] {
  const order: Pack[] = [];
  const visiting = new Set<string>();
  const visit = (current: string, trail: string[]) => {
    if (order.some((p) => p.manifest.name === current)) return;
    if (visiting.has(current)) throw new Error(`The packs ${[...trail, current].join(' → ')} require each other.`);
    const pack = packs.get(current);
    if (!pack) throw new Error(`There is no pack named '${current}'.`);
    visiting.add(current);
    for (const required of pack.manifest.requires ?? []) visit(required, [...trail, current]);
    visiting.delete(current);
    order.push(pack);
  };
  visit(name, []);
  return order;
}
