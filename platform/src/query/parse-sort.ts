import type { FieldInfo } from '../core/snapshot-types.ts';
import { fieldKind, type ValueKind } from './field-kind.ts';
import { invalidFilter, quoted } from './invalid-filter.ts';
import type { QueryScope } from './query-scope.ts';
import { joinSql, rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_SORT_KEYS = 8;
const MAX_SORT_LENGTH = 2_000;
const UNSORTABLE: ReadonlySet<ValueKind> = new Set(['multienum', 'json']);

export interface SortKey extends SqlFragment {
  direction: 'asc' | 'desc';
  field: FieldInfo;
  /** The path as written, e.g. `parent.industry`. */
  path: string;
  kind: ValueKind;
  /** False only for the root's id, which keyset conditions may then treat as never null. */
  nullable: boolean;
}

/**
 * Parses `-annual_revenue,name` into sort keys and appends the root's `id` (ascending) unless
 * already present, so that the order is total and keyset cursors are exact.
 */
export function parseSort(sort: string | undefined, scope: QueryScope): SortKey[] {
  const text = (sort ?? '').trim();
  if (text.length > MAX_SORT_LENGTH) throw invalidFilter('sort', msg('query.sortTooLong'));
  const keys: SortKey[] = [];
  if (text) {
    const items = text.split(',').map((s) => s.trim());
    if (items.length > MAX_SORT_KEYS) throw invalidFilter('sort', msg('query.tooManySortKeys', { max: MAX_SORT_KEYS }));
    for (const item of items) {
      const descending = item.startsWith('-');
      const path = descending ? item.slice(1) : item;
      if (!path) throw invalidFilter('sort', msg('query.emptySortKey'));
      if (keys.some((k) => k.path === path)) throw invalidFilter('sort', msg('query.sortTwice', { path: quoted(path) }));
      keys.push(sortKey(path, descending ? 'desc' : 'asc', scope));
    }
  }
  if (!keys.some((k) => k.path === 'id')) keys.push(sortKey('id', 'asc', scope));
  return keys;
}

function sortKey(path: string, direction: 'asc' | 'desc', scope: QueryScope): SortKey {
  const resolved = scope.resolvePath(path, 'sort', 'sort');
  const kind = fieldKind(resolved.field);
  if (UNSORTABLE.has(kind)) throw invalidFilter('sort', msg('query.unsortable', { path: quoted(path), type: resolved.field.type }));
  return { sql: resolved.sql, bindings: resolved.bindings, direction, field: resolved.field, path, kind, nullable: path !== 'id' };
}

/** `ORDER BY` items (without the keyword); nulls sort as the largest value, as PostgreSQL indexes do. */
export function orderBySql(keys: readonly SortKey[]): SqlFragment {
  return joinSql(
    keys.map((k) => sql`${k} ${rawSql(k.direction === 'asc' ? 'ASC NULLS LAST' : 'DESC NULLS FIRST')}`),
    ', ',
  );
}
