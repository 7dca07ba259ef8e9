import { withDb, type Ctx } from '../core/ctx.ts';
import { createError, detailText, isAppError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { translateDbError } from '../core/translate-db-error.ts';
import { csvCellValue, resolveLookupCells } from './csv-cell.ts';
import { newRecordRow, prepareValues, type ColumnValues } from './prepare-values.ts';
import { fieldError } from './field-values.ts';
import { ConflictMemory, existingKeys, findConflicts, type ConflictRule, type KeyedRow } from './import-conflicts.ts';
import { batchesOf, checkBatchRules, insertBatch } from './import-batch-insert.ts';
import { idsOutsideScope, newRowsScoped } from './new-row-scope.ts';
import { msg, render, type Message } from '../core/messages/message.ts';
import { nameLabel, objectLabel } from '../core/messages/kind-labels.ts';
import type { SourceRow, UploadTable } from './import-upload.ts';

export const IMPORT_BATCH_SIZE = 1000;
/** Batches written at the same time, each in its own transaction on its own connection. */
const BATCHES_IN_FLIGHT = 2;
/** Batches checked (cells, lookups, keys of live records) before their turn to be written. */
const BATCHES_CHECKED_AHEAD = 2;
/** Errors kept per dry run or job; the counts stay exact beyond it. */
export const MAX_REPORTED_ERRORS = 10_000;

export interface RowError {
  /** The spreadsheet row: the header is row 1, the first data row is row 2. */
  row: number;
  field: string | null;
  message: string;
}

/** A checked upload ready to run: which column feeds which field, and the data rows. */
export interface ImportPlan {
  object: ObjectInfo;
  policy: Policy;
  columns: (FieldInfo | null)[];
  ignoredColumns: string[];
  rows: SourceRow[];
  /** A batch writes its good rows and reports the bad ones (`?skipInvalid=true`), instead of writing none. */
  skipInvalid?: boolean;
  /** The importer's roles limit which new rows they may write (checked in PostgreSQL after the insert). */
  scoped: boolean;
}

export interface DryRunResult {
  dryRun: true;
  total: number;
  valid: number;
  invalid: number;
  errors: RowError[];
  ignoredColumns: string[];
}

function headerIndex(object: ObjectInfo): Map<string, FieldInfo> {
  const index = new Map<string, FieldInfo>();
  const add = (key: string | undefined, field: FieldInfo) => {
    if (key && !index.has(key)) index.set(key, field);
  };
  const fields = [...object.fields.values()];
  for (const f of fields) add(f.name, f);
  for (const f of fields) add(f.label.en, f);
  for (const f of fields) add(f.label['zh-CN'], f);
  for (const f of fields) for (const key of [f.name, f.label.en, f.label['zh-CN']]) add(key?.toLowerCase(), f);
  return index;
}

/**
 * Checks the caller may import into the object and maps the header row (field names or en/zh-CN
 * labels) to fields. Columns the platform maintains (system, formula, read-only) are ignored.
 */
export function planImport(objectName: string, upload: UploadTable, ctx: Ctx): ImportPlan {
  scopedQuery(ctx, objectName, 'import');
  const { object, policy } = scopedQuery(ctx, objectName, 'create');
  const { header } = upload;
  if (!header.length || header.every((h) => h.trim() === '')) {
    const missing = upload.format === 'json' ? msg('import.jsonNoRecords') : msg('import.noHeader', { format: upload.format.toUpperCase() });
    throw createError('BAD_REQUEST', missing, [{ path: '/file', message: msg('import.needsHeader') }]);
  }
  const index = headerIndex(object);
  const rows = upload.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));

  const unknown: (string | Message)[] = [];
  const forbidden: string[] = [];
  const ignoredColumns: string[] = [];
  const used = new Map<string, string>();
  const columns = header.map((raw, col): FieldInfo | null => {
    const name = raw.trim();
    if (name === '') {
      if (rows.some((r) => (r.cells[col] ?? '').trim() !== '')) unknown.push(msg('import.unnamedColumn', { column: col + 1 }));
      return null;
    }
    const field = index.get(name) ?? index.get(name.toLowerCase());
    if (!field) {
      unknown.push(name);
      return null;
    }
    if (field.system || field.type === 'formula' || field.definition?.readOnly) {
      ignoredColumns.push(name);
      return null;
    }
    if (policy.fieldAccess(field) !== 'write') forbidden.push(name);
    const earlier = used.get(field.name);
    if (earlier !== undefined) throw createError('VALIDATION_FAILED', msg('import.columnsFillSameField', { first: earlier, second: name, field: nameLabel(field) }), [{ path: `/columns/${col}`, message: msg('import.duplicatesColumn', { column: earlier }) }]);
    used.set(field.name, name);
    return field;
  });
  if (unknown.length) {
    throw createError('VALIDATION_FAILED', msg('import.unknownColumns', { object: objectLabel(object), columns: unknown.slice(0, 20) }),
      unknown.map((c) => ({ path: '/columns', message: msg('import.notAField', { column: typeof c === 'string' ? c.slice(0, 100) : c, object: nameLabel(object) }) })));
  }
  if (forbidden.length) {
    throw createError('FORBIDDEN', msg('record.notPermittedToChange', { fields: forbidden.join(', ') }), forbidden.map((f) => ({ path: `/columns`, message: msg('import.columnNotWritable', { column: f }) })));
  }
  if (!columns.some(Boolean)) throw createError('VALIDATION_FAILED', msg('import.noImportableColumn'), [{ path: '/columns', message: msg('import.noImportableColumnDetail') }]);
  return { object, policy, columns, ignoredColumns, rows, scoped: newRowsScoped(object, 'import', ctx) };
}

interface GoodRow extends KeyedRow {
  values: ColumnValues;
}

/**
 * The field values of each row, converted and checked exactly as a create would check them, with
 * the row's unique and dedup keys.
 */
async function checkRows(plan: ImportPlan, batch: readonly SourceRow[], memory: ConflictMemory, ctx: Ctx): Promise<{ good: GoodRow[]; errors: RowError[] }> {
  const { object, policy, columns } = plan;
  const lookupCells = new Map<FieldInfo, string[]>();
  columns.forEach((field, col) => {
    if (field?.type === 'lookup') lookupCells.set(field, batch.map((r) => r.cells[col] ?? ''));
  });
  const lookups = lookupCells.size ? await resolveLookupCells(lookupCells, ctx) : undefined;
  const errors: RowError[] = [];
  const good: GoodRow[] = [];
  for (const source of batch) {
    const input: Record<string, unknown> = {};
    const rowErrors: RowError[] = [];
    if (source.cells.length > columns.length && source.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      rowErrors.push({ row: source.row, field: null, message: render(msg('import.cellCount', { cells: source.cells.length, columns: columns.length }), ctx.lang) });
    }
    columns.forEach((field, col) => {
      if (!field) return;
      const cell = csvCellValue(field, source.cells[col] ?? '', lookups);
      if (!cell.ok) rowErrors.push({ row: source.row, field: field.name, message: detailText(fieldError(field, cell.message), ctx.lang) });
      else if (cell.value !== null) input[field.name] = cell.value;
    });
    try {
      const values = prepareValues(object, policy, input, 'create', ctx);
      if (!rowErrors.length) good.push({ row: source.row, values, keys: memory.keyTexts(values) });
    } catch (err) {
      if (!isAppError(err)) throw err;
      for (const d of err.details ?? [{ path: '', message: err.message }]) {
        const field = d.path.replace(/^\//, '') || null;
        if (field === null || !rowErrors.some((e) => e.field === field)) rowErrors.push({ row: source.row, field, message: detailText(d, ctx.lang) });
      }
    }
    errors.push(...rowErrors);
  }
  return { good, errors };
}

export interface PreparedBatch {
  batch: readonly SourceRow[];
  good: GoodRow[];
  errors: RowError[];
  /** Per rule: the row numbers whose key a live record already holds, with that record's id. */
  taken: Map<ConflictRule, Map<number, string>>;
}

/**
 * Everything about a batch that does not depend on the batches before it: cell conversion, field
 * checks, lookups, and which keys live records already hold (one query per rule). Batches are
 * checked ahead, while earlier ones are checked or written.
 */
async function prepareBatch(plan: ImportPlan, batch: readonly SourceRow[], memory: ConflictMemory, ctx: Ctx): Promise<PreparedBatch> {
  const { good, errors } = await checkRows(plan, batch, memory, ctx);
  const taken = new Map<ConflictRule, Map<number, string>>();
  await Promise.all(
    memory.rules.map(async (rule, r) => {
      const keyed = good.filter((g) => g.keys[r] !== null);
      if (!keyed.length) return;
      const existing = await existingKeys(plan.object, rule, keyed.map((g) => memory.keyOf(rule, g.values)!), ctx);
      taken.set(rule, new Map([...existing].map(([i, id]) => [keyed[i].row, id])));
    }),
  );
  return { batch, good, errors, taken };
}

interface BatchOutcome {
  valid: number;
  inserted: number;
  errors: RowError[];
}

/**
 * Finishes a prepared batch: the good rows are inserted in one transaction when `commit` is set and
 * no row failed, or, with `skipInvalid`, even when some failed (rows a validation rule or the
 * importer's scope refuses then leave the batch, and the rest is written again). Objects with
 * validation rules, and importers whose roles scope new rows, insert the good rows to check them in
 * PostgreSQL and roll back unless committing, so a dry run sees the same errors.
 */
async function settleBatch(plan: ImportPlan, prepared: PreparedBatch, memory: ConflictMemory, commit: boolean, ctx: Ctx): Promise<BatchOutcome> {
  const { object } = plan;
  const { batch } = prepared;
  const errors = [...prepared.errors, ...findConflicts(prepared, memory)];
  const bad = new Set(errors.map((e) => e.row));
  const good = prepared.good.filter((g) => !bad.has(g.row));
  const willCommit = commit && good.length > 0 && (errors.length === 0 || plan.skipInvalid === true);
  // Remembered before the write so that the next batch, checked meanwhile, sees these keys.
  memory.remember(good);
  let inserted = 0;
  let rows = good;
  while (rows.length && (willCommit || plan.scoped || object.definition.validationRules?.length)) {
    const rollback = new Error('rollback');
    let refusedAfterInsert = 0;
    try {
      await ctx.db.transaction(async (trx) => {
        const trxCtx = withDb(ctx, trx);
        const values = rows.map((g) => newRecordRow(object, g.values, trxCtx));
        const ids = await insertBatch(trx, object, values, trxCtx);
        const refused = [
          ...await outOfScopeRows(plan, ids, rows.map((g) => g.row), trxCtx),
          ...await checkBatchRules(object, ids, rows.map((g) => g.row), trxCtx),
        ].sort((a, b) => a.row - b.row);
        errors.push(...refused);
        for (const e of refused) bad.add(e.row);
        refusedAfterInsert = refused.length;
        if (!willCommit || refused.length) throw rollback;
        inserted = ids.length;
      });
    } catch (err) {
      if (err !== rollback) errors.push(batchFailure(err, batch, ctx));
      if (err !== rollback) for (const g of rows) bad.add(g.row);
    }
    if (!(willCommit && plan.skipInvalid && refusedAfterInsert)) break;
    rows = rows.filter((g) => !bad.has(g.row));
  }
  const validRows = good.filter((g) => !bad.has(g.row));
  errors.sort((a, b) => a.row - b.row);
  return { valid: validRows.length, inserted, errors };
}

/** The rows whose new record lies outside the importer's import scope, each as a row error. */
async function outOfScopeRows(plan: ImportPlan, ids: readonly string[], rowNumbers: readonly number[], ctx: Ctx): Promise<RowError[]> {
  if (!plan.scoped) return [];
  const outside = await idsOutsideScope(plan.object, ids, 'import', ctx);
  const message = render(msg('record.createOutOfScope'), ctx.lang);
  return ids.flatMap((id, i) => (outside.has(id) ? [{ row: rowNumbers[i], field: null, message }] : []));
}

/** A database refusal of the whole batch (e.g. a value taken concurrently) becomes an error on its first row. */
function batchFailure(err: unknown, batch: readonly SourceRow[], ctx: Ctx): RowError {
  const known = isAppError(err) ? err : translateDbError(err, ctx.schema);
  if (!known) throw err;
  const first = batch[0].row;
  const last = batch[batch.length - 1].row;
  const detail = known.details?.[0];
  return { row: first, field: detail?.path.replace(/^\//, '') || null, message: render(msg('import.rows', { first, last, problem: detail ? detailText(detail, ctx.lang) : known.text(ctx.lang) }), ctx.lang) };
}

/**
 * Runs the batches in file order, checking up to two ahead while up to two are written on their own
 * connections; outcomes are reported in file order. A row repeating a unique or dedup key of an
 * earlier row of the file is refused whether or not that row's batch landed, as the dry run says.
 * Checking ahead keeps the lookup and key queries of the next batches off the path of the writes:
 * the loop never waits for a query round trip that could have been sent earlier.
 */
export async function runBatches(plan: ImportPlan, commit: boolean, ctx: Ctx, onOutcome: (batch: readonly SourceRow[], outcome: BatchOutcome) => Promise<void> | void): Promise<void> {
  const memory = new ConflictMemory(plan.object, ctx.lang);
  const batches = batchesOf(plan.rows, IMPORT_BATCH_SIZE);
  const checking: Promise<PreparedBatch>[] = [];
  const inFlight: Promise<void>[] = [];
  let next = 0;
  const checkAhead = () => {
    while (checking.length < BATCHES_CHECKED_AHEAD && next < batches.length) {
      const pending = prepareBatch(plan, batches[next++], memory, ctx);
      // Awaited in turn below; until then a failure must not count as unhandled.
      pending.catch(() => undefined);
      checking.push(pending);
    }
  };
  let reported: Promise<void> = Promise.resolve();
  try {
    for (const batch of batches) {
      checkAhead();
      const prepared = await checking.shift()!;
      checkAhead();
      if (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
      const outcome = settleBatch(plan, prepared, memory, commit, ctx);
      reported = reported.then(() => outcome).then((o) => onOutcome(batch, o));
      inFlight.push(reported);
    }
    await reported;
  } finally {
    await Promise.allSettled([...inFlight, ...checking]);
  }
}

/** Checks every row as create would and writes nothing. */
export async function dryRunImport(plan: ImportPlan, ctx: Ctx): Promise<DryRunResult> {
  const errors: RowError[] = [];
  let valid = 0;
  await runBatches(plan, false, ctx, (_batch, outcome) => {
    valid += outcome.valid;
    errors.push(...outcome.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
  });
  return { dryRun: true, total: plan.rows.length, valid, invalid: plan.rows.length - valid, errors, ignoredColumns: plan.ignoredColumns };
}
