import type { Knex } from 'knex';
import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { translateDbError } from '../core/translate-db-error.ts';
import { heavyRead } from '../core/read-replica.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { aggregateRecords } from '../records/aggregate-records.ts';
import { createRecord } from '../records/create-record.ts';
import { getRecord, listRecords } from '../records/read-records.ts';
import { parseRecordId } from '../permissions/readable-row.ts';
import { deleteRecord } from '../records/recycle-bin.ts';
import { createMany } from '../records/create-many.ts';
import { updateMany } from '../records/update-many.ts';
import { updateRecord } from '../records/update-record.ts';
import { submitRecord } from '../workflow/instances.ts';
import type { AggregateAnswer, Caller, RecordReader, RecordService, SystemRecordService } from './plugin-api.ts';

/**
 * The records API as plugin code sees it: the same functions the HTTP routes call, so every call
 * goes through the permission engine of the context's actor (a system context only where a plugin
 * explicitly asked for `system`). The context is taken per call so that it carries the current snapshot.
 */
/**
 * A write's database errors as the API's errors (a unique index's rule as UNIQUE_VIOLATION, a
 * deadlock as CONFLICT), so that plugin code can tell a lost race from a fault, as clients do.
 */
async function asApiError<T>(ctx: Ctx, write: (ctx: Ctx) => Promise<T>): Promise<T> {
  try {
    return await write(ctx);
  } catch (err) {
    throw translateDbError(err, ctx.schema) ?? err;
  }
}

export function recordService(ctxOf: () => Ctx): RecordService {
  return {
    list: (object, options = {}) => listRecords(object, options, ctxOf()),
    get: (object, id) => getRecord(object, id, ctxOf()),
    create: (object, values) => asApiError(ctxOf(), async (ctx) => (await createRecord(object, values, ctx)).record),
    update: (object, id, values) => asApiError(ctxOf(), (ctx) => updateRecord(object, id, values, ctx)),
    delete: (object, id) => asApiError(ctxOf(), (ctx) => deleteRecord(object, id, ctx)),
    submit: (object, id, options = {}) => asApiError(ctxOf(), async (ctx) => {
      const instance = await submitRecord(object, id, options, ctx);
      return { workflow: instance.workflow, state: instance.state };
    }),
    aggregate: (object, query) => aggregateRecords(object, query, ctxOf()) as Promise<AggregateAnswer>,
    permits: async (object, operation, id) => {
      const ctx = ctxOf();
      if (!tryResolvePolicy(ctx, ctx.schema.object(object, { recordsOnly: true }), operation)) return false;
      if (id === undefined) return true;
      const { query } = scopedQuery(ctx, object, operation);
      return (await query.where('t0.id', parseRecordId(id)).first('t0.id')) !== undefined;
    },
  };
}

/** The reads of `recordService` as heavy reads: on the read replica when there is one (core/read-replica.ts). */
export function heavyReadService(ctxOf: () => Ctx): RecordReader {
  return {
    list: (object, options = {}) => heavyRead(ctxOf(), (ctx) => listRecords(object, options, ctx)),
    get: (object, id) => heavyRead(ctxOf(), (ctx) => getRecord(object, id, ctx)),
    aggregate: (object, query) => heavyRead(ctxOf(), (ctx) => aggregateRecords(object, query, ctx)) as Promise<AggregateAnswer>,
  };
}

/**
 * The records service of the system (`ctxOf` gives a system context): the same calls, and the bulk
 * writes no user's service has.
 */
export function systemRecordService(ctxOf: () => Ctx): SystemRecordService {
  return {
    ...recordService(ctxOf),
    updateMany: (object, changes) => asApiError(ctxOf(), (ctx) => updateMany(object, changes, ctx)),
    createMany: (object, values) => asApiError(ctxOf(), (ctx) => createMany(object, values, ctx)),
  };
}

/** The system's records service inside `trx` (the context `ctx` of any actor names the server). */
export function systemRecordsIn(ctx: Ctx, trx: Knex): SystemRecordService {
  return systemRecordService(() => systemContext(withDb(ctx, trx)));
}

export function callerOf(ctx: Ctx): Caller {
  return {
    userId: ctx.actor.id,
    username: ctx.actor.username,
    lang: ctx.lang,
    portal: ctx.actor.portal,
    account: ctx.actor.account,
    records: recordService(() => ctx),
    heavyReads: heavyReadService(() => ctx),
    transaction: (work) =>
      ctx.db.transaction((trx) => work(callerOf(withDb(ctx, trx)), systemRecordsIn(ctx, trx))),
  };
}
