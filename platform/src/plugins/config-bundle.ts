import fs from 'node:fs';
import path from 'node:path';
import { createError, detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import { pointerToken } from '../core/json-pointer.ts';
import { msg, type Label } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';
import type { PackManifest } from '../generated/pack.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { readPackContents } from './pack-contents.ts';
import type { PackRegistrations } from './pack-registrations.ts';

/**
 * A system's configuration as one JSON document, mapping 1:1 to a pack folder: `manifest` is its
 * pack.json and `definitions.<plural>` the files of its metadata/<plural>/ folder, one per definition.
 */
export interface ConfigBundle {
  manifest: PackManifest;
  definitions: Record<string, Record<string, unknown>[]>;
}

/** The folders of the platform's own kinds, in the order they are applied. */
export const PLATFORM_FOLDERS = [
  { plural: 'objects', kind: 'object' },
  { plural: 'roles', kind: 'role' },
  { plural: 'calendars', kind: 'calendar' },
  { plural: 'workflows', kind: 'workflow' },
] as const;

/** Every definition folder this system knows, the platform's first, then the packs' kinds in registration order. */
export function definitionFolders(registrations: PackRegistrations): { plural: string; kind: string; kindLabel: Label }[] {
  return [
    ...PLATFORM_FOLDERS.map((f) => ({ ...f, kindLabel: kindLabel(f.kind) })),
    ...[...registrations.kinds].map((k) => ({ plural: k.plural, kind: k.kind, kindLabel: kindLabel(k) })),
  ];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The bundle's shape: a valid manifest, and per known folder a list of JSON objects with distinct
 * names. Every problem is reported at once with its pointer; the definitions themselves are checked
 * on import, as the admin API checks them.
 */
export function parseConfigBundle(input: unknown, registrations: PackRegistrations): ConfigBundle {
  const problems: ErrorDetail[] = [];
  if (!isObject(input)) throw createError('VALIDATION_FAILED', msg('config.bundleInvalid', { count: 1 }), [detail('', msg('config.mustBeObject'))]);
  let manifest: PackManifest | undefined;
  try {
    manifest = validateAgainstSchema<PackManifest>('pack', input.manifest);
  } catch (err) {
    if (!isAppError(err)) throw err;
    problems.push(...(err.details ?? [detail('', err.localized ?? err.message)]).map((d) => ({ ...d, path: `/manifest${d.path}` })));
  }
  const known = new Set(definitionFolders(registrations).map((f) => f.plural));
  const definitions: Record<string, Record<string, unknown>[]> = {};
  if (!isObject(input.definitions)) problems.push(detail('/definitions', msg('config.mustBeObject')));
  else {
    for (const [plural, list] of Object.entries(input.definitions)) {
      const at = `/definitions/${pointerToken(plural)}`;
      if (!known.has(plural)) {
        problems.push(detail(at, msg('config.unknownKind', { plural: plural.slice(0, 80) })));
        continue;
      }
      if (!Array.isArray(list)) {
        problems.push(detail(at, msg('config.mustBeList')));
        continue;
      }
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (!isObject(item)) return problems.push(detail(`${at}/${i}`, msg('config.mustBeObject')));
        if (typeof item.name !== 'string' || !item.name) return problems.push(detail(`${at}/${i}/name`, msg('config.needsName')));
        if (seen.has(item.name)) return problems.push(detail(`${at}/${i}/name`, msg('config.duplicateName', { name: item.name.slice(0, 80) })));
        seen.add(item.name);
      });
      definitions[plural] = list as Record<string, unknown>[];
    }
  }
  if (problems.length || !manifest) throw createError('VALIDATION_FAILED', msg('config.bundleInvalid', { count: problems.length }), problems);
  return { manifest, definitions };
}

/** Writes the bundle as a pack folder: pack.json and metadata/<plural>/<name>.json. */
export function writeBundleFolder(bundle: ConfigBundle, dir: string): string[] {
  const written: string[] = [];
  const write = (file: string, content: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    written.push(path.relative(dir, file));
  };
  write(path.join(dir, 'pack.json'), bundle.manifest);
  const metadata = path.join(dir, bundle.manifest.metadata ?? 'metadata');
  for (const [plural, list] of Object.entries(bundle.definitions)) {
    // An empty folder still says "none of these" when the folder is read back.
    fs.mkdirSync(path.join(metadata, plural), { recursive: true });
    for (const definition of list) write(path.join(metadata, plural, `${String(definition.name)}.json`), definition);
  }
  return written;
}

/** Reads a pack folder (as written by writeBundleFolder, or any pack) as a bundle document, unchecked. */
export function readBundleFolder(dir: string): { manifest: unknown; definitions: Record<string, unknown[]> } {
  const file = path.join(dir, 'pack.json');
  if (!fs.existsSync(file)) throw createError('BAD_REQUEST', msg('config.notAFolder', { dir }));
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw createError('VALIDATION_FAILED', msg('pack.fileNotJson', { file: 'pack.json' }), [{ path: '/pack.json', message: (err as Error).message.slice(0, 300) }]);
  }
  const metadata = isObject(manifest) && typeof manifest.metadata === 'string' ? manifest.metadata : undefined;
  const contents = readPackContents({ dir, manifest: { name: 'configuration', version: '0.0.0', ...(metadata ? { metadata } : {}) } });
  const definitions: Record<string, unknown[]> = {};
  for (const [folder, items] of contents.definitions) definitions[folder] = items.map((i) => i.definition);
  return { manifest, definitions };
}
