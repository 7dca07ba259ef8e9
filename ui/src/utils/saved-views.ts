import { api } from '@/api/client';

/** A named list set-up of one object (filter, sort, columns), kept on the server (GET/PUT/DELETE /api/views). */
export interface SavedView {
  name: string;
  filter?: Record<string, unknown>;
  sort?: string;
  columns?: string[];
  shared?: boolean;
  /** The caller's own view (which they may change or delete), or one someone shared. */
  mine?: boolean;
  owner?: { id: string; name: string };
}

const path = (object: string, name?: string) => `/views/${encodeURIComponent(object)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

export async function loadViews(object: string): Promise<SavedView[]> {
  return (await api.get<{ data: SavedView[] }>(path(object))).data;
}

export async function storeView(object: string, view: SavedView): Promise<SavedView> {
  const { name, filter, sort, columns, shared } = view;
  return api.put<SavedView>(path(object, name), { ...(filter ? { filter } : {}), ...(sort ? { sort } : {}), ...(columns ? { columns } : {}), shared: shared === true });
}

export async function removeView(object: string, name: string): Promise<void> {
  await api.delete(path(object, name));
}
