/** The field paths a filter (SPEC 5.3) tests, in any branch. */
export function filterPaths(filter: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 20 || typeof filter !== 'object' || filter === null) return out;
  if (Array.isArray(filter)) {
    for (const item of filter) filterPaths(item, out, depth + 1);
    return out;
  }
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) filterPaths(value, out, depth + 1);
    else out.add(key);
  }
  return out;
}
