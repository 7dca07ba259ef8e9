import type { Field, ViewLayout, ViewType } from '@/api/types';

export type { ViewLayout, ViewType };

/** A list drawn as a table, a kanban grouped by a choice field, or a calendar on a date field. */
export type ListLayout = { type: 'table' } | { type: 'kanban'; groupBy: string } | { type: 'calendar'; dateField: string; endField?: string };

export const TABLE: ListLayout = { type: 'table' };

export const groupableFields = (fields: readonly Field[]) => fields.filter((f) => f.type === 'enum');
export const dateFields = (fields: readonly Field[]) =>
  fields.filter((f) => f.type === 'date' || f.type === 'datetime' || (f.type === 'formula' && (f.returns === 'date' || f.returns === 'datetime')));

/** A stored or addressed layout, kept only if its fields are among the readable ones and fit. */
export function layoutOf(view: ViewLayout, readable: readonly Field[]): ListLayout {
  if (view.type === 'kanban' && view.groupBy && groupableFields(readable).some((f) => f.name === view.groupBy)) return { type: 'kanban', groupBy: view.groupBy };
  if (view.type === 'calendar' && view.dateField && dateFields(readable).some((f) => f.name === view.dateField)) {
    const endField = view.endField && dateFields(readable).some((f) => f.name === view.endField) ? view.endField : undefined;
    return { type: 'calendar', dateField: view.dateField, ...(endField ? { endField } : {}) };
  }
  return TABLE;
}

/** The layout as a saved view stores it (a table stores nothing). */
export function storedLayout(layout: ListLayout): ViewLayout {
  return layout.type === 'table' ? {} : { ...layout };
}

/** The layout in the address: `?view=kanban&by=stage`, `?view=calendar&by=due_at&end=ends_at`. */
export function layoutQuery(layout: ListLayout): Record<string, string | undefined> {
  if (layout.type === 'kanban') return { view: 'kanban', by: layout.groupBy, end: undefined };
  if (layout.type === 'calendar') return { view: 'calendar', by: layout.dateField, end: layout.endField };
  return { view: undefined, by: undefined, end: undefined };
}

export function layoutFromQuery(query: Record<string, unknown>, readable: readonly Field[]): ListLayout {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const type = text(query.view) as ViewType | undefined;
  const by = text(query.by);
  return layoutOf({ type, groupBy: type === 'kanban' ? by : undefined, dateField: type === 'calendar' ? by : undefined, endField: text(query.end) }, readable);
}

/** The list's filter with one more condition, both holding. */
export function withCondition(filter: Record<string, unknown> | undefined, condition: Record<string, unknown>): Record<string, unknown> {
  return filter && Object.keys(filter).length ? { $and: [filter, condition] } : condition;
}
