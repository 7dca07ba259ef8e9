import type { Knex } from 'knex';

/**
 * Names of users or departments by id (the directory every signed-in user may read); ids not found are
 * left out. Messages, exports and notices name people with it.
 */
export async function directoryNames(db: Knex, kind: 'user' | 'department', ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = (await db(kind === 'user' ? 'users' : 'departments').whereIn('id', [...new Set(ids)]).select('id', 'name')) as { id: string | number; name: string | null }[];
  return new Map(rows.filter((r) => r.name).map((r) => [String(r.id), r.name!]));
}
