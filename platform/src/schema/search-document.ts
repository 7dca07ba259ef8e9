import type { Field, ObjectDefinition } from '../generated/object.ts';
import { quoteIdentifier } from './column-types.ts';

/** Field types global search matches: short text whose substrings people type. */
export const SEARCHABLE_TYPES: ReadonlySet<Field['type']> = new Set(['text', 'email', 'phone', 'url']);

/** SQL that keeps only the digits of a phone value, so `1380013` finds `+86 138-0013-8000`. */
export const digitsSql = (valueSql: string) => `regexp_replace(${valueSql}, '[^0-9]', '', 'g')`;

/**
 * The fields global search matches in an object, in order: the title field (when it is stored text)
 * and then the declared `searchFields`. Empty when the object has nothing to search.
 */
export function searchFieldsOf(def: ObjectDefinition): Field[] {
  const byName = new Map(def.fields.map((f) => [f.name, f]));
  // The same default title as the snapshot's: the first text field.
  const title = def.titleField ?? def.fields.find((f) => f.type === 'text')?.name;
  const names = [...new Set([...(title ? [title] : []), ...(def.searchFields ?? [])])];
  return names.map((n) => byName.get(n)).filter((f): f is Field => f !== undefined && SEARCHABLE_TYPES.has(f.type));
}

/**
 * The two- and three-character pieces of a search field's lower-cased value (a phone's also of its
 * digits alone), as an index expression. `search_grams` (migration 010) is immutable, so a GIN index
 * can hold it; a query uses the index by repeating this exact expression. One index per field, so a
 * field hidden from the caller is not even looked at. Not pg_trgm: two-character Chinese queries
 * must be served, and the result must not depend on the locale.
 */
export function fieldGramsSql(field: Pick<Field, 'name' | 'type'>, alias?: string): string {
  const column = (alias ? `${quoteIdentifier(alias)}.` : '') + quoteIdentifier(field.name);
  const text = field.type === 'phone' ? `lower(${column}) || ' ' || ${digitsSql(column)}` : `lower(${column})`;
  return `search_grams(${text})`;
}
