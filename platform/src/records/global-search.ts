import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { joinSql, quoteIdentifier, type SqlFragment } from '../query/sql-fragment.ts';
import type { Field } from '../generated/object.ts';
import { digitsSql, fieldGramsSql, searchFieldsOf } from '../schema/index.ts';
import { selectFields, toApiValue, type RecordData } from './record-shape.ts';
import type { SearchTerms } from './search-terms.ts';

export interface SearchHit {
  id: string;
  /** Null when the caller may not read the title (or it is empty). */
  title: string | null;
  /** The first readable search field that matched, and its value. */
  field: string;
  value: string;
}

export interface SearchGroup {
  object: string;
  records: SearchHit[];
  /** More records of this object match than were returned. */
  more: boolean;
}

export interface SearchInput {
  terms: SearchTerms;
  /** Records per object. */
  limit: number;
  /** Objects left out (those a pack keeps out of the menu). */
  exclude: ReadonlySet<string>;
}

const MATCHED = '_matched';

/**
 * One query across every object the caller may read. Each object's query goes through its scoped
 * query: the row scope is in the SQL, and only search fields the caller may read are matched, each
 * masked in the workflow states that hide it, so a hidden value can neither match nor be shown. Each
 * field's index of text pieces narrows the rows first; its LIKE decides.
 */
export async function globalSearch(input: SearchInput, ctx: Ctx): Promise<SearchGroup[]> {
  const objects = [...ctx.schema.objects.values()].filter((o) => !o.system && !input.exclude.has(o.name) && tryResolvePolicy(ctx, o, 'read'));
  const groups = await Promise.all(objects.map((o) => searchObject(o, input, ctx)));
  return groups.filter((g): g is SearchGroup => g !== null && g.records.length > 0);
}

async function searchObject(object: ObjectInfo, { terms, limit }: SearchInput, ctx: Ctx): Promise<SearchGroup | null> {
  const searched = searchFieldsOf(object.definition);
  const { query, scope, policy } = scopedQuery(ctx, object.name, 'read');
  const readable = searched.map((f) => object.fields.get(f.name)!).filter((f) => policy.fieldAccess(f) !== 'none');
  if (!readable.length) return null;

  // Each readable field: its index of text pieces narrows the rows, then its value (masked in the states that
  // hide it) must contain the query. The index expressions repeat schema/object-storage.ts's exactly.
  const matches = readable.map((field) => {
    const value = scope.resolvePath(field.name, 'filter');
    const grams = fieldGramsSql({ name: field.name, type: field.type as Field['type'] }, 't0');
    const indexed: SqlFragment[] = [{ sql: `${grams} @> search_query_grams(lower(?))`, bindings: [terms.text] }];
    const contains: SqlFragment[] = [{ sql: `lower(${value.sql}) LIKE lower(?)`, bindings: [...value.bindings, terms.pattern] }];
    if (field.type === 'phone' && terms.digits !== null) {
      // A query of digits alone is already among the phone's pieces as it is.
      if (terms.digits !== terms.text) indexed.push({ sql: `${grams} @> search_query_grams(?)`, bindings: [terms.digits] });
      contains.push({ sql: `${digitsSql(value.sql)} LIKE ?`, bindings: [...value.bindings, terms.digitsPattern] });
    }
    const condition = joinSql([joinSql(indexed, ' OR '), joinSql(contains, ' OR ')].map((c) => ({ sql: `(${c.sql})`, bindings: c.bindings })), ' AND ');
    return { field, condition: { sql: `(${condition.sql})`, bindings: condition.bindings } };
  });
  const matchedCase = {
    sql: `CASE ${matches.map((m) => `WHEN ${m.condition.sql} THEN '${m.field.name}'`).join(' ')} END`,
    bindings: matches.flatMap((m) => m.condition.bindings),
  };
  const anyMatch = joinSql(matches.map((m) => m.condition), ' OR ');

  const title = object.fields.get(object.titleField);
  const titleReadable = title !== undefined && title.name !== 'id' && policy.fieldAccess(title) !== 'none';
  const shown = readable.filter((f) => f !== title);
  query
    .select('t0.id')
    .select(ctx.db.raw(`${matchedCase.sql} AS ${quoteIdentifier(MATCHED)}`, matchedCase.bindings as Knex.RawBinding[]))
    .whereRaw(`(${anyMatch.sql})`, anyMatch.bindings as Knex.RawBinding[])
    .limit(limit + 1);
  if (titleReadable) query.select(selectFields(ctx.db, scope, [title]));
  if (shown.length) query.select(selectFields(ctx.db, scope, shown));
  scope.applyJoins(query);
  const rows = (await query) as RecordData[];

  const text = (field: FieldInfo | undefined, row: RecordData) => {
    const value = field ? toApiValue(field, row[field.name]) : null;
    return value === null || value === '' ? null : String(value);
  };
  const records = rows.slice(0, limit).map((row): SearchHit => {
    const field = object.fields.get(String(row[MATCHED]))!;
    return { id: String(row.id), title: titleReadable ? text(title, row) : null, field: field.name, value: text(field, row) ?? '' };
  });
  // Title matches first, then by title.
  records.sort((a, b) => Number(b.field === object.titleField) - Number(a.field === object.titleField) || (a.title ?? '').localeCompare(b.title ?? ''));
  return { object: object.name, records, more: rows.length > limit };
}
