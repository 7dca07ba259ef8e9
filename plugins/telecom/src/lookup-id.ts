/** The id a lookup value names, whether written as an id or read back as `{id, title}`; null when empty. */
export const idOf = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'object' ? String((value as { id: unknown }).id) : String(value));
