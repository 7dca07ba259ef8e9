import { createError } from '../core/errors.ts';
import { msg, renderMessage } from '../core/messages/message.ts';
import { isId } from '../core/identifiers.ts';
import type { Ctx } from '../core/ctx.ts';
import { MAX_REPORTED_ERRORS, runBatches, type ImportPlan, type RowError } from './import-records.ts';
import { trackBackgroundWork } from '../core/background-work.ts';

export interface ImportJob {
  id: string;
  object: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  inserted: number;
  failed: number;
  errors: RowError[];
  createdAt: string;
  finishedAt: string | null;
}

interface ImportJobRow {
  id: string | number;
  object: string;
  status: ImportJob['status'];
  total: number;
  processed: number;
  inserted: number;
  failed: number;
  errors: RowError[] | string;
  created_by: string | number | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toJob(row: ImportJobRow): ImportJob {
  return {
    id: String(row.id),
    object: row.object,
    status: row.status,
    total: row.total,
    processed: row.processed,
    inserted: row.inserted,
    failed: row.failed,
    errors: typeof row.errors === 'string' ? JSON.parse(row.errors) : row.errors,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
  };
}

/**
 * Records an import job and runs it batch by batch, updating its progress after each batch.
 * Without `wait` the job continues after this returns; poll it with getImportJob.
 */
export async function startImport(plan: ImportPlan, ctx: Ctx, options: { wait?: boolean } = {}): Promise<ImportJob> {
  const [row] = (await ctx.db('import_jobs')
    .insert({ object: plan.object.name, status: 'running', total: plan.rows.length, created_by: ctx.actor.id })
    .returning('*')) as ImportJobRow[];
  const id = String(row.id);
  const run = trackBackgroundWork(runImport(id, plan, ctx));
  if (!options.wait) {
    run.catch((err) => ctx.log.error({ err, importJob: id }, 'import job could not record its failure'));
    return toJob(row);
  }
  await run;
  return toJob((await ctx.db('import_jobs').where({ id }).first()) as ImportJobRow);
}

async function runImport(id: string, plan: ImportPlan, ctx: Ctx): Promise<void> {
  let reported = 0;
  try {
    await runBatches(plan, true, ctx, async (batch, outcome) => {
      const kept = outcome.errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - reported));
      reported += kept.length;
      await ctx.db('import_jobs').where({ id }).update({
        processed: ctx.db.raw('processed + ?', [batch.length]),
        inserted: ctx.db.raw('inserted + ?', [outcome.inserted]),
        failed: ctx.db.raw('failed + ?', [batch.length - outcome.inserted]),
        errors: ctx.db.raw('errors || ?::jsonb', [JSON.stringify(kept)]),
      });
    });
    await ctx.db('import_jobs').where({ id }).update({ status: 'done', finished_at: ctx.db.fn.now() });
  } catch (err) {
    ctx.log.error({ err, importJob: id }, 'import job failed');
    const stopped: RowError = { row: 0, field: null, message: renderMessage(msg('import.jobStopped', { id }), ctx.lang) };
    await ctx.db('import_jobs').where({ id }).update({
      status: 'failed', finished_at: ctx.db.fn.now(), errors: ctx.db.raw('errors || ?::jsonb', [JSON.stringify([stopped])]),
    });
  }
}

/** A job is visible to the user who started it and to superusers. */
export async function getImportJob(objectName: string, jobId: string, ctx: Ctx): Promise<ImportJob> {
  const row = isId(jobId) ? ((await ctx.db('import_jobs').where({ id: jobId }).first()) as ImportJobRow | undefined) : undefined;
  const mine = row && (ctx.actor.superuser || ctx.actor.kind === 'system' || (row.created_by !== null && String(row.created_by) === ctx.actor.id));
  if (!row || row.object !== objectName || !mine) throw createError('NOT_FOUND', msg('import.noSuchJob'));
  return toJob(row);
}
