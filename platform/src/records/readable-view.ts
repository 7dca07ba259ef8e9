import { isAppError } from '../core/errors.ts';
import { pointerToken } from '../query/invalid-filter.ts';
import type { QueryScope } from '../query/index.ts';
import type { SavedViewDefinition } from './saved-views.ts';

export interface DroppedPart {
  /** Where the part sat in the stored view (`/filter/...`, `/sort/0`, `/columns/2`). */
  path: string;
  field: string;
}

class Unfaithful extends Error {}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored view as one reader may see it: criteria, sort keys and columns on fields the reader cannot
 * read are dropped (and listed), so another user's view never discloses them. Dropping a criterion of
 * the top-level AND only widens the view; one inside $or or $not would change its meaning, so such a
 * view is not offered at all (null). A kanban or calendar whose grouping or date field is hidden from
 * the reader is offered as a table.
 */
export function readableView(definition: SavedViewDefinition, scope: QueryScope): { definition: SavedViewDefinition; dropped: DroppedPart[] } | null {
  const dropped: DroppedPart[] = [];
  const readable = (path: string) => {
    try {
      scope.resolvePath(path, 'select');
      return true;
    } catch (err) {
      // Only a hidden field is the reader's business here; a view gone stale fails when it is used.
      if (isAppError(err) && err.code === 'FORBIDDEN') return false;
      return true;
    }
  };
  const walk = (node: unknown, pointer: string, conjunctive: boolean): unknown => {
    if (!isPlainObject(node)) return node;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${pointerToken(key)}`;
      if (key === '$and' || key === '$or') {
        kept[key] = Array.isArray(value) ? value.map((item, i) => walk(item, `${at}/${i}`, conjunctive && key === '$and')) : value;
      } else if (key === '$not') {
        kept[key] = walk(value, at, false);
      } else if (key.startsWith('$') || readable(key)) {
        kept[key] = value;
      } else if (conjunctive) {
        dropped.push({ path: at, field: key });
      } else {
        throw new Unfaithful();
      }
    }
    return kept;
  };
  const out: SavedViewDefinition = {};
  try {
    if (definition.filter !== undefined) out.filter = walk(definition.filter, '/filter', true) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof Unfaithful) return null;
    throw err;
  }
  if (definition.sort !== undefined) {
    const keys = definition.sort.split(',').map((s) => s.trim());
    const keep = keys.filter((key, i) => {
      const ok = readable(key.replace(/^-/, ''));
      if (!ok) dropped.push({ path: `/sort/${i}`, field: key.replace(/^-/, '') });
      return ok;
    });
    if (keep.length) out.sort = keep.join(',');
  }
  if (definition.columns !== undefined) {
    out.columns = definition.columns.filter((name, i) => {
      const ok = readable(name);
      if (!ok) dropped.push({ path: `/columns/${i}`, field: name });
      return ok;
    });
  }
  // A kanban or calendar on a field the reader cannot read falls back to a table; an unreadable end is left out.
  const layoutField = definition.type === 'kanban' ? 'groupBy' : definition.type === 'calendar' ? 'dateField' : null;
  if (layoutField && definition[layoutField] !== undefined) {
    if (readable(definition[layoutField])) {
      out.type = definition.type;
      out[layoutField] = definition[layoutField];
      if (definition.endField !== undefined) {
        if (readable(definition.endField)) out.endField = definition.endField;
        else dropped.push({ path: '/endField', field: definition.endField });
      }
    } else {
      dropped.push({ path: `/${layoutField}`, field: definition[layoutField] });
    }
  } else if (definition.type === 'table') {
    out.type = 'table';
  }
  return { definition: out, dropped };
}
