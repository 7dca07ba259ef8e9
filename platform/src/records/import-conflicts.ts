import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { SQL_TYPE, fieldKind } from '../query/index.ts';
import { normalizeSql, normalizeValue, type NormalizeKind } from '../schema/index.ts';
import type { PreparedBatch, RowError } from './import-records.ts';
import type { ColumnValues } from './prepare-values.ts';

export interface ConflictRule {
  name: string;
  fields: readonly string[];
  /** null for unique constraints (compared exactly), a normalisation kind per field for dedup rules. */
  normalize: readonly NormalizeKind[] | null;
  message: (existing: string | null) => string;
}

/** Unique constraints and blocking dedup rules, each with the keys already taken by earlier rows of the file. */
export class ConflictMemory {
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

  /** The row's key text under each rule (by the rule's position), null where it does not take part. */
  keyTexts(values: ColumnValues): (string | null)[] {
    return this.rules.map((rule) => {
      const key = this.keyOf(rule, values);
      return key && JSON.stringify(key);
    });
  }

  has(rule: ConflictRule, key: string): boolean {
    return this.taken.get(rule)!.has(key);
  }

  remember(rows: readonly KeyedRow[]): void {
    this.rules.forEach((rule, r) => {
      const taken = this.taken.get(rule)!;
      for (const row of rows) {
        const key = row.keys[r];
        if (key !== null) taken.add(key);
      }
    });
  }
}

/** A checked row of the file with its key texts (ConflictMemory.keyTexts). */
export interface KeyedRow {
  row: number;
  keys: readonly (string | null)[];
}

/**
 * Rows whose unique values or dedup keys repeat an earlier row of the file or a live record. Like
 * create's duplicate check it looks across all records, not only the caller's scope.
 */
export function findConflicts(prepared: PreparedBatch, memory: ConflictMemory): RowError[] {
  const errors: RowError[] = [];
  memory.rules.forEach((rule, r) => {
    const inBatch = new Set<string>();
    const taken = prepared.taken.get(rule);
    for (const g of prepared.good) {
      const text = g.keys[r];
      if (text === null) continue;
      const existing = taken?.get(g.row);
      if (memory.has(rule, text) || inBatch.has(text)) errors.push({ row: g.row, field: rule.fields[0], message: rule.message(null) });
      else if (existing) errors.push({ row: g.row, field: rule.fields[0], message: rule.message(existing) });
      inBatch.add(text);
    }
  });
  return errors;
}

/**
 * The live records holding each key, by the key's position: a LATERAL probe per key, so that the
 * unique or dedup index is used (the planner underestimates the normalising expressions and would
 * otherwise scan the table). Keys travel as text and are cast to the column's type.
 */
export async function existingKeys(object: ObjectInfo, rule: ConflictRule, keys: readonly unknown[][], ctx: Ctx): Promise<Map<number, string>> {
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
