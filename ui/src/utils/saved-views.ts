/** A named list setup kept in the browser: filter, sort and columns of one object's list. */
export interface SavedView {
  name: string;
  filter?: Record<string, unknown>;
  sort?: string;
  columns?: string[];
}

const keyOf = (user: string, object: string) => `tessera.views.${user}.${object}`;

export function loadViews(user: string, object: string): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(keyOf(user, object)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v) => v && typeof v.name === 'string') : [];
  } catch {
    return [];
  }
}

export function storeViews(user: string, object: string, views: SavedView[]): void {
  localStorage.setItem(keyOf(user, object), JSON.stringify(views));
}
