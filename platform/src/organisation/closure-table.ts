import type { Knex } from 'knex';

/**
 * A closure table over a parent pointer: one row (ancestor, descendant, depth) for every node and
 * each of its ancestors, including the node itself at depth 0. Every function runs inside the
 * caller's transaction, after `lockClosure`, so concurrent moves cannot build a cycle between them.
 */
export interface ClosureTable {
  readonly table: string;
  readonly ancestor: string;
  readonly descendant: string;
  /** Key of the transaction-scoped advisory lock that serialises changes to this hierarchy. */
  readonly lockKey: number;
}

export async function lockClosure(closure: ClosureTable, trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [closure.lockKey]);
}

/** A new node: itself at depth 0, plus every ancestor of its parent one level further away. */
export async function addClosureNode(closure: ClosureTable, id: string, parent: string | null, trx: Knex.Transaction): Promise<void> {
  const { table, ancestor, descendant } = closure;
  await trx.raw(
    `INSERT INTO ?? (??, ??, depth)
     SELECT ?::bigint, ?::bigint, 0
     UNION ALL
     SELECT ??, ?::bigint, depth + 1 FROM ?? WHERE ?? = ?::bigint`,
    [table, ancestor, descendant, id, id, ancestor, id, table, descendant, parent],
  );
}

/** True when `candidate` is `id` itself or lies anywhere below it. */
export async function isInSubtree(closure: ClosureTable, id: string, candidate: string, trx: Knex.Transaction): Promise<boolean> {
  const row = await trx(closure.table).where({ [closure.ancestor]: id, [closure.descendant]: candidate }).first('depth');
  return row !== undefined;
}

/**
 * Moves `id` with its whole subtree under `parent` (or to the top): first the links from the
 * subtree to the node's old ancestors go, then the subtree is joined to the new ancestors. The
 * caller has checked that `parent` is not inside the subtree.
 */
export async function moveClosureNode(closure: ClosureTable, id: string, parent: string | null, trx: Knex.Transaction): Promise<void> {
  const { table, ancestor, descendant } = closure;
  await trx.raw(
    `DELETE FROM ?? AS link
     WHERE link.?? IN (SELECT ?? FROM ?? WHERE ?? = ?::bigint)
       AND link.?? IN (SELECT ?? FROM ?? WHERE ?? = ?::bigint AND ?? <> ?::bigint)`,
    [table, descendant, descendant, table, ancestor, id, ancestor, ancestor, table, descendant, id, ancestor, id],
  );
  if (parent === null) return;
  await trx.raw(
    `INSERT INTO ?? (??, ??, depth)
     SELECT above.??, below.??, above.depth + below.depth + 1
     FROM ?? AS above CROSS JOIN ?? AS below
     WHERE above.?? = ?::bigint AND below.?? = ?::bigint`,
    [table, ancestor, descendant, ancestor, descendant, table, table, descendant, parent, ancestor, id],
  );
}

/** Removes a node that has no children left. */
export async function removeClosureNode(closure: ClosureTable, id: string, trx: Knex.Transaction): Promise<void> {
  await trx(closure.table).where({ [closure.descendant]: id }).delete();
}
