import { withDb, type Ctx } from '../core/ctx.ts';
import type { ErrorDetail } from '../core/errors.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { insertBatch } from './import-batch-insert.ts';
import { checkValues, newRecordRow, type ColumnValues } from './prepare-values.ts';
import { fieldsSetByHooks, hookableValues, runRecordHooks } from './record-hooks.ts';
import type { RecordData } from './record-shape.ts';
import type { RecordOrigin } from './record-writer.ts';
import { BULK_CHUNK, refuseInvalidValues, refuseUnlessSystem, runAfterHooks } from './system-bulk.ts';
import { checkValidationRulesOf, findDuplicates, lockDedupKeys, refuseDuplicates, refuseUnreachableLookups } from './write-checks.ts';

/**
 * The system's bulk create (pack bookkeeping such as a scoring's predictions): each record's values
 * pass the checks a single system create runs (field values, defaults, lookups, dedup and validation
 * rules, before/after create hooks per record), then the records and their 'create' history go in
 * with the importer's batch insert. All or nothing in the transaction `ctx.db`. Returns the new ids
 * in input order. System only, like `updateMany`. `origins` gives records another origin than the
 * system, one per input (demo data: an owner, a creation time in the past).
 */
export async function createMany(objectName: string, inputs: readonly RecordData[], ctx: Ctx, origins?: readonly RecordOrigin[]): Promise<string[]> {
  refuseUnlessSystem(ctx, 'createMany');
  const { policy, object } = scopedQuery(ctx, objectName, 'create');
  const hooked = ctx.hooks?.has(object.name, 'beforeCreate') === true;
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const ids: string[] = [];
    for (let start = 0; start < inputs.length; start += BULK_CHUNK) {
      const invalid: { at: string; details: ErrorDetail[] }[] = [];
      const valid: ColumnValues[] = [];
      for (const [i, input] of inputs.slice(start, start + BULK_CHUNK).entries()) {
        let written = input;
        if (hooked) {
          written = hookableValues(input);
          await runRecordHooks(tctx, 'beforeCreate', object.name, { values: written });
        }
        const checked = checkValues(object, policy, written, 'create', ctx, hooked ? fieldsSetByHooks(input, written) : undefined);
        if (checked.invalid.length) invalid.push({ at: `/${start + i}`, details: checked.invalid });
        else valid.push(checked.values);
      }
      refuseInvalidValues(object, invalid);
      await refuseUnreachableLookups(object, valid, tctx);
      const deduped = object.definition.dedup?.length ? valid : [];
      for (const values of deduped) await lockDedupKeys(trx, object, values);
      // Every input is valid here (refuseInvalidValues threw otherwise), so valid[i] is inputs[start + i].
      const rows = valid.map((values, i) => newRecordRow(object, values, ctx, origins?.[start + i]));
      const created = await insertBatch(trx, object, rows, tctx);
      for (const [i, values] of deduped.entries()) refuseDuplicates(object, await findDuplicates(tctx, object, values, null, created[i]), ctx);
      await checkValidationRulesOf(trx, object, created, tctx);
      ids.push(...created);
    }
    await runAfterHooks('afterCreate', object, ids, tctx);
    return ids;
  });
}
