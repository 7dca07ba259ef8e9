import type { Knex } from 'knex';
import type { ObjectDefinition } from '../generated/object.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { quoteIdentifier as q, recordTableSql } from './column-types.ts';
import { removedOptionsCondition } from './action-sql.ts';
import type { SchemaAction } from './schema-actions.ts';

interface LossProbe {
  /** Rows that would lose data. */
  where: string;
  bindings: string[][];
  /** Completes "<count> records have ...", followed by the counts. */
  subject: Message;
  loss: Message;
}

const probe = (where: string, subject: Message, loss: Message, bindings: string[][] = []): LossProbe => ({ where, bindings, subject, loss });

/** The question to ask the current table for a step that could lose data; null for steps that cannot. */
function probeOf(action: SchemaAction): LossProbe | null {
  switch (action.kind) {
    case 'dropTable':
      return probe('TRUE', msg('loss.dropObject', { object: action.object }), msg('loss.storedValue'));
    case 'dropColumn': {
      const subject = action.toFormula ? msg('loss.becomesFormula', { field: action.field }) : msg('loss.fieldRemoved', { field: action.field });
      return probe(`${q(action.field)} IS NOT NULL`, subject, msg('loss.storedValue'));
    }
    case 'alterColumnType':
      if (!action.lossy || !action.lossSql || !action.loss) return null;
      return probe(action.lossSql, msg('loss.typeChange', { field: action.field, from: action.from, to: action.to }), action.loss);
    case 'clearColumn':
      return probe(`${q(action.field)} IS NOT NULL`, msg('loss.clearColumn', { field: action.field, reason: action.reason }), msg('loss.link'));
    case 'clearRemovedOptions': {
      if (action.keepOnly) return probe(removedOptionsCondition(action.field, true, true), msg('loss.freeValues', { field: action.field }), msg('loss.option'), [action.values]);
      const options = { en: action.values.map((v) => `'${v}'`).join(', '), 'zh-CN': action.values.map((v) => `“${v}”`).join('、') };
      return probe(removedOptionsCondition(action.field, action.multiple), msg('loss.removedOptions', { field: action.field, options }), msg('loss.option'), [action.values]);
    }
    default:
      return null;
  }
}

const records = (n: number) => msg(n === 1 ? 'loss.record' : 'loss.records', { count: n });

/**
 * Reasons a planned change would lose data, counted on the table as it is now (before the plan runs);
 * records in the recycle bin count too, since they can be restored. Empty when nothing would be lost.
 * One aggregate query per risky step.
 */
export async function findDataLoss(db: Knex, prev: ObjectDefinition, actions: readonly SchemaAction[]): Promise<Message[]> {
  const table = recordTableSql(prev.name);
  const reasons: Message[] = [];
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
    const binned = Number(deleted) > 0 ? msg('loss.binned', { deleted: Number(deleted) }) : '';
    const sentence = action.kind === 'dropTable' ? msg('loss.deleted', { records: records(total) }) : msg(total === 1 ? 'loss.has' : 'loss.have', { records: records(total), loss: p.loss });
    reasons.push(msg('loss.reason', { subject: p.subject, sentence, binned }));
  }
  return reasons;
}
