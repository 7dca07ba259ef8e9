import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { isId } from '../core/identifiers.ts';
import type { EnumOption } from '../generated/object.ts';
import type { FieldInfo } from '../core/snapshot-types.ts';
import { scopedQuery, type ScopedQuery } from '../permissions/scoped-query.ts';
import type { Checked } from './field-values.ts';
import { msg, type Message } from '../core/messages/message.ts';

/** For each lookup target: the ids a cell's text names (by id or by the target's title field). */
export type LookupIndex = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const SLASH_DATE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const DASH_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASH_DATETIME = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})([ T].*)$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '真']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '假']);
const TEXT_LIKE = new Set(['text', 'textarea', 'email', 'phone', 'url', 'enum']);
const MULTIENUM_SEPARATOR = /[;；]/;

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: Message): Checked => ({ ok: false, message });
const pad = (n: string) => n.padStart(2, '0');

export function parseNumberCell(text: string): number | undefined {
  const t = text.trim();
  if (PLAIN_NUMBER.test(t)) return Number(t);
  if (GROUPED_NUMBER.test(t)) return Number(t.replace(/,/g, ''));
  return undefined;
}

export function parseBooleanCell(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** `2024/3/5`, `2024.03.05` and `2024-3-5` become `2024-03-05`; anything else is passed on unchanged to be refused. */
export function normalizeDateCell(text: string): string {
  const t = text.trim();
  const m = SLASH_DATE.exec(t) ?? DASH_DATE.exec(t);
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : t;
}

function normalizeDatetimeCell(text: string): string {
  const t = text.trim();
  const m = SLASH_DATETIME.exec(t);
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}${m[4]}` : t;
}

const optionLabels = new WeakMap<FieldInfo, Map<string, string>>();

/** Option value by its value, its en or zh-CN label, or (failing those) case-insensitively. */
function optionIndex(field: FieldInfo): Map<string, string> {
  let index = optionLabels.get(field);
  if (index) return index;
  index = new Map();
  const options: readonly EnumOption[] = field.definition?.options ?? field.options ?? [];
  const add = (key: string | undefined, value: string) => {
    if (key === undefined) return;
    if (!index!.has(key)) index!.set(key, value);
    const folded = `\u0000${key.toLowerCase()}`;
    if (!index!.has(folded)) index!.set(folded, value);
  };
  for (const o of options) if (typeof o === 'string') add(o, o);
  for (const o of options) if (typeof o !== 'string') add(o.value, o.value);
  for (const o of options) {
    if (typeof o === 'string' || !o.label) continue;
    add(o.label.en, o.value);
    add(o.label['zh-CN'], o.value);
  }
  optionLabels.set(field, index);
  return index;
}

function optionValue(field: FieldInfo, text: string): string | undefined {
  const index = optionIndex(field);
  const t = text.trim();
  return index.get(t) ?? index.get(`\u0000${t.toLowerCase()}`);
}

function lookupValue(field: FieldInfo, text: string, lookups: LookupIndex | undefined): Checked {
  const t = text.trim();
  const ids = field.target ? lookups?.get(field.target)?.get(t) : undefined;
  if (ids === undefined) return isId(t) && !lookups ? ok(t) : bad(msg('import.lookupNoMatch', { value: t.slice(0, 80), object: field.target }));
  if (ids.length === 0) return bad(msg('import.lookupNoMatch', { value: t.slice(0, 80), object: field.target }));
  if (ids.length > 1) return bad(msg('import.lookupMany', { value: t.slice(0, 80), count: ids.length, object: field.target }));
  return ok(ids[0]);
}

/**
 * Converts one CSV cell to the value the records API accepts for `field`; the usual field checks
 * run afterwards. An empty cell is null. Lookup cells need `lookups` from resolveLookupCells.
 */
export function csvCellValue(field: FieldInfo, text: string, lookups?: LookupIndex): Checked {
  if (text.trim() === '') return ok(null);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return ok(text);
    case 'email':
    case 'phone':
    case 'url':
      return ok(text.trim());
    case 'number':
    case 'integer':
    case 'currency': {
      const n = parseNumberCell(text);
      return n === undefined ? bad(msg('value.number')) : ok(n);
    }
    case 'percent': {
      // "30%" (as an export for people writes it) is 0.3; a bare number is the stored fraction.
      const shown = /^(.*?)\s*[%％]\s*$/.exec(text);
      const n = parseNumberCell(shown ? shown[1] : text);
      if (n === undefined) return bad(msg('value.number'));
      return ok(shown ? Number((n / 100).toPrecision(15)) : n);
    }
    case 'boolean': {
      const b = parseBooleanCell(text);
      return b === undefined ? bad(msg('import.booleanWords')) : ok(b);
    }
    case 'date':
      return ok(normalizeDateCell(text));
    case 'datetime':
      return ok(normalizeDatetimeCell(text));
    case 'enum':
      return ok(optionValue(field, text) ?? text.trim());
    case 'multienum':
      return ok(text.split(MULTIENUM_SEPARATOR).map((part) => part.trim()).filter(Boolean).map((part) => optionValue(field, part) ?? part));
    case 'lookup':
    case 'id':
      return lookupValue(field, text, lookups);
    case 'json':
      try {
        return ok(JSON.parse(text));
      } catch {
        return bad(msg('value.json'));
      }
    case 'formula':
      return bad(msg('value.computed'));
    default: {
      const exhaustive: never = field.type;
      return bad(msg('value.unsupportedType', { type: String(exhaustive) }));
    }
  }
}

/**
 * Resolves every distinct lookup cell text at once: one query per target object, through the
 * caller's read scope, matching an id or the target's title field exactly.
 */
export async function resolveLookupCells(cells: ReadonlyMap<FieldInfo, Iterable<string>>, ctx: Ctx): Promise<LookupIndex> {
  const byTarget = new Map<string, Set<string>>();
  for (const [field, texts] of cells) {
    if (field.type !== 'lookup' || !field.target) continue;
    const set = byTarget.get(field.target) ?? new Set<string>();
    for (const text of texts) if (text.trim() !== '') set.add(text.trim());
    byTarget.set(field.target, set);
  }
  const index = new Map<string, Map<string, string[]>>();
  await Promise.all(
    [...byTarget].map(async ([target, texts]) => {
      index.set(target, texts.size ? await resolveTarget(target, [...texts], ctx) : new Map());
    }),
  );
  return index;
}

interface TitleRow {
  id: string | number;
  title: unknown;
}

async function resolveTarget(target: string, texts: string[], ctx: Ctx): Promise<Map<string, string[]>> {
  const ids = texts.filter((t) => isId(t));
  const info = ctx.schema.object(target);
  const rows: TitleRow[] = info.system ? await builtInRows(info.table, info.titleField, ids, texts, ctx.db) : await recordRows(target, ids, texts, ctx);
  const byId = new Map<string, string>();
  const byTitle = new Map<string, string[]>();
  for (const row of rows) {
    const id = String(row.id);
    byId.set(id, id);
    const titles = Array.isArray(row.title) ? row.title : [row.title];
    for (const title of titles) {
      if (title === null || title === undefined) continue;
      const key = String(title);
      const list = byTitle.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      byTitle.set(key, list);
    }
  }
  const out = new Map<string, string[]>();
  for (const text of texts) {
    const id = byId.get(text);
    out.set(text, id ? [id] : (byTitle.get(text) ?? []));
  }
  return out;
}

/**
 * The target's readable records whose title is one of `texts`, and those whose id is one of `ids`.
 * The two matches are two arms of a UNION ALL rather than one OR: PostgreSQL spends milliseconds
 * planning `title = ANY(…) OR id IN (…)` over a table with partial indexes (it tries to prove each
 * index's predicate from every array element), while each arm plans in a fraction of one. An import
 * runs this once per batch.
 */
async function recordRows(target: string, ids: string[], texts: string[], ctx: Ctx): Promise<TitleRow[]> {
  const byTitle = scopedQuery(ctx, target, 'read');
  const { object, policy } = byTitle;
  const titleField = object.fields.get(object.titleField);
  const titled = titleField && titleField.name !== 'id' && policy.fieldAccess(titleField) !== 'none';
  if (!titled) return ids.length ? byTitle.query.select('t0.id').whereIn('t0.id', ids) : [];
  const withTitle = ({ query, scope }: ScopedQuery, match: (compared: string, bindings: readonly unknown[]) => void) => {
    const title = scope.resolvePath(titleField.name, 'filter');
    const compared = TEXT_LIKE.has(title.field.type === 'formula' ? (title.field.returns ?? 'text') : title.field.type) ? title.sql : `(${title.sql})::text`;
    query.select('t0.id', ctx.db.raw(`${compared} AS title`, title.bindings as Knex.RawBinding[]));
    match(compared, title.bindings);
    scope.applyJoins(query);
    return query;
  };
  const titleMatches = withTitle(byTitle, (compared, bindings) => byTitle.query.whereRaw(`${compared} = ANY(?::text[])`, [...bindings, texts] as Knex.RawBinding[]));
  if (!ids.length) return titleMatches;
  const byId = scopedQuery(ctx, target, 'read');
  const idMatches = withTitle(byId, () => byId.query.whereIn('t0.id', ids));
  const { rows } = await ctx.db.raw('(?) UNION ALL (?)', [titleMatches, idMatches]);
  return rows as TitleRow[];
}

/** Users are named by username or name, departments by name; these tables are not records. */
async function builtInRows(table: string, titleField: string, ids: string[], texts: string[], db: Knex): Promise<TitleRow[]> {
  const names = table === 'users' ? ['username', titleField] : [titleField];
  const title = names.length > 1 ? db.raw('ARRAY[??, ??] AS title', names) : db.raw('?? AS title', names);
  return db(table)
    .select('id', title)
    .where((w) => {
      for (const name of names) w.orWhereIn(name, texts);
      if (ids.length) w.orWhereIn('id', ids);
    });
}
