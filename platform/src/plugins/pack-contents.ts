import fs from 'node:fs';
import path from 'node:path';
import { createError } from '../core/errors.ts';
import type { Pack } from './pack-catalog.ts';
import { msg } from '../core/messages/message.ts';

/** One definition file of a pack, with where it came from for error messages. */
export interface PackDefinition {
  /** `objects/account.json`, relative to the pack's metadata folder. */
  readonly file: string;
  readonly definition: Record<string, unknown>;
}

export const LOAD_ORDER_FILE = 'load-order.json';

export interface PackContents {
  /** Per folder (objects, roles, workflows, and the plural of every registered kind), the definitions in file-name order. */
  readonly definitions: ReadonlyMap<string, PackDefinition[]>;
  /** Demo data files in load order: departments.json, users.json, then one file per object (in the order of demo/load-order.json). */
  readonly demo: { readonly file: string; readonly content: unknown }[];
}

function readJson(file: string, shown: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw createError('VALIDATION_FAILED', msg('pack.fileNotJson', { file: shown }), [{ path: `/${shown}`, message: (err as Error).message.slice(0, 300) }]);
  }
}

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

/** Reads a pack's definitions and demo data from disk (nothing is checked here beyond being JSON objects). */
export function readPackContents(pack: Pack): PackContents {
  const name = pack.manifest.name;
  const metadataDir = path.resolve(pack.dir, pack.manifest.metadata ?? 'metadata');
  const definitions = new Map<string, PackDefinition[]>();
  if (fs.existsSync(metadataDir)) {
    for (const folder of fs.readdirSync(metadataDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      const list: PackDefinition[] = [];
      for (const file of jsonFiles(path.join(metadataDir, folder))) {
        const shown = `${name}/${folder}/${file}`;
        const definition = readJson(path.join(metadataDir, folder, file), shown);
        if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
          throw createError('VALIDATION_FAILED', msg('pack.fileNotObject', { file: shown }), [{ path: `/${shown}`, message: msg('value.mustBeObject') }]);
        }
        list.push({ file: `${folder}/${file}`, definition: definition as Record<string, unknown> });
      }
      definitions.set(folder, list);
    }
  }
  const demo: PackContents['demo'] = [];
  if (pack.manifest.demo) {
    const demoDir = path.resolve(pack.dir, pack.manifest.demo);
    // The load order's name cannot be an object's (object names have no hyphen).
    const files = jsonFiles(demoDir).filter((f) => f !== LOAD_ORDER_FILE);
    const orderFile = path.join(demoDir, LOAD_ORDER_FILE);
    const listed = fs.existsSync(orderFile) ? (readJson(orderFile, `${name}/demo/${LOAD_ORDER_FILE}`) as string[]) : [];
    const ordered = [...listed.filter((f) => files.includes(f)), ...files.filter((f) => !listed.includes(f))];
    // The organisation comes first: records name their owners.
    const rank = (f: string) => (f === 'departments.json' ? 0 : f === 'users.json' ? 1 : 2);
    ordered.sort((a, b) => rank(a) - rank(b));
    for (const file of ordered) demo.push({ file, content: readJson(path.join(demoDir, file), `${name}/demo/${file}`) });
  }
  return { definitions, demo };
}
