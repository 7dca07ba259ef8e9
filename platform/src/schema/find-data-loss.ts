import type { Knex } from 'knex';
import type { ObjectDefinition } from '../generated/object.ts';
import { quoteIdentifier as q, recordTableSql } from './column-types.ts';
import { removedOptionsCondition } from './action-sql.ts';
import type { SchemaAction } from './schema-actions.ts';

interface LossProbe {
  /** Rows that would lose data. */
  where: string;
  bindings: string[][];
  /** Completes "<count> records have ...", followed by the counts. */
  subject: string;
  loss: string;
}

const probe = (where: string, subject: string, loss: string, bindings: string[][] = []): LossProbe => ({ where, bindings, subject, loss });

/** The question to ask the current table for a step that could lose data; null for steps that cannot. */
function probeOf(action: SchemaAction): LossProbe | null {
  switch (action.kind) {
    case 'dropTable':
      return probe('TRUE', `Object '${action.object}' would be dropped`, 'records that would be deleted');
    case 'dropColumn': {
      const subject = action.toFormula ? `Field '${action.field}' becomes a formula` : `Field '${action.field}' would be removed`;
      return probe(`${q(action.field)} IS NOT NULL`, subject, 'a stored value that would be deleted');
    }
    case 'alterColumnType':
      if (!action.lossy || !action.lossSql) return null;
      return probe(action.lossSql, `Field '${action.field}' changes from ${action.from} to ${action.to}`, action.loss);
    case 'clearColumn':
      return probe(`${q(action.field)} IS NOT NULL`, `Field '${action.field}' ${action.reason}`, 'a link that would be cleared');
    case 'clearRemovedOptions': {
      const options = action.values.map((v) => `'${v}'`).join(', ');
      return probe(removedOptionsCondition(action.field, action.multiple), `Field '${action.field}' loses option(s) ${options}`, 'one of them as a value that would be cleared', [action.values]);
    }
    default:
      return null;
  }
}

const records = (n: number, verb: boolean) => `${n} ${n === 1 ? 'record' : 'records'}${verb ? (n === 1 ? ' has' : ' have') : ''}`;

/**
 * Reasons a planned change would lose data, counted on the table as it is now (before the plan runs);
 * records in the recycle bin count too, since they can be restored. Empty when nothing would be lost.
 * One aggregate query per risky step.
 */
export async function findDataLoss(db: Knex, prev: ObjectDefinition, actions: readonly SchemaAction[]): Promise<string[]> {
  const table = recordTableSql(prev.name);
  const reasons: string[] = [];
  for (const action of actions) {
    const p = probeOf(action);
    if (!p) continue;
    const result = await db.raw(
      `SELECT count(*) FILTER (WHERE "_deleted_at" IS NULL)::int AS live, count(*) FILTER (WHERE "_deleted_at" IS NOT NULL)::int AS deleted FROM ${table} WHERE ${p.where}`,
      p.bindings,
    );
    const { live, deleted } = result.rows[0] as { live: number; deleted: number };
    const total = Number(live) + Number(deleted);
    if (total === 0) continue;
    const binned = Number(deleted) > 0 ? ` (${deleted} of them in the recycle bin)` : '';
    const sentence = action.kind === 'dropTable' ? `${records(total, false)} would be deleted` : `${records(total, true)} ${p.loss}`;
    reasons.push(`${p.subject}: ${sentence}${binned}.`);
  }
  return reasons;
}
