import type { Caller, RecordData } from '../../../platform/src/plugins/plugin-api.ts';

export interface AccountNode {
  id: string;
  name: string;
  account_type: string | null;
  region: string | null;
  children: AccountNode[];
}

const FIELDS = ['name', 'account_type', 'region', 'parent'];
const MAX_NODES = 2000;
const MAX_DEPTH = 8;

const nodeOf = (r: RecordData): AccountNode => ({ id: String(r.id), name: String(r.name), account_type: (r.account_type as string) ?? null, region: (r.region as string) ?? null, children: [] });

/**
 * An account's place in the hierarchy (R8): the chain of parents above it and the tree below it,
 * as far as the caller may read (an unreadable parent ends the chain; unreadable children are absent).
 */
export async function accountTree(id: string, caller: Caller): Promise<{ ancestors: AccountNode[]; root: AccountNode; truncated: boolean }> {
  const record = await caller.records.get('account', id);
  const ancestors: AccountNode[] = [];
  let parent = record.parent ? String(record.parent) : null;
  const seen = new Set([String(record.id)]);
  while (parent && !seen.has(parent) && ancestors.length < MAX_DEPTH) {
    seen.add(parent);
    const page = await caller.records.list('account', { filter: { id: { $eq: parent } }, fields: FIELDS, limit: 1 });
    if (!page.data.length) break;
    ancestors.unshift(nodeOf(page.data[0]));
    parent = page.data[0].parent ? String(page.data[0].parent) : null;
  }
  const root = nodeOf(record);
  let count = 1;
  let level = [root];
  for (let depth = 0; depth < MAX_DEPTH && level.length && count < MAX_NODES; depth++) {
    const byId = new Map(level.map((n) => [n.id, n]));
    const next: AccountNode[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.records.list('account', { filter: { parent: { $in: [...byId.keys()] } }, fields: FIELDS, sort: 'name', limit: 500, ...(cursor ? { cursor } : {}) });
      for (const child of page.data) {
        if (seen.has(String(child.id)) || count >= MAX_NODES) continue;
        seen.add(String(child.id));
        const node = nodeOf(child);
        byId.get(String(child.parent))?.children.push(node);
        next.push(node);
        count++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && count < MAX_NODES);
    level = next;
  }
  return { ancestors, root, truncated: count >= MAX_NODES };
}
