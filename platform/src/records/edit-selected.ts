import type { Ctx } from '../core/ctx.ts';
import { createError, detailText, isAppError, statusOf, type ErrorCode } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { translateDbError } from '../core/translate-db-error.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import type { RecordData } from './record-shape.ts';
import { updateRecord } from './update-record.ts';
import type { PendingChange } from './write-change.ts';

/** The most records one bulk edit changes: each is its own transaction, so the request's time grows with it. */
export const BULK_EDIT_MAX = 200;

/** One selected record's outcome: written, waiting for an approval (gated fields), or refused and unchanged. */
export interface BulkEditResult {
  id: string;
  status: 'updated' | 'pending' | 'failed';
  /** The record's version after the change (updated, pending). */
  version?: number;
  pending?: PendingChange;
  error?: { code: ErrorCode; status: number; message: string; details?: { path: string; message: string }[] };
}

export interface BulkEditAnswer {
  results: BulkEditResult[];
}

interface SelectedRecord {
  id: string;
  version: number;
}

function parseBulkEdit(input: unknown): { records: SelectedRecord[]; values: RecordData } {
  const body = input as { records?: unknown; values?: unknown } | null;
  const records = body?.records;
  const values = body?.values;
  const problems: { path: string; message: ReturnType<typeof msg> }[] = [];
  if (!Array.isArray(records) || records.length === 0 || records.length > BULK_EDIT_MAX) {
    problems.push({ path: '/records', message: msg('record.bulkEditRecords', { max: BULK_EDIT_MAX }) });
  } else {
    records.forEach((r: unknown, at) => {
      const { id, _version: version } = (r ?? {}) as { id?: unknown; _version?: unknown };
      if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') problems.push({ path: `/records/${at}/id`, message: msg('record.bulkEditId') });
      if (typeof version !== 'number' || !Number.isInteger(version)) problems.push({ path: `/records/${at}/_version`, message: msg('record.versionRequiredDetail') });
    });
  }
  if (!values || typeof values !== 'object' || Array.isArray(values) || Object.keys(values).length === 0 || '_version' in values) {
    problems.push({ path: '/values', message: msg('record.bulkEditValues') });
  }
  if (problems.length) throw createError('BAD_REQUEST', msg('record.bulkEditInvalid'), problems);
  return {
    records: (records as { id: string | number; _version: number }[]).map((r) => ({ id: String(r.id), version: r._version })),
    values: values as RecordData,
  };
}

function failure(err: unknown, ctx: Ctx): BulkEditResult['error'] {
  const known = isAppError(err) ? err : translateDbError(err, ctx.schema);
  if (!known) {
    ctx.log.error({ err }, 'bulk edit of a record failed');
    return { code: 'INTERNAL', status: 500, message: createError('INTERNAL', msg('record.bulkEditRowFailed')).text(ctx.lang) };
  }
  const details = known.details?.map((d) => ({ path: d.path, message: detailText(d, ctx.lang) }));
  return { code: known.code, status: statusOf(known.code), message: known.text(ctx.lang), ...(details?.length ? { details } : {}) };
}

/**
 * PATCH /api/records/:object: the same values for each selected record, each through the single
 * update path (permissions, state locks, gates, checks) in its own transaction, so that one record's
 * refusal changes nothing of it and undoes nothing of the others.
 */
export async function editSelected(objectName: string, input: unknown, ctx: Ctx): Promise<BulkEditAnswer> {
  const { records, values } = parseBulkEdit(input);
  // An unknown object (404) or one the caller may not update at all (403) refuses the whole request.
  scopedQuery(ctx, objectName, 'update');
  const results: BulkEditResult[] = [];
  for (const { id, version } of records) {
    try {
      const written = await updateRecord(objectName, id, { ...values, _version: version }, ctx);
      const pending = written._pending as PendingChange | undefined;
      const next = typeof written._version === 'number' ? { version: written._version } : {};
      results.push(pending ? { id, status: 'pending', ...next, pending } : { id, status: 'updated', ...next });
    } catch (err) {
      results.push({ id, status: 'failed', error: failure(err, ctx) });
    }
  }
  return { results };
}
