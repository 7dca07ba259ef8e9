/** A piece of SQL text with its `?` placeholders' values, in the order they appear. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Double-quotes a name taken from the snapshot; anything else is a programming error, never client input. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing to quote the identifier '${name.slice(0, 80)}'.`);
  return `"${name}"`;
}

/** `records.account` -> `"records"."account"`. */
export function quoteTable(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

/**
 * Composes fragments: the literal parts are written by this module (never contain `?`),
 * the interpolated fragments bring their bindings along in order.
 */
export function sql(strings: TemplateStringsArray, ...parts: SqlFragment[]): SqlFragment {
  let text = strings[0];
  const bindings: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.sql + strings[i + 1];
    bindings.push(...part.bindings);
  });
  return { sql: text, bindings };
}

export function rawSql(text: string): SqlFragment {
  return { sql: text, bindings: [] };
}

/** One bound value, optionally cast so PostgreSQL does not have to guess its type. */
export function bound(value: unknown, cast?: string): SqlFragment {
  return { sql: cast ? `?::${cast}` : '?', bindings: [value] };
}

export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), bindings: parts.flatMap((p) => p.bindings) };
}

export const TRUE_SQL: SqlFragment = Object.freeze({ sql: 'TRUE', bindings: [] as unknown[] }) as SqlFragment;
export const FALSE_SQL: SqlFragment = Object.freeze({ sql: 'FALSE', bindings: [] as unknown[] }) as SqlFragment;
