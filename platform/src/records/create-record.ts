import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { runPrepared } from '../core/prepared-query.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { checkValues, newRecordRow } from './prepare-values.ts';
import { fieldsSetByHooks, hookableValues, runRecordHooks } from './record-hooks.ts';
import { selectFieldsSql, toApiRecord, visibleFields, type RecordData } from './record-shape.ts';
import { insertTentatively, recordInsertSql, type RecordOrigin } from './record-writer.ts';
import { newRowsScoped, refuseOutsideCreateScope } from './new-row-scope.ts';
import { checkValidationRules, findDuplicates, invalidWithRuleErrors, lockDedupKeys, refuseDuplicates, refuseUnreachableLookups, type DuplicateMatch } from './write-checks.ts';

const IDENTITY_FIELDS = ['id', '_version'] as const;

export interface CreateResult {
  record: RecordData;
  warnings: { rule: string; id: string }[];
}

/**
 * Inserts a record, its 'create' history entry and reads it back (formulas included) in one
 * statement; objects with validation or dedup rules add their checks inside the same transaction.
 * The system may give the record another origin than itself (demo data: an owner, a creation time
 * in the past), written by the same INSERT.
 */
export async function createRecord(objectName: string, input: unknown, ctx: Ctx, origin: RecordOrigin = {}): Promise<CreateResult> {
  if (Object.keys(origin).length && ctx.actor.kind !== 'system') throw new Error('Only the system gives a new record another origin than its creator.');
  const { policy, object } = scopedQuery(ctx, objectName, 'create');
  const hooked = ctx.hooks?.has(object.name, 'beforeCreate', 'afterCreate') === true;
  // Without hooks the values are checked before any connection is taken.
  const early = hooked ? null : checkValues(object, policy, input, 'create', ctx);
  let duplicates: DuplicateMatch[] = [];
  const scoped = newRowsScoped(object, 'create', ctx);

  const run = async (db: Knex): Promise<RecordData> => {
    const scopedCtx = withDb(ctx, db);
    let checked = early;
    if (!checked) {
      const written = hookableValues(input);
      await runRecordHooks(scopedCtx, 'beforeCreate', object.name, { values: written });
      checked = checkValues(object, policy, written, 'create', ctx, fieldsSetByHooks(input, written));
    }
    const values = checked.values;
    const row = newRecordRow(object, values, ctx, origin);
    if (checked.invalid.length) {
      throw await invalidWithRuleErrors(db, object, checked.invalid, (trx) => insertTentatively(object, row, withDb(ctx, trx)), scopedCtx);
    }
    await refuseUnreachableLookups(object, values, scopedCtx);
    if (object.definition.dedup?.length) {
      await lockDedupKeys(db, object, values);
      duplicates = await findDuplicates(scopedCtx, object, values, null, null);
      refuseDuplicates(object, duplicates, ctx);
    }
    // The answer shows what the creator may read; one who may only create gets the id and version.
    const readPolicy = tryResolvePolicy(scopedCtx, object, 'read');
    const { scope } = scopedQuery(scopedCtx, objectName, readPolicy ? 'read' : 'create');
    const readable = readPolicy ? visibleFields(object, readPolicy) : IDENTITY_FIELDS.map((name) => object.fields.get(name)!);
    const select = selectFieldsSql(scope, readable);
    const joins = scope.joins();
    const insert = recordInsertSql(object, row);
    const history = [...object.history];
    const historyValue = history.length ? `jsonb_build_object(${history.map((f) => `'${f}', t0."${f}"`).join(', ')})` : 'NULL';
    const rows = await runPrepared(
      db,
      `schema@${ctx.schema.version}`,
      `WITH t0 AS (${insert.sql}), h AS (INSERT INTO record_history (object, record_id, action, actor, new_value) ` +
        `SELECT ?, t0.id, 'create', ?::bigint, ${historyValue} FROM t0) ` +
        `SELECT ${select.sql} FROM t0 ${joins.sql}`,
      [...insert.bindings, object.name, ctx.actor.id, ...select.bindings, ...joins.bindings],
    );
    const created = rows[0] as RecordData;
    if (scoped) await refuseOutsideCreateScope(object, String(created.id), scopedCtx);
    await checkValidationRules(db, object, String(created.id), scopedCtx);
    const record = toApiRecord(readable, created);
    await runRecordHooks(scopedCtx, 'afterCreate', object.name, { id: String(created.id), record });
    return record;
  };
  const needsTransaction = hooked || scoped || object.definition.validationRules?.length || object.definition.dedup?.length;
  const record = needsTransaction ? await ctx.db.transaction(run) : await run(ctx.db);
  return { record, warnings: duplicates.map((d) => ({ rule: d.rule, id: d.id })) };
}
