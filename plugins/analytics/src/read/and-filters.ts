/** Both conditions must hold; either may be absent. */
export function andFilters(...filters: unknown[]): unknown {
  const present = filters.filter((f) => f !== undefined && f !== null);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { $and: present };
}
