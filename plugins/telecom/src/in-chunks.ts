/** The list in consecutive slices of at most `size` (the filter language takes up to 1,000 values in `$in`). */
export function inChunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < list.length; at += size) out.push(list.slice(at, at + size));
  return out;
}
