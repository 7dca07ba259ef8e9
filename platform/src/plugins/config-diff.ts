import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { isAppError } from '../core/errors.ts';
import { canonicalJson, jsonChanges, type JsonChange } from '../core/json-diff.ts';
import { pointerToken } from '../core/json-pointer.ts';
import { msg, renderMessage, type Label, type Language, type Message } from '../core/messages/message.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { findDataLoss, planObjectChange, planObjectDrop } from '../schema/index.ts';
import { definitionFolders, type ConfigBundle } from './config-bundle.ts';
import { currentDefinitions } from './config-export.ts';
import type { PackRegistrations } from './pack-registrations.ts';

export type DefinitionChange = 'added' | 'changed' | 'removed';

/** How one definition of the import differs from the target system. */
export interface DefinitionDiff {
  kind: string;
  /** The kind's name in both languages. */
  kindLabel: Label;
  /** The definition's folder (objects, roles, reports, …). */
  plural: string;
  name: string;
  label: Label | null;
  change: DefinitionChange;
  /** Where the definition is in the bundle (`/definitions/objects/3`); null for a removal. */
  at: string | null;
  /** Pointers into the definition (RFC 6901) with the values before and after; empty for an addition or removal. */
  changes: JsonChange[];
  /** True when applying it deletes stored data (a field removed or narrowed, an option records use, an object with records). */
  lossy: boolean;
  /** Why it is lossy, with counts of the records concerned, in the reader's language. */
  losses: string[];
  /** Worth knowing but losing no data (a role losing permissions), in the reader's language. */
  notes: string[];
}

export interface ConfigDiff {
  /** A hash of the target's configuration the diff was computed against: an apply sends it back, and a changed target refuses it. */
  basis: string;
  items: DefinitionDiff[];
  /** Definitions of the import already exactly as the target has them. */
  unchanged: number;
}

/** The basis of a diff: the target's whole configuration, hashed. */
export function configurationBasis(definitions: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(definitions)).digest('hex');
}

const labelOf = (d: Record<string, unknown>): Label | null => (typeof d.label === 'object' && d.label !== null ? (d.label as Label) : null);

/**
 * The import's definitions against the target's, definition by definition. Definitions of the target
 * missing from a folder the bundle has are listed as removed (whether they are removed is the
 * import's option); a folder the bundle lacks says nothing about the target's definitions of it.
 */
export async function diffConfiguration(bundle: ConfigBundle, db: Knex, registrations: PackRegistrations, lang: Language): Promise<ConfigDiff> {
  const current = await currentDefinitions(db, registrations);
  const items: DefinitionDiff[] = [];
  let unchanged = 0;
  const text = (m: Message) => renderMessage(m, lang);
  for (const { plural, kind, kindLabel } of definitionFolders(registrations)) {
    const incoming = bundle.definitions[plural];
    if (!incoming) continue;
    const target = new Map((current[plural] ?? []).map((d) => [String(d.name), d]));
    const names = new Set<string>();
    for (const [index, definition] of incoming.entries()) {
      const name = String(definition.name);
      names.add(name);
      const before = target.get(name);
      const at = `/definitions/${pointerToken(plural)}/${index}`;
      const base = { kind, kindLabel, plural, name, label: labelOf(definition), at, lossy: false, losses: [] as string[], notes: [] as string[] };
      if (!before) {
        items.push({ ...base, change: 'added', changes: [] });
        continue;
      }
      const changes = jsonChanges(before, definition);
      if (!changes.length) {
        unchanged++;
        continue;
      }
      const item: DefinitionDiff = { ...base, change: 'changed', changes };
      if (kind === 'object') item.losses = (await objectChangeLosses(db, before, definition)).map(text);
      if (kind === 'role') {
        const reduced = changes.filter((c) => c.change !== 'added').length;
        if (reduced) item.notes.push(text(msg('config.permissionsReduced', { count: reduced })));
      }
      item.lossy = item.losses.length > 0;
      items.push(item);
    }
    for (const [name, before] of target) {
      if (names.has(name)) continue;
      const item: DefinitionDiff = { kind, kindLabel, plural, name, label: labelOf(before), change: 'removed', at: null, changes: [], lossy: false, losses: [], notes: [] };
      if (kind === 'object') item.losses = (await findDataLoss(db, before as unknown as ObjectDefinition, planObjectDrop(before as unknown as ObjectDefinition))).map(text);
      if (kind === 'workflow') item.notes.push(text(msg('config.workflowRemoved')));
      item.lossy = item.losses.length > 0;
      items.push(item);
    }
  }
  return { basis: configurationBasis(current), items, unchanged };
}

/** What changing an object's table would lose, counted on the target's records; nothing for a definition the import will refuse anyway. */
async function objectChangeLosses(db: Knex, before: Record<string, unknown>, after: Record<string, unknown>): Promise<Message[]> {
  let next: ObjectDefinition;
  try {
    next = validateAgainstSchema<ObjectDefinition>('object', after);
  } catch (err) {
    if (isAppError(err)) return [];
    throw err;
  }
  const previous = before as unknown as ObjectDefinition;
  return findDataLoss(db, previous, planObjectChange(previous, next));
}
