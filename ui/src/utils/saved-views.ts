import { api } from '@/api/client';
import type { DataAnswer, SavedView, SavedViewDefinition } from '@/api/types';

export type { SavedView, SavedViewDefinition };

/** What a PUT of a view sends: the list set-up of one object (filter, sort, columns, table/kanban/calendar) under a name. */
export type ViewToStore = SavedViewDefinition & { name: string; shared?: boolean };

const path = (object: string, name?: string) => `/views/${encodeURIComponent(object)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

export async function loadViews(object: string): Promise<SavedView[]> {
  return (await api.get<DataAnswer<SavedView>>(path(object))).data;
}

export async function storeView(object: string, view: ViewToStore): Promise<SavedView> {
  const { name, filter, sort, columns, shared, type, groupBy, dateField, endField } = view;
  const layout = type && type !== 'table' ? { type, ...(groupBy ? { groupBy } : {}), ...(dateField ? { dateField } : {}), ...(endField ? { endField } : {}) } : {};
  return api.put<SavedView>(path(object, name), { ...(filter ? { filter } : {}), ...(sort ? { sort } : {}), ...(columns ? { columns } : {}), ...layout, shared: shared === true });
}

export async function removeView(object: string, name: string): Promise<void> {
  await api.delete(path(object, name));
}
