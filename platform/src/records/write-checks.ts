import type { Knex } from 'knex';
import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { detail, detailText, createError, type ErrorDetail } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { compileFilter } from '../query/index.ts';
import { quoteIdentifier, quoteTable } from '../query/sql-fragment.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { pathReadable } from '../permissions/readable-paths.ts';
import { filterPaths } from '../query/filter-paths.ts';
import { fieldError } from './field-values.ts';
import { normalizeSql, normalizeValue } from '../schema/index.ts';
import { invalidValues, type ColumnValues } from './prepare-values.ts';
import { withRolledBackWrites } from '../core/rolled-back.ts';
import type { ValidationRule } from '../generated/object.ts';
import { msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { ruleText } from '../core/messages/rule-text.ts';

/**
 * Validation rules run in PostgreSQL against the written row inside the write's transaction,
 * so they see formulas and lookup paths exactly as lists and reports do.
 */
export async function checkValidationRules(trx: Knex, object: ObjectInfo, recordId: string, ctx: Ctx): Promise<void> {
  const details = await validationRuleErrors(trx, object, recordId, object.definition.validationRules ?? [], ctx);
  if (details.length) throw ruleError(details);
}

/**
 * The validation rules over many written records of one object (a bulk write), one query for all;
 * every record a rule refuses is named by the `id` of its details.
 */
export async function checkValidationRulesOf(trx: Knex, object: ObjectInfo, recordIds: readonly string[], ctx: Ctx): Promise<void> {
  const byRecord = await ruleErrorsByRecord(trx, object, recordIds, object.definition.validationRules ?? [], ctx);
  const details = [...byRecord].flatMap(([id, list]) => list.map((d) => ({ ...d, id })));
  if (details.length) throw ruleError(details);
}

const ruleError = (details: ErrorDetail[]) =>
  createError('VALIDATION_FAILED', msg('rule.message', { text: { en: details.map((d) => detailText(d, 'en')).join(' '), 'zh-CN': details.map((d) => detailText(d, 'zh-CN')).join(' ') } }), details);

async function validationRuleErrors(trx: Knex, object: ObjectInfo, recordId: string, rules: readonly ValidationRule[], ctx: Ctx): Promise<ErrorDetail[]> {
  return (await ruleErrorsByRecord(trx, object, [recordId], rules, ctx)).get(recordId) ?? [];
}

/** The details of the rules each record breaks; records that break none are absent. */
async function ruleErrorsByRecord(trx: Knex, object: ObjectInfo, recordIds: readonly string[], rules: readonly ValidationRule[], ctx: Ctx): Promise<Map<string, ErrorDetail[]>> {
  const found = new Map<string, ErrorDetail[]>();
  if (!rules.length || !recordIds.length) return found;
  // Rules see the whole row whoever writes it, hence the system context.
  const { query, scope } = scopedQuery(systemContext(withDb(ctx, trx)), object.name, 'read');
  const columns = rules.map((rule, i) => {
    const compiled = compileFilter(rule.errorWhen, scope);
    return trx.raw(`(${compiled.sql}) AS ??`, [...compiled.bindings, `r${i}`] as Knex.RawBinding[]);
  });
  query.select(['t0.id', 't0._state', ...columns]);
  if (recordIds.length === 1) query.where('t0.id', recordIds[0]);
  else query.whereRaw('t0.id = ANY(?::bigint[])', [recordIds as string[]]);
  scope.applyJoins(query);
  for (const row of (await query) as Record<string, unknown>[]) {
    const state = (row._state as string | null | undefined) ?? null;
    const details: ErrorDetail[] = [];
    rules.forEach((rule, i) => {
      if (row[`r${i}`] !== true) return;
      // A rule's message may speak of the fields it tests: a writer who cannot read one learns only that a rule refused.
      const paths = [...filterPaths(rule.errorWhen), ...(rule.field ? [rule.field] : [])];
      if (!paths.every((path) => pathReadable(ctx, object, path, state))) {
        details.push(detail('', msg('rule.hiddenFields')));
        return;
      }
      details.push(detail(rule.field ? `/${rule.field}` : '', ruleText(rule.message, rule.name), { rule: rule.name }));
    });
    if (details.length) found.set(String(row.id), details);
  }
  return found;
}

/** The fields a rule's condition reads, through formula fields too (by name; paths by their first step). */
function namesRead(rule: ValidationRule, object: ObjectInfo): Set<string> {
  const names = new Set<string>();
  const add = (path: string) => {
    const name = path.split('.')[0];
    if (names.has(name)) return;
    names.add(name);
    const expression = object.fields.get(name)?.definition?.expression;
    if (expression !== undefined) walk(expression);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$field' && typeof value === 'string') add(value);
        else if (!key.startsWith('$')) add(key);
        walk(value);
      }
    }
  };
  walk(rule.errorWhen);
  return names;
}

/**
 * A write whose field values are invalid still has the validation rules that do not read those
 * fields tested, on the row as it would be (`write` makes it, in a savepoint rolled back
 * afterwards), so that one 422 lists every problem. Returns the error to throw.
 */
export async function invalidWithRuleErrors(db: Knex, object: ObjectInfo, invalid: ErrorDetail[], write: (trx: Knex) => Promise<string>, ctx: Ctx): Promise<Error> {
  const bad = new Set(invalid.map((d) => d.path.slice(1)));
  const rules = (object.definition.validationRules ?? []).filter((rule) => ![...namesRead(rule, object)].some((name) => bad.has(name)));
  let ruleErrors: ErrorDetail[] = [];
  if (rules.length) {
    ruleErrors = await withRolledBackWrites(db, async (trx) => validationRuleErrors(trx, object, await write(trx), rules, ctx)).catch((err: unknown) => {
      // The row cannot even be written as it would be (a constraint): the field errors say enough.
      ctx.log?.debug({ err }, 'validation rules not tested alongside field errors');
      return [];
    });
  }
  return invalidValues(object, [...invalid, ...ruleErrors]);
}

/**
 * Serialises writes that could create the same duplicate: one transaction-scoped advisory lock per
 * blocking rule and normalised key, taken in a fixed order, before the duplicate check.
 */
/** Whether changed values touch a field of one of the object's dedup rules: only such a change can make a duplicate. */
export function touchesDedupFields(object: ObjectInfo, values: ColumnValues): boolean {
  return (object.definition.dedup ?? []).some((rule) => rule.fields.some((f) => Object.hasOwn(values, f.field)));
}

export async function lockDedupKeys(trx: Knex, object: ObjectInfo, values: ColumnValues): Promise<void> {
  const keys: string[] = [];
  for (const rule of object.definition.dedup ?? []) {
    if ((rule.action ?? 'block') !== 'block') continue;
    const parts = rule.fields.map((f) => (typeof values[f.field] === 'string' ? normalizeValue(f.normalize ?? 'text', values[f.field] as string) : null));
    if (parts.every((p) => p !== null)) keys.push(JSON.stringify([object.name, rule.name, ...parts]));
  }
  for (const key of keys.sort()) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [key]);
}

export interface DuplicateMatch {
  rule: string;
  id: string;
  action: 'block' | 'warn';
  /** False when the caller cannot read a field of the rule: the match is then not described. */
  disclosed: boolean;
}

/**
 * Finds a live record matching a dedup rule. It looks across all records, not only the caller's
 * scope: a duplicate the caller cannot see is still a duplicate (only its id is revealed).
 */
export async function findDuplicates(ctx: Ctx, object: ObjectInfo, values: ColumnValues, current: ColumnValues | null, excludeId: string | null): Promise<DuplicateMatch[]> {
  const matches: DuplicateMatch[] = [];
  for (const rule of object.definition.dedup ?? []) {
    const merged = { ...(current ?? {}), ...values };
    if (current && !rule.fields.some((f) => Object.hasOwn(values, f.field))) continue;
    const probe = rule.fields.map((f) => ({ ...f, value: merged[f.field] }));
    if (probe.some((p) => typeof p.value !== 'string' || p.value.trim() === '')) continue;
    const { query } = scopedQuery(systemContext(ctx), object.name, 'read');
    query.first('t0.id');
    for (const p of probe) {
      const kind = p.normalize ?? 'text';
      query.whereRaw(`${normalizeSql(kind, '"t0".' + `"${p.field}"`)} = ${normalizeSql(kind, '?::text')}`, [p.value as string]);
    }
    if (excludeId) query.whereNot('t0.id', excludeId);
    const row = await query;
    if (!row) continue;
    const disclosed = rule.fields.every((f) => pathReadable(ctx, object, f.field, null));
    // A warning by fields the caller cannot read would tell them another record's hidden values.
    if (disclosed || (rule.action ?? 'block') === 'block') matches.push({ rule: rule.name, id: String(row.id), action: rule.action ?? 'block', disclosed });
  }
  return matches;
}

export function refuseDuplicates(object: ObjectInfo, matches: DuplicateMatch[], _ctx: Ctx): void {
  const blocking = matches.filter((m) => m.action === 'block');
  if (!blocking.length) return;
  const rules = object.definition.dedup ?? [];
  if (blocking.some((m) => !m.disclosed)) {
    throw createError('DUPLICATE', msg('record.duplicateHidden', { object: objectLabel(object) }), [{ path: '', message: msg('record.matchesByHiddenFields') }]);
  }
  throw createError(
    'DUPLICATE',
    msg('record.duplicate', { object: objectLabel(object), id: blocking[0].id }),
    blocking.map((m) => {
      const rule = rules.find((r) => r.name === m.rule);
      return { path: `/${rule?.fields[0].field ?? ''}`, message: rule?.message ? ruleText(rule.message, rule.name) : msg('value.matchesRecord', { id: m.id, rule: m.rule }), rule: m.rule, existingId: m.id };
    }),
    { existingId: blocking[0].id },
  );
}

/**
 * A lookup may only point at a live record the writer can read: otherwise the answer to a write
 * would tell whether a record they cannot see exists. Missing and unreadable targets answer alike.
 * `values` may be many records' values (a bulk write): one query per lookup field for them all.
 */
export async function refuseUnreachableLookups(object: ObjectInfo, values: ColumnValues | readonly ColumnValues[], ctx: Ctx): Promise<void> {
  const all = Array.isArray(values) ? (values as readonly ColumnValues[]) : [values as ColumnValues];
  const targets = new Map<string, Set<string>>();
  for (const one of all) {
    for (const [name, value] of Object.entries(one)) {
      const field = object.fields.get(name);
      if (field?.type !== 'lookup' || !field.target || value === null || value === undefined) continue;
      const target = ctx.schema.objects.get(field.target);
      if (!target || target.system) continue;
      const ids = targets.get(name) ?? new Set<string>();
      targets.set(name, ids.add(String(value)));
    }
  }
  const details: ErrorDetail[] = [];
  for (const [name, ids] of targets) {
    const field = object.fields.get(name)!;
    const target = ctx.schema.objects.get(field.target!)!;
    const readable = new Set<string>();
    if (tryResolvePolicy(ctx, target, 'read') !== null) {
      const rows: { id: string | number }[] = await scopedQuery(ctx, target.name, 'read').query.whereRaw('t0.id = ANY(?::bigint[])', [[...ids]]).select('t0.id');
      for (const row of rows) readable.add(String(row.id));
    }
    for (const id of ids) if (!readable.has(id)) details.push(fieldError(field, msg('value.noSuchRecord', { object: objectLabel(target), id })));
  }
  if (details.length) throw createError('VALIDATION_FAILED', msg('record.valuesInvalid', { object: objectLabel(object) }), details);
}

/**
 * A lookup from an object to itself (a parent account) may not make a record its own ancestor:
 * the new target's chain of the same lookup must not reach the record being changed.
 */
export async function refuseLookupCycles(trx: Knex, object: ObjectInfo, id: string, values: ColumnValues): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = object.fields.get(name);
    if (field?.type !== 'lookup' || field.target !== object.name || value === null || value === undefined || field.column === null) continue;
    if (String(value) === id) {
      details.push(fieldError(field, msg('value.selfLookup')));
      continue;
    }
    const column = quoteIdentifier(field.column);
    const table = quoteTable(object.table);
    const { rows } = await trx.raw(
      `WITH RECURSIVE chain(id, up) AS (SELECT id, ${column} FROM ${table} WHERE id = ?::bigint ` +
        `UNION SELECT t.id, t.${column} FROM ${table} t JOIN chain ON t.id = chain.up) SELECT 1 AS found FROM chain WHERE id = ?::bigint LIMIT 1`,
      [String(value), id],
    );
    if (rows.length) details.push(fieldError(field, msg('value.lookupCycle', { field: objectLabel({ name, label: field.label }), id: String(value) })));
  }
  if (details.length) throw createError('VALIDATION_FAILED', msg('record.valuesInvalid', { object: objectLabel(object) }), details);
}
