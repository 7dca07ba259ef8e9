import type { Caller, MetadataView } from '../../../platform/src/plugins/plugin-api.ts';

/** The object a lookup field of `object` points at (system lookups such as `_owner` point at users). */
export function lookupTarget(meta: MetadataView, object: string, field: string): string | undefined {
  if (field === '_owner' || field === '_created_by') return 'user';
  return meta.object(object)?.fields.find((f) => f.name === field && f.type === 'lookup')?.target;
}

/** The field that names a record of `object`: its title field, else its first text field. */
export function titleFieldOf(meta: MetadataView, object: string): string | null {
  const definition = meta.object(object);
  if (!definition) return null;
  return definition.titleField ?? definition.fields.find((f) => f.type === 'text')?.name ?? null;
}

/** The title field when the caller may read it (results then name records), else null. */
export async function readableTitle(caller: Caller, meta: MetadataView, object: string): Promise<string | null> {
  const title = titleFieldOf(meta, object);
  if (!title) return null;
  try {
    await caller.records.list(object, { fields: [title], limit: 1 });
    return title;
  } catch {
    return null;
  }
}

/** A number from a record or an aggregate (numeric columns may arrive as text); null when absent. */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Rounds for storage and display: results keep a few significant decimals, not float noise. */
export const rounded = (value: number, decimals = 4): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
