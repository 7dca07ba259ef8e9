import { createError, type AppError, type ErrorDetail } from '../core/errors.ts';
import type { Field, ObjectDefinition } from '../generated/object.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { msg } from '../core/messages/message.ts';

/**
 * A pack's addition to another pack's object (`metadata/extensions/<object>.json`): fields, and the
 * search and history settings that name them, e.g. the exhibition pack's supply-chain segment on the
 * crm's accounts. It is a fragment of an object definition, checked by the object schema.
 */
export type ObjectExtension = Pick<ObjectDefinition, 'name' | 'fields' | 'searchFields' | 'history'>;

const EXTENSION_KEYS = new Set(['name', 'fields', 'searchFields', 'history']);

export function checkObjectExtension(input: Record<string, unknown>): ObjectExtension {
  const extra = Object.keys(input).filter((k) => !EXTENSION_KEYS.has(k));
  if (extra.length) {
    throw createError('VALIDATION_FAILED', msg('pack.extensionShape'), extra.map((k) => ({ path: `/${k}`, message: msg('pack.extensionKey') })));
  }
  return validateAgainstSchema<ObjectExtension>('object', input);
}

const union = (a: readonly string[] | undefined, b: readonly string[] | undefined) => {
  const all = [...(a ?? []), ...(b ?? []).filter((x) => !(a ?? []).includes(x))];
  return all.length ? all : undefined;
};

function withLists(base: ObjectDefinition, fields: Field[], searchFields: string[] | undefined, history: string[] | undefined): ObjectDefinition {
  const { searchFields: _s, history: _h, ...rest } = base;
  return { ...rest, fields, ...(searchFields ? { searchFields } : {}), ...(history ? { history } : {}) };
}

/** The object with the extension's fields added (a field of the same name is the extension's, as a newer version of it). */
export function extendDefinition(base: ObjectDefinition, extension: ObjectExtension): ObjectDefinition {
  const added = new Map(extension.fields.map((f) => [f.name, f]));
  const present = new Set(base.fields.map((f) => f.name));
  const fields = [...base.fields.map((f) => added.get(f.name) ?? f), ...extension.fields.filter((f) => !present.has(f.name))];
  return withLists(base, fields, union(base.searchFields, extension.searchFields), union(base.history, extension.history));
}

/**
 * A pack's new version of its object keeps the fields the current definition has and the pack's does
 * not: other packs' extensions and the administrator's own fields. A pack upgrade never drops a field.
 */
export function keepOtherFields(fromPack: ObjectDefinition, current: ObjectDefinition): ObjectDefinition {
  const named = new Set(fromPack.fields.map((f) => f.name));
  const others = current.fields.filter((f) => !named.has(f.name));
  if (others.length === 0) return fromPack;
  const kept = new Set(others.map((f) => f.name));
  const keptOf = (list: readonly string[] | undefined) => (list ?? []).filter((n) => kept.has(n));
  return withLists(fromPack, [...fromPack.fields, ...others], union(fromPack.searchFields, keptOf(current.searchFields)), union(fromPack.history, keptOf(current.history)));
}

/** Points a problem found in the extended definition back at the extension's own field. */
export function extensionProblem(err: AppError, merged: ObjectDefinition, extension: ObjectExtension): AppError {
  const own = new Map(extension.fields.map((f, i) => [f.name, i]));
  const remap = (d: ErrorDetail): ErrorDetail => {
    const m = /^\/fields\/(\d+)(\/.*)?$/.exec(d.path);
    const index = m ? own.get(merged.fields[Number(m[1])]?.name ?? '') : undefined;
    return m && index !== undefined ? { ...d, path: `/fields/${index}${m[2] ?? ''}` } : d;
  };
  return createError(err.code, err.localized ?? err.message, (err.details ?? []).map(remap));
}
