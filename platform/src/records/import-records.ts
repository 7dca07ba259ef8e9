import type { Knex } from 'knex';
import { parse } from 'csv-parse/sync';
import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { createError, isAppError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/snapshot-types.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { translateDbError } from '../http/translate-db-error.ts';
import { csvCellValue, resolveLookupCells } from './csv-cell.ts';
import { applyDefaults, prepareValues, type ColumnValues } from './prepare-values.ts';
import { fieldError } from './field-values.ts';
import { SQL_TYPE, compileFilter, fieldKind } from '../query/index.ts';
import { normalizeSql, normalizeValue, type NormalizeKind } from '../schema/index.ts';

export const IMPORT_BATCH_SIZE = 1000;
/** Errors kept per dry run or job; the counts stay exact beyond it. */
export const MAX_REPORTED_ERRORS = 10_000;

export interface RowError {
  /** The spreadsheet row: the header is row 1, the first data row is row 2. */
  row: number;
  field: string | null;
  message: string;
}

interface SourceRow {
  row: number;
  cells: string[];
}

/** A checked CSV ready to run: which column feeds which field, and the data rows. */
export interface ImportPlan {
  object: ObjectInfo;
  policy: Policy;
  columns: (FieldInfo | null)[];
  ignoredColumns: string[];
  rows: SourceRow[];
}

export interface DryRunResult {
  dryRun: true;
  total: number;
  valid: number;
  invalid: number;
  errors: RowError[];
  ignoredColumns: string[];
}

export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 300) : 'unreadable';
    throw createError('BAD_REQUEST', `The CSV cannot be read: ${message}`, [{ path: '/csv', message }]);
  }
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
export function planImport(objectName: string, csvText: string, ctx: Ctx): ImportPlan {
  scopedQuery(ctx, objectName, 'import');
  const { object, policy } = scopedQuery(ctx, objectName, 'create');
  const records = parseCsv(csvText);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) throw createError('BAD_REQUEST', 'The CSV has no header row of field names.', [{ path: '/csv', message: 'needs a header row' }]);
  const index = headerIndex(object);
  const rows: SourceRow[] = [];
  records.forEach((cells, i) => {
    if (i > 0 && cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells });
  });

  const unknown: string[] = [];
  const forbidden: string[] = [];
  const ignoredColumns: string[] = [];
  const used = new Map<string, string>();
  const columns = header.map((raw, col): FieldInfo | null => {
    const name = raw.trim();
    if (name === '') {
      if (rows.some((r) => (r.cells[col] ?? '').trim() !== '')) unknown.push(`(column ${col + 1} has no name)`);
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
    if (earlier !== undefined) throw createError('VALIDATION_FAILED', `The columns '${earlier}' and '${name}' both fill ${field.name}.`, [{ path: `/columns/${col}`, message: `duplicates the column '${earlier}'` }]);
    used.set(field.name, name);
    return field;
  });
  if (unknown.length) {
    throw createError('VALIDATION_FAILED', `Unknown columns for ${object.label.en ?? object.name}: ${unknown.slice(0, 20).join(', ')}.`,
      unknown.map((c) => ({ path: '/columns', message: `'${c.slice(0, 100)}' is not a field of ${object.name}` })));
  }
  if (forbidden.length) {
    throw createError('FORBIDDEN', `You are not permitted to change: ${forbidden.join(', ')}.`, forbidden.map((f) => ({ path: `/columns`, message: `'${f}' is not writable for you` })));
  }
  if (!columns.some(Boolean)) throw createError('VALIDATION_FAILED', 'The CSV has no column that can be imported.', [{ path: '/columns', message: 'no importable column' }]);
  return { object, policy, columns, ignoredColumns, rows };
}

/** The field values of each row, converted and checked exactly as a create would check them. */
async function checkRows(plan: ImportPlan, batch: readonly SourceRow[], ctx: Ctx): Promise<{ good: GoodRow[]; errors: RowError[] }> {
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
    if (source.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      rowErrors.push({ row: source.row, field: null, message: `has ${source.cells.length} cells but the header has ${columns.length}` });
    }
    columns.forEach((field, col) => {
      if (!field) return;
      const cell = csvCellValue(field, source.cells[col] ?? '', lookups);
      if (!cell.ok) rowErrors.push({ row: source.row, field: field.name, message: fieldError(field.name, cell.message).message });
      else if (cell.value !== null) input[field.name] = cell.value;
    });
    try {
      const values = prepareValues(object, policy, input, 'create', ctx);
      if (!rowErrors.length) good.push({ row: source.row, values });
    } catch (err) {
      if (!isAppError(err)) throw err;
      for (const d of err.details ?? [{ path: '', message: err.message }]) {
        const field = d.path.replace(/^\//, '') || null;
        if (field === null || !rowErrors.some((e) => e.field === field)) rowErrors.push({ row: source.row, field, message: d.message });
      }
    }
    errors.push(...rowErrors);
  }
  return { good, errors };
}

interface GoodRow {
  row: number;
  values: ColumnValues;
}

interface ConflictRule {
  name: string;
  fields: readonly string[];
  /** null for unique constraints (compared exactly), a normalisation kind per field for dedup rules. */
  normalize: readonly NormalizeKind[] | null;
  message: (existing: string | null) => string;
}

/** Unique constraints and blocking dedup rules, each with the keys already taken by earlier rows of the file. */
class ConflictMemory {
  readonly rules: ConflictRule[];
  private readonly taken = new Map<ConflictRule, Set<string>>();

  constructor(object: ObjectInfo, lang: Ctx['lang']) {
    const def = object.definition;
    // Lists and JSON are left to the unique index itself: a clash there fails the batch.
    const comparable = (names: readonly string[]) => names.every((n) => !['multienum', 'json', 'formula'].includes(object.fields.get(n)?.type ?? 'formula'));
    const groups = [...object.customFields.filter((f) => f.definition?.unique).map((f) => [f.name]), ...(def.unique ?? [])].filter(comparable);
    this.rules = groups.map((fields) => ({
      name: fields.join(' + '),
      fields,
      normalize: null,
      message: (existing) => (existing ? `Another record already has this ${fields.join(' + ')}.` : `${fields.join(' + ')} repeats an earlier row of the file`),
    }));
    for (const rule of def.dedup ?? []) {
      if ((rule.action ?? 'block') !== 'block') continue;
      this.rules.push({
        name: rule.name,
        fields: rule.fields.map((f) => f.field),
        normalize: rule.fields.map((f) => f.normalize ?? 'text'),
        message: (existing) => rule.message?.[lang] ?? (existing ? `matches record ${existing} by rule ${rule.name}` : `matches an earlier row of the file by rule ${rule.name}`),
      });
    }
    for (const rule of this.rules) this.taken.set(rule, new Set());
  }

  /** The rule's key for a row, or null when the row does not take part (a blank value). */
  keyOf(rule: ConflictRule, values: ColumnValues): unknown[] | null {
    const key: unknown[] = [];
    for (let i = 0; i < rule.fields.length; i++) {
      const value = values[rule.fields[i]];
      if (rule.normalize) {
        if (typeof value !== 'string' || value.trim() === '') return null;
        const normalized = normalizeValue(rule.normalize[i], value);
        if (normalized === null) return null;
        key.push(normalized);
      } else {
        if (value === null || value === undefined) return null;
        key.push(value);
      }
    }
    return key;
  }

  has(rule: ConflictRule, key: string): boolean {
    return this.taken.get(rule)!.has(key);
  }

  remember(rows: readonly ColumnValues[]): void {
    for (const rule of this.rules) {
      const taken = this.taken.get(rule)!;
      for (const values of rows) {
        const key = this.keyOf(rule, values);
        if (key) taken.add(JSON.stringify(key));
      }
    }
  }
}

/**
 * Rows whose unique values or dedup keys repeat an earlier row of the file or a live record: one
 * query per rule for the whole batch. Like create's duplicate check it looks across all records,
 * not only the caller's scope, hence the explicit system context.
 */
async function findConflicts(object: ObjectInfo, rows: readonly GoodRow[], memory: ConflictMemory, ctx: Ctx): Promise<RowError[]> {
  const errors: RowError[] = [];
  for (const rule of memory.rules) {
    const keyed: { row: number; key: unknown[] }[] = [];
    const inBatch = new Set<string>();
    for (const g of rows) {
      const key = memory.keyOf(rule, g.values);
      if (!key) continue;
      const text = JSON.stringify(key);
      if (memory.has(rule, text) || inBatch.has(text)) errors.push({ row: g.row, field: rule.fields[0], message: rule.message(null) });
      else keyed.push({ row: g.row, key });
      inBatch.add(text);
    }
    if (!keyed.length) continue;
    const existing = await existingKeys(object, rule, keyed.map((k) => k.key), ctx);
    keyed.forEach((k, i) => {
      const id = existing.get(i);
      if (id) errors.push({ row: k.row, field: rule.fields[0], message: rule.message(id) });
    });
  }
  return errors;
}

/**
 * The live records holding each key, by the key's position: a LATERAL probe per key, so that the
 * unique or dedup index is used (the planner underestimates the normalising expressions and would
 * otherwise scan the table). Keys travel as text and are cast to the column's type.
 */
async function existingKeys(object: ObjectInfo, rule: ConflictRule, keys: readonly unknown[][], ctx: Ctx): Promise<Map<number, string>> {
  const { query } = scopedQuery(systemContext(ctx), object.name, 'read');
  const aliases = rule.fields.map((_, i) => `k${i}`);
  rule.fields.forEach((name, i) => {
    const column = `"t0"."${name}"`;
    if (rule.normalize) query.whereRaw(`${normalizeSql(rule.normalize[i], column)} = u.${aliases[i]}`);
    else query.whereRaw(`${column} = u.${aliases[i]}::${SQL_TYPE[fieldKind(object.fields.get(name)!)]}`);
  });
  query.select('t0.id').limit(1);
  const found = await ctx.db.raw(
    `SELECT u.n, s.id FROM unnest(${aliases.map(() => '?::text[]').join(', ')}) WITH ORDINALITY AS u(${aliases.join(', ')}, n) CROSS JOIN LATERAL (?) AS s`,
    [...rule.fields.map((_, i) => keys.map((k) => String(k[i]))), query] as Knex.RawBinding[],
  );
  return new Map((found.rows as { n: string | number; id: string | number }[]).map((r) => [Number(r.n) - 1, String(r.id)]));
}

/** PostgreSQL allows 65,535 parameters per statement; wide objects insert a batch in several statements. */
const MAX_BINDINGS = 60_000;

/**
 * Inserts rows and their 'create' history entries with one multi-row INSERT per chunk; returns
 * the new ids in row order.
 */
async function insertBatch(trx: Knex, object: ObjectInfo, rows: readonly ColumnValues[], ctx: Ctx): Promise<string[]> {
  const history = [...object.history];
  const historyValue = history.length ? `jsonb_build_object(${history.map(() => '?::text, t0.??').join(', ')})` : 'NULL';
  const width = Math.max(1, ...rows.map((r) => Object.keys(r).length));
  const chunkSize = Math.max(1, Math.floor(MAX_BINDINGS / width));
  const ids: string[] = [];
  for (const chunk of batchesOf(rows, chunkSize)) {
    const insert = trx(object.table).insert(chunk).returning('*');
    const result = await trx.raw(
      `WITH t0 AS (?), h AS (INSERT INTO record_history (object, record_id, action, actor, new_value) ` +
        `SELECT ?, t0.id, 'create', ?::bigint, ${historyValue} FROM t0) SELECT t0.id FROM t0`,
      [insert, object.name, ctx.actor.id, ...history.flatMap((f) => [f, f])] as Knex.RawBinding[],
    );
    for (const r of result.rows as { id: string | number }[]) ids.push(String(r.id));
  }
  return ids;
}

/** The object's validation rules over the just-inserted rows, in one query inside the batch's transaction. */
async function checkBatchRules(object: ObjectInfo, ids: readonly string[], rowNumbers: readonly number[], ctx: Ctx): Promise<RowError[]> {
  const rules = object.definition.validationRules ?? [];
  if (!rules.length || !ids.length) return [];
  const { query, scope } = scopedQuery(systemContext(ctx), object.name, 'read');
  const columns = rules.map((rule, i) => {
    const compiled = compileFilter(rule.errorWhen, scope);
    return ctx.db.raw(`(${compiled.sql}) AS ??`, [...compiled.bindings, `r${i}`] as Knex.RawBinding[]);
  });
  query.select('t0.id', ...columns).whereRaw('t0.id = ANY(?::bigint[])', [ids as string[]]);
  scope.applyJoins(query);
  const rowOf = new Map(ids.map((id, i) => [id, rowNumbers[i]]));
  const errors: RowError[] = [];
  for (const r of (await query) as Record<string, unknown>[]) {
    rules.forEach((rule, i) => {
      if (r[`r${i}`] !== true) return;
      errors.push({ row: rowOf.get(String(r.id))!, field: rule.field ?? null, message: rule.message[ctx.lang] ?? rule.message.en ?? rule.message['zh-CN'] ?? rule.name });
    });
  }
  return errors;
}

interface BatchOutcome {
  valid: number;
  inserted: number;
  errors: RowError[];
}

/**
 * One batch, all or nothing: every row is checked; the good rows are inserted in one transaction
 * when `commit` is set and no row failed. Objects with validation rules insert the good rows to
 * run the rules in PostgreSQL and roll back unless committing, so a dry run sees the same errors.
 */
async function processBatch(plan: ImportPlan, batch: readonly SourceRow[], memory: ConflictMemory, commit: boolean, ctx: Ctx): Promise<BatchOutcome> {
  const { object } = plan;
  const checked = await checkRows(plan, batch, ctx);
  const errors = [...checked.errors, ...(await findConflicts(object, checked.good, memory, ctx))];
  const bad = new Set(errors.map((e) => e.row));
  const good = checked.good.filter((g) => !bad.has(g.row));
  const willCommit = commit && errors.length === 0 && good.length > 0;
  let inserted = 0;
  if (good.length && (willCommit || object.definition.validationRules?.length)) {
    const rollback = new Error('rollback');
    try {
      await ctx.db.transaction(async (trx) => {
        const trxCtx = withDb(ctx, trx);
        const rows = good.map((g) => ({
          ...applyDefaults(object, g.values, trxCtx), _owner: ctx.actor.id, _department: ctx.actor.department, _created_by: ctx.actor.id,
        }));
        const ids = await insertBatch(trx, object, rows, trxCtx);
        const ruleErrors = await checkBatchRules(object, ids, good.map((g) => g.row), trxCtx);
        errors.push(...ruleErrors);
        for (const e of ruleErrors) bad.add(e.row);
        if (!willCommit || ruleErrors.length) throw rollback;
        inserted = ids.length;
      });
    } catch (err) {
      if (err !== rollback) errors.push(batchFailure(err, batch, ctx));
      if (err !== rollback) for (const g of good) bad.add(g.row);
    }
  }
  const validRows = good.filter((g) => !bad.has(g.row));
  memory.remember((commit ? (inserted ? validRows : []) : validRows).map((g) => g.values));
  errors.sort((a, b) => a.row - b.row);
  return { valid: validRows.length, inserted, errors };
}

/** A database refusal of the whole batch (e.g. a value taken concurrently) becomes an error on its first row. */
function batchFailure(err: unknown, batch: readonly SourceRow[], ctx: Ctx): RowError {
  const known = isAppError(err) ? err : translateDbError(err, ctx.schema);
  if (!known) throw err;
  const first = batch[0].row;
  const last = batch[batch.length - 1].row;
  const detail = known.details?.[0];
  return { row: first, field: detail?.path.replace(/^\//, '') || null, message: `rows ${first}-${last}: ${detail?.message ?? known.message}` };
}

function batchesOf<T>(items: readonly T[], size = IMPORT_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Checks every row as create would and writes nothing. */
export async function dryRunImport(plan: ImportPlan, ctx: Ctx): Promise<DryRunResult> {
  const memory = new ConflictMemory(plan.object, ctx.lang);
  const errors: RowError[] = [];
  let valid = 0;
  for (const batch of batchesOf(plan.rows)) {
    const outcome = await processBatch(plan, batch, memory, false, ctx);
    valid += outcome.valid;
    errors.push(...outcome.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
  }
  return { dryRun: true, total: plan.rows.length, valid, invalid: plan.rows.length - valid, errors, ignoredColumns: plan.ignoredColumns };
}

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
  const run = runImport(id, plan, ctx);
  if (!options.wait) {
    run.catch((err) => ctx.log.error({ err, importJob: id }, 'import job could not record its failure'));
    return toJob(row);
  }
  await run;
  return toJob((await ctx.db('import_jobs').where({ id }).first()) as ImportJobRow);
}

async function runImport(id: string, plan: ImportPlan, ctx: Ctx): Promise<void> {
  const memory = new ConflictMemory(plan.object, ctx.lang);
  let reported = 0;
  try {
    for (const batch of batchesOf(plan.rows)) {
      const outcome = await processBatch(plan, batch, memory, true, ctx);
      const kept = outcome.errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - reported));
      reported += kept.length;
      await ctx.db('import_jobs').where({ id }).update({
        processed: ctx.db.raw('processed + ?', [batch.length]),
        inserted: ctx.db.raw('inserted + ?', [outcome.inserted]),
        failed: ctx.db.raw('failed + ?', [batch.length - outcome.inserted]),
        errors: ctx.db.raw('errors || ?::jsonb', [JSON.stringify(kept)]),
      });
    }
    await ctx.db('import_jobs').where({ id }).update({ status: 'done', finished_at: ctx.db.fn.now() });
  } catch (err) {
    ctx.log.error({ err, importJob: id }, 'import job failed');
    const stopped: RowError = { row: 0, field: null, message: `The import stopped because of an unexpected error (job ${id}); rows not yet processed were not imported.` };
    await ctx.db('import_jobs').where({ id }).update({
      status: 'failed', finished_at: ctx.db.fn.now(), errors: ctx.db.raw('errors || ?::jsonb', [JSON.stringify([stopped])]),
    });
  }
}

/** A job is visible to the user who started it and to superusers. */
export async function getImportJob(objectName: string, jobId: string, ctx: Ctx): Promise<ImportJob> {
  const row = /^[1-9][0-9]{0,18}$/.test(jobId) ? ((await ctx.db('import_jobs').where({ id: jobId }).first()) as ImportJobRow | undefined) : undefined;
  const mine = row && (ctx.actor.superuser || ctx.actor.kind === 'system' || (row.created_by !== null && String(row.created_by) === ctx.actor.id));
  if (!row || row.object !== objectName || !mine) throw createError('NOT_FOUND', 'There is no such import job.');
  return toJob(row);
}
