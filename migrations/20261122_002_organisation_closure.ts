import type { Knex } from 'knex';

/**
 * Closure tables for the department tree and the manager chain: one row per (ancestor, descendant)
 * pair including (x, x, 0), so "x and everything under x" is one indexed lookup in SQL. The
 * application keeps them current in the same transaction as each change (platform/src/organisation).
 */
const CLOSURES = [
  { table: 'department_tree', ancestor: 'ancestor', descendant: 'descendant', nodes: 'departments', parent: 'parent' },
  { table: 'manager_chain', ancestor: 'manager', descendant: 'subordinate', nodes: 'users', parent: 'manager' },
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const c of CLOSURES) {
    await knex.schema.createTable(c.table, (t) => {
      t.bigInteger(c.ancestor).notNullable().references('id').inTable(c.nodes).onDelete('CASCADE');
      t.bigInteger(c.descendant).notNullable().references('id').inTable(c.nodes).onDelete('CASCADE');
      t.integer('depth').notNullable();
      t.primary([c.ancestor, c.descendant]);
      t.index([c.descendant]);
    });
    // Walks up from every node; the depth guard stops on a cycle that existing data might hold.
    await knex.raw(
      `INSERT INTO ?? (??, ??, depth)
       WITH RECURSIVE walk(ancestor, descendant, depth) AS (
         SELECT id, id, 0 FROM ??
         UNION ALL
         SELECT n.??, w.descendant, w.depth + 1 FROM walk w JOIN ?? n ON n.id = w.ancestor
         WHERE n.?? IS NOT NULL AND w.depth < 1000
       )
       SELECT ancestor, descendant, min(depth) FROM walk GROUP BY ancestor, descendant`,
      [c.table, c.ancestor, c.descendant, c.nodes, c.parent, c.nodes, c.parent],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('manager_chain');
  await knex.schema.dropTableIfExists('department_tree');
}
