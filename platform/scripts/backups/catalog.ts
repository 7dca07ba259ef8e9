import type { Knex } from 'knex';

/** A table (or partitioned parent) with its columns, in the order of the table. */
export interface CatalogTable {
  schema: string;
  name: string;
  /** schema-qualified and quoted */
  qualified: string;
  columns: { name: string; type: string; notNull: boolean; identity: '' | 'a' | 'd'; defaultSql: string | null; generated: boolean }[];
}

export interface CatalogConstraint {
  qualifiedTable: string;
  name: string;
  kind: 'p' | 'u' | 'c' | 'f' | 'x';
  definition: string;
  deferrable: boolean;
}

export interface CatalogSequence {
  qualified: string;
  lastValue: string | null;
  /** The column it numbers, when it belongs to one (serial or identity). */
  owner: { qualifiedTable: string; column: string } | null;
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualify = (schema: string, name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
/** A SQL list of names read from the catalog, for `IN`. */
const nameList = (names: string[]) => `(${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ')})`;

/** The schemas holding the product's data, other than PostgreSQL's own. */
export async function userSchemas(db: Knex): Promise<string[]> {
  const { rows } = await db.raw(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1`);
  return rows.map((r: { name: string }) => r.name);
}

/** Tables (partitions excluded: their rows are read and written through their parent). */
export async function tables(db: Knex, schemas: string[]): Promise<CatalogTable[]> {
  if (schemas.length === 0) return [];
  const { rows } = await db.raw(`
    SELECT n.nspname AS schema, c.relname AS name, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated <> '' AS generated,
           pg_get_expr(d.adbin, d.adrelid) AS default_sql
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN ${nameList(schemas)}
     ORDER BY n.nspname, c.relname, a.attnum`);
  const byName = new Map<string, CatalogTable>();
  for (const r of rows) {
    const key = qualify(r.schema, r.name);
    let table = byName.get(key);
    if (!table) byName.set(key, (table = { schema: r.schema, name: r.name, qualified: key, columns: [] }));
    table.columns.push({ name: r.column, type: r.type, notNull: r.not_null, identity: r.identity, defaultSql: r.default_sql, generated: r.generated });
  }
  return [...byName.values()];
}

/** Primary key, unique, check, foreign key and exclusion constraints (NOT NULL is a column property here). */
export async function constraints(db: Knex, schemas: string[]): Promise<CatalogConstraint[]> {
  if (schemas.length === 0) return [];
  const { rows } = await db.raw(`
    SELECT n.nspname AS schema, c.relname AS table, k.conname AS name, k.contype AS kind,
           pg_get_constraintdef(k.oid) AS definition, k.condeferrable AS deferrable
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND NOT c.relispartition AND n.nspname IN ${nameList(schemas)}
     ORDER BY n.nspname, c.relname, k.conname`);
  return rows.map((r: { schema: string; table: string; name: string; kind: CatalogConstraint['kind']; definition: string; deferrable: boolean }) => ({
    qualifiedTable: qualify(r.schema, r.table),
    name: r.name,
    kind: r.kind,
    definition: r.definition,
    deferrable: r.deferrable,
  }));
}

/** CREATE INDEX statements of the indexes that do not back a constraint. */
export async function plainIndexes(db: Knex, schemas: string[]): Promise<string[]> {
  if (schemas.length === 0) return [];
  const { rows } = await db.raw(`
    SELECT pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT c.relispartition AND n.nspname IN ${nameList(schemas)}
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
     ORDER BY 1`);
  return rows.map((r: { definition: string }) => r.definition);
}

export async function sequences(db: Knex, schemas: string[]): Promise<CatalogSequence[]> {
  if (schemas.length === 0) return [];
  const { rows } = await db.raw(`
    SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS last_value,
           tn.nspname AS table_schema, t.relname AS table_name, a.attname AS column
      FROM pg_sequences s
      JOIN pg_namespace sn ON sn.nspname = s.schemaname
      JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = sn.oid
      LEFT JOIN pg_depend d ON d.objid = sc.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class t ON t.oid = d.refobjid
      LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
      LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE s.schemaname IN ${nameList(schemas)}
     ORDER BY 1, 2`);
  return rows.map((r: { schema: string; name: string; last_value: string | null; table_schema: string | null; table_name: string | null; column: string | null }) => ({
    qualified: qualify(r.schema, r.name),
    lastValue: r.last_value,
    owner: r.table_name && r.column ? { qualifiedTable: qualify(r.table_schema!, r.table_name), column: r.column } : null,
  }));
}

/** Objects other than tables, indexes and sequences (views, functions, triggers, types): a table-by-table copy does not carry them. */
export async function otherObjects(db: Knex, schemas: string[]): Promise<string[]> {
  if (schemas.length === 0) return [];
  const { rows } = await db.raw(`
    SELECT 'view ' || n.nspname || '.' || c.relname AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('v', 'm', 'f') AND n.nspname IN ${nameList(schemas)}
    UNION ALL
    SELECT 'trigger ' || t.tgname || ' on ' || n.nspname || '.' || c.relname FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT t.tgisinternal AND NOT c.relispartition AND n.nspname IN ${nameList(schemas)}
    UNION ALL
    SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ${nameList(schemas)}
    UNION ALL
    SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      LEFT JOIN pg_class c ON c.oid = t.typrelid
     WHERE n.nspname IN ${nameList(schemas)} AND (t.typtype IN ('e', 'd', 'r', 'm') OR c.relkind = 'c')
     ORDER BY 1`);
  return rows.map((r: { what: string }) => r.what);
}
