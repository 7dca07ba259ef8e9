import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { normalizeSql } from '../schema/index.ts';
import { msg } from '../core/messages/message.ts';
import { nameLabel } from '../core/messages/kind-labels.ts';

export interface DuplicateGroup {
  rule: string;
  /** The normalised key the records share. */
  key: string;
  /** Their ids, oldest first. */
  ids: string[];
}

const MAX_GROUPS = 200;

/**
 * Records that share the normalised key of one of the object's dedup rules (SPEC R15), as the caller
 * may read them: the groups a merge screen offers. Only records in the caller's read scope appear,
 * and a group needs two of them; read-protected key fields are refused by the field guard.
 */
export async function findDuplicateGroups(objectName: string, ruleName: unknown, ctx: Ctx): Promise<DuplicateGroup[]> {
  const { query, scope, object } = scopedQuery(ctx, objectName, 'read');
  const rules = object.definition.dedup ?? [];
  const wanted = typeof ruleName === 'string' && ruleName ? rules.filter((r) => r.name === ruleName) : rules;
  if (typeof ruleName === 'string' && ruleName && !wanted.length) {
    throw createError('BAD_REQUEST', msg('record.noDedupRule', { object: nameLabel(object), rule: ruleName.slice(0, 80), rules: rules.map((r) => r.name).join(', ') || msg('record.none') }), [{ path: '/rule', message: msg('record.notDedupRule') }]);
  }
  const groups: DuplicateGroup[] = [];
  for (const rule of wanted) {
    // The key is built from the fields as the caller sees them: a value hidden in the record's state is null there.
    const parts = rule.fields.map((f) => {
      const value = scope.resolvePath(f.field, 'filter', `/dedup/${rule.name}`);
      return { sql: normalizeSql(f.normalize ?? 'text', value.sql), bindings: value.bindings };
    });
    const key = parts.length === 1 ? parts[0] : { sql: `concat_ws(' | ', ${parts.map((p) => p.sql).join(', ')})`, bindings: parts.flatMap((p) => p.bindings) };
    const keyBindings = key.bindings as Knex.RawBinding[];
    const rows: { key: string; ids: (string | number)[] }[] = await query
      .clone()
      .whereRaw(parts.map((p) => `${p.sql} IS NOT NULL AND ${p.sql} <> ''`).join(' AND '), parts.flatMap((p) => [...p.bindings, ...p.bindings]) as Knex.RawBinding[])
      // By position: the key's bound values would make a repeated expression differ from the selected one.
      .groupByRaw('1')
      .havingRaw('count(*) > 1')
      .orderByRaw('count(*) DESC, min(t0.id)')
      .limit(MAX_GROUPS)
      .select((ctx.db as Knex).raw(`${key.sql} AS key`, keyBindings), (ctx.db as Knex).raw('array_agg(t0.id ORDER BY t0.id) AS ids'));
    for (const row of rows) groups.push({ rule: rule.name, key: row.key, ids: row.ids.map(String) });
  }
  return groups;
}
