import type { Knex } from 'knex';
import { isAppError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import { compileFormula } from './compile-formula.ts';
import { invalidFilter, quoted } from './invalid-filter.ts';
import { quoteIdentifier, quoteTable, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

export type FieldUse = 'filter' | 'sort' | 'select';

export interface QueryScopeOptions {
  /** Called for every field a path touches; throws (e.g. 403) when the actor may not use it. */
  fieldGuard?: (object: ObjectInfo, field: FieldInfo, use: FieldUse) => void;
  /** Values for `$user.<key>` in filters. Without them such strings are plain text. */
  variables?: Record<string, unknown>;
  /** An extra ON condition for each join, e.g. the target object's row permission predicate. */
  joinCondition?: (target: ObjectInfo, alias: string) => SqlFragment | null;
  /** Table aliases are `<prefix>0` (the root), `<prefix>1`, ...; change it to nest one scope's query in another's. */
  aliasPrefix?: string;
  /** The root's alias when it is not `<prefix>0`, e.g. a predicate compiled for a table an outer query names. */
  rootAlias?: string;
  /**
   * When a field's value may be seen only under a condition (a field hidden in some workflow states),
   * the condition; the value is then `CASE WHEN <condition> THEN <value> END` wherever it is used.
   */
  visibleWhen?: (object: ObjectInfo, field: FieldInfo, alias: string) => SqlFragment | null;
  /** True when `visibleWhen` can mask fields of the root object (so the root's columns cannot be read directly). */
  rootFieldsMasked?: boolean;
}

export interface ResolvedPath extends SqlFragment {
  field: FieldInfo;
  /** The object that owns `field` (the root, or the target of the last lookup). */
  object: ObjectInfo;
}

interface Node {
  alias: string;
  object: ObjectInfo;
}

interface Join extends Node, SqlFragment {}

/** User-supplied paths may go through this many lookups; formulas may add as many again relative to where they live. */
export const MAX_LOOKUP_HOPS = 3;
const SEGMENT = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_PATH_LENGTH = 300;
const MAX_FORMULA_SQL = 100_000;
const MAX_FORMULA_BINDINGS = 5_000;

/**
 * The tables one query reads: the root object plus one LEFT JOIN per distinct lookup path prefix.
 * Filters, sorts and selects resolve their paths here so that they share the joins.
 */
export class QueryScope {
  readonly snapshot: SchemaSnapshot;
  readonly root: ObjectInfo;
  readonly rootAlias: string;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly rootFieldsMasked: boolean;
  private readonly aliasPrefix: string;
  private readonly options: QueryScopeOptions;
  private readonly nodes = new Map<string, Node>();
  private readonly joinList: Join[] = [];
  private readonly formulas = new Map<string, SqlFragment>();
  private readonly formulaStack: string[] = [];

  constructor(snapshot: SchemaSnapshot, root: ObjectInfo, options: QueryScopeOptions = {}) {
    const prefix = options.aliasPrefix ?? 't';
    if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`Invalid alias prefix '${prefix}'.`);
    this.snapshot = snapshot;
    this.root = root;
    this.options = options;
    this.variables = options.variables;
    this.aliasPrefix = prefix;
    if (options.rootAlias !== undefined && !/^[a-z_][a-z0-9_]{0,40}$/.test(options.rootAlias)) throw new Error(`Invalid root alias '${options.rootAlias}'.`);
    this.rootAlias = options.rootAlias ?? `${prefix}0`;
    this.rootFieldsMasked = options.rootFieldsMasked === true;
    this.nodes.set('', { alias: this.rootAlias, object: root });
  }

  /** Resolves `field` or `lookup.….field` (at most 3 lookups) to a column or formula expression. */
  resolvePath(path: string, use: FieldUse, pointer = ''): ResolvedPath {
    return this.resolve('', path, pointer, use);
  }

  /**
   * Resolves a `$field` reference inside a formula that lives at `basePath` (a lookup prefix, '' for
   * the root). The formula's definition decides what it reveals, so the field guard does not run;
   * joins still carry the join condition.
   */
  resolveFormulaReference(basePath: string, path: string, pointer: string): ResolvedPath {
    if (!this.nodes.has(basePath)) this.resolve('', `${basePath}.id`, pointer, undefined);
    return this.resolve(basePath, path, pointer, undefined);
  }

  /** The accumulated LEFT JOINs, in creation order (a join only depends on earlier ones). */
  joins(): SqlFragment {
    return { sql: this.joinList.map((j) => j.sql).join(' '), bindings: this.joinList.flatMap((j) => j.bindings) };
  }

  applyJoins<T extends Knex.QueryBuilder>(qb: T): T {
    for (const join of this.joinList) qb.joinRaw(join.sql, join.bindings as Knex.Value[]);
    return qb;
  }

  private resolve(basePath: string, path: string, pointer: string, use: FieldUse | undefined): ResolvedPath {
    if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH_LENGTH) {
      throw invalidFilter(pointer, msg('query.notAPath', { path: quoted(path) }));
    }
    const segments = path.split('.');
    if (segments.length - 1 > MAX_LOOKUP_HOPS) {
      throw invalidFilter(pointer, msg('query.tooManyHops', { path: quoted(path), max: MAX_LOOKUP_HOPS }));
    }
    let prefix = basePath;
    let node = this.nodes.get(basePath);
    if (!node) throw new Error(`The lookup path '${basePath}' has not been resolved.`);
    for (let i = 0; i < segments.length; i++) {
      const name = segments[i];
      const field: FieldInfo | undefined = SEGMENT.test(name) ? node.object.fields.get(name) : undefined;
      if (!field) {
        throw invalidFilter(pointer, msg('query.unknownField', { field: quoted(name), object: node.object.name }));
      }
      if (use) this.options.fieldGuard?.(node.object, field, use);
      if (i === segments.length - 1) return { ...this.fieldSql(node, prefix, field, pointer), field, object: node.object };
      const target: ObjectInfo | undefined = field.type === 'lookup' && field.target ? this.snapshot.objects.get(field.target) : undefined;
      if (!target) {
        throw invalidFilter(
          pointer,
          msg('query.notALookup', { field: name, object: node.object.name, path: quoted(path) }),
        );
      }
      prefix = prefix ? `${prefix}.${name}` : name;
      node = this.nodes.get(prefix) ?? this.addJoin(prefix, node, field, target);
    }
    throw new Error('unreachable');
  }

  private addJoin(prefix: string, from: Node, field: FieldInfo, target: ObjectInfo): Node {
    const alias = `${this.aliasPrefix}${this.joinList.length + 1}`;
    const a = quoteIdentifier(alias);
    let text = `LEFT JOIN ${quoteTable(target.table)} AS ${a} ON ${a}."id" = ${quoteIdentifier(from.alias)}.${quoteIdentifier(field.column ?? field.name)}`;
    if (!target.system) text += ` AND ${a}."_deleted_at" IS NULL`;
    const bindings: unknown[] = [];
    // A lookup hidden in some states leads nowhere from records in those states.
    const visible = this.options.visibleWhen?.(from.object, field, from.alias);
    if (visible) {
      text += ` AND ${visible.sql}`;
      bindings.push(...visible.bindings);
    }
    const extra = this.options.joinCondition?.(target, alias);
    if (extra) {
      text += ` AND (${extra.sql})`;
      bindings.push(...extra.bindings);
    }
    const join: Join = { alias, object: target, sql: text, bindings };
    this.joinList.push(join);
    this.nodes.set(prefix, join);
    return join;
  }

  private fieldSql(node: Node, prefix: string, field: FieldInfo, pointer: string): SqlFragment {
    const value = this.unmaskedFieldSql(node, prefix, field, pointer);
    const condition = this.options.visibleWhen?.(node.object, field, node.alias);
    if (!condition) return value;
    return { sql: `(CASE WHEN ${condition.sql} THEN ${value.sql} END)`, bindings: [...condition.bindings, ...value.bindings] };
  }

  private unmaskedFieldSql(node: Node, prefix: string, field: FieldInfo, pointer: string): SqlFragment {
    if (field.column) return { sql: `${quoteIdentifier(node.alias)}.${quoteIdentifier(field.column)}`, bindings: [] };
    const cacheKey = `${prefix}|${field.name}`;
    const cached = this.formulas.get(cacheKey);
    if (cached) return cached;
    const formulaKey = `${node.object.name}.${field.name}`;
    const where = { field: field.name, object: node.object.name };
    if (this.formulaStack.includes(formulaKey)) throw invalidFilter(pointer, msg('query.formulaSelf', where));
    if (!field.returns) throw invalidFilter(pointer, msg('query.formulaNoReturn', where));
    this.formulaStack.push(formulaKey);
    let compiled: SqlFragment;
    try {
      compiled = compileFormula(field.expression, this, { returns: field.returns, basePath: prefix });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'INVALID_FILTER') throw err;
      const message = err.message.startsWith('The formula field') ? (err.localized ?? err.message) : msg('query.formulaBroken', { ...where, problem: err.localized ?? err.message });
      throw invalidFilter(pointer, message);
    } finally {
      this.formulaStack.pop();
    }
    if (compiled.sql.length > MAX_FORMULA_SQL || compiled.bindings.length > MAX_FORMULA_BINDINGS) {
      throw invalidFilter(pointer, msg('query.formulaTooComplex', where));
    }
    this.formulas.set(cacheKey, compiled);
    return compiled;
  }
}
