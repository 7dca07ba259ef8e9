import type { Field, ObjectDefinition } from '../generated/object.ts';
import { enumValues } from '../metadata/snapshot.ts';
import { columnTypeOf, quoteIdentifier, type ColumnType, type StoredFieldType } from './column-types.ts';
import { objectStorage, type ForeignKeySpec, type IndexSpec, type ObjectStorage } from './object-storage.ts';
import type { SchemaAction, SchemaActionKind } from './schema-actions.ts';
import { typeConversion } from './type-conversion.ts';
import { msg } from '../core/messages/message.ts';

/** The order in which kinds of steps run: constraints go before the columns they use, and come back after. */
const ORDER: readonly SchemaActionKind[] = [
  'createTable',
  'dropDedupIndex',
  'dropSearchIndex',
  'dropPhoneIndex',
  'dropIndex',
  'dropUniqueIndex',
  'dropForeignKey',
  'clearRemovedOptions',
  'dropColumn',
  'addColumn',
  'alterColumnType',
  'clearColumn',
  'addForeignKey',
  'addUniqueIndex',
  'addIndex',
  'addDedupIndex',
  'addSearchIndex',
  'addPhoneIndex',
  'dropTable',
];

const OPTION_TYPES: ReadonlySet<Field['type']> = new Set(['enum', 'multienum']);

/**
 * The steps that turn the table of `prev` into the table of `next` (a new table when prev is null).
 * Pure: it reads no database. Only what is stored changes the table; labels, validation settings,
 * defaults and formulas never produce a step.
 */
export function planObjectChange(prev: ObjectDefinition | null, next: ObjectDefinition): SchemaAction[] {
  const object = next.name;
  const before: ObjectStorage = prev ? objectStorage(prev) : { columns: new Map(), foreignKeys: new Map(), indexes: new Map() };
  const after = objectStorage(next);
  const actions: SchemaAction[] = [];

  if (!prev) {
    const columns = [...after.columns.values()];
    actions.push({ kind: 'createTable', object, columns, description: msg('plan.createTable', { object, count: columns.length }) });
  } else {
    planColumns(prev, next, actions);
  }

  for (const [name, index] of before.indexes) {
    if (after.indexes.get(name)?.signature !== index.signature) actions.push(dropIndex(object, index));
  }
  for (const [name, index] of after.indexes) {
    if (before.indexes.get(name)?.signature !== index.signature) actions.push(addIndex(object, index));
  }
  const changedForeignKey = (a: ForeignKeySpec, b: ForeignKeySpec | undefined) => !b || a.target !== b.target || a.onDelete !== b.onDelete;
  for (const [name, fk] of before.foreignKeys) {
    if (changedForeignKey(fk, after.foreignKeys.get(name))) {
      actions.push({ kind: 'dropForeignKey', object, name, field: fk.field, description: msg('plan.dropForeignKey', { field: fk.field, target: fk.target }) });
    }
  }
  for (const [name, fk] of after.foreignKeys) {
    if (!changedForeignKey(fk, before.foreignKeys.get(name))) continue;
    actions.push({
      kind: 'addForeignKey',
      object,
      name,
      field: fk.field,
      target: fk.target,
      onDelete: fk.onDelete,
      // Existing rows need no check: the column is new, was just cleared, or was already linked to this target.
      notValid: prev !== null,
      description: msg(fk.onDelete === 'RESTRICT' ? 'plan.addForeignKeyRestrict' : 'plan.addForeignKeyClear', { field: fk.field, target: fk.target }),
    });
  }
  return sortActions(actions);
}

/** Dropping an object drops its table with every record, the recycle bin included. */
export function planObjectDrop(def: ObjectDefinition): SchemaAction[] {
  return [{ kind: 'dropTable', object: def.name, description: msg('plan.dropTable', { object: def.name }) }];
}

function planColumns(prev: ObjectDefinition, next: ObjectDefinition, actions: SchemaAction[]) {
  const object = next.name;
  const prevFields = new Map(prev.fields.map((f) => [f.name, f]));
  const nextFields = new Map(next.fields.map((f) => [f.name, f]));
  for (const old of prev.fields) {
    if (old.type === 'formula') continue;
    const now = nextFields.get(old.name);
    if (!now || now.type === 'formula') {
      actions.push({
        kind: 'dropColumn',
        object,
        field: old.name,
        toFormula: Boolean(now),
        description: now ? msg('plan.becomesFormula', { field: old.name }) : msg('plan.dropColumn', { field: old.name }),
      });
    }
  }
  for (const now of next.fields) {
    if (now.type === 'formula') continue;
    const old = prevFields.get(now.name);
    const type = now.type as StoredFieldType;
    if (!old || old.type === 'formula') {
      const columnType = columnTypeOf(type) as ColumnType;
      actions.push({ kind: 'addColumn', object, field: now.name, type, columnType, description: msg('plan.addColumn', { field: now.name, type: now.type }) });
      continue;
    }
    planStoredField(object, old, now, actions);
  }
}

function planStoredField(object: string, old: Field, now: Field, actions: SchemaAction[]) {
  const from = old.type as StoredFieldType;
  const to = now.type as StoredFieldType;
  if (OPTION_TYPES.has(from) && OPTION_TYPES.has(to) && !(to === 'multienum' && now.freeValues)) {
    const kept = new Set(enumValues(now.options));
    const removed = enumValues(old.options).filter((v) => !kept.has(v));
    if (from === 'multienum' && old.freeValues) {
      // Free values become options only: every value that is not one of them goes.
      actions.push({
        kind: 'clearRemovedOptions',
        object,
        field: now.name,
        values: [...kept],
        multiple: true,
        keepOnly: true,
        description: msg('plan.keepOnlyOptions', { field: now.name }),
      });
    } else if (removed.length) {
      actions.push({
        kind: 'clearRemovedOptions',
        object,
        field: now.name,
        values: removed,
        multiple: from === 'multienum',
        description: msg('plan.removeOptions', { options: removed.map((v) => `'${v}'`).join(', '), field: now.name }),
      });
    }
  }
  if (from === 'lookup' && to === 'lookup') {
    if (old.target !== now.target) {
      actions.push({
        kind: 'clearColumn',
        object,
        field: now.name,
        reason: msg('loss.relinked', { target: now.target, old: old.target }),
        description: msg('plan.relink', { field: now.name, target: now.target, old: old.target }),
      });
    }
    return;
  }
  const columnType = columnTypeOf(to) as ColumnType;
  const sameColumn = columnTypeOf(from) === columnType;
  if (sameColumn && to !== 'lookup') return;
  if (sameColumn) {
    // An integer becoming a lookup: numbers are not links, so they are cleared rather than checked.
    actions.push({ kind: 'clearColumn', object, field: now.name, reason: msg('loss.becomesLink', { target: now.target }), description: msg('plan.becomesLink', { field: now.name, target: now.target }) });
    return;
  }
  const conversion = typeConversion(from, to, quoteIdentifier(now.name));
  actions.push({
    kind: 'alterColumnType',
    object,
    field: now.name,
    from,
    to,
    columnType,
    ...conversion,
    description: msg(conversion.lossy ? 'plan.changeTypeLossy' : 'plan.changeType', { field: now.name, from, to }),
  });
}

function dropIndex(object: string, index: IndexSpec): SchemaAction {
  switch (index.kind) {
    case 'unique':
      return { kind: 'dropUniqueIndex', object, name: index.name, description: msg('plan.dropUnique', { fields: index.fields.join(' + ') }) };
    case 'index':
      return { kind: 'dropIndex', object, name: index.name, description: msg('plan.dropIndex', { fields: index.keys.map((k) => k.field) }) };
    case 'dedup':
      return { kind: 'dropDedupIndex', object, name: index.name, rule: index.rule, description: msg('plan.dropDedupIndex', { rule: index.rule }) };
    case 'search':
      return { kind: 'dropSearchIndex', object, name: index.name, description: msg('plan.dropSearchIndex', { field: index.field }) };
    case 'phone':
      return { kind: 'dropPhoneIndex', object, name: index.name, description: msg('plan.dropPhoneIndex', { field: index.field }) };
  }
}

function addIndex(object: string, index: IndexSpec): SchemaAction {
  switch (index.kind) {
    case 'unique':
      return { kind: 'addUniqueIndex', object, name: index.name, fields: index.fields, ...(index.where ? { where: index.where } : {}),
        description: index.rule ? msg('plan.addUniqueWhere', { fields: index.fields.join(' + '), rule: index.rule }) : msg('plan.addUnique', { fields: index.fields.join(' + ') }) };
    case 'index':
      return {
        kind: 'addIndex',
        object,
        name: index.name,
        keys: index.keys,
        description: msg('plan.addIndex', { fields: index.keys.map((k) => (k.descending ? msg('plan.descending', { field: k.field }) : k.field)) }),
      };
    case 'dedup':
      return { kind: 'addDedupIndex', object, name: index.name, rule: index.rule, expressions: index.expressions, description: msg('plan.addDedupIndex', { rule: index.rule }) };
    case 'search':
      return { kind: 'addSearchIndex', object, name: index.name, expression: index.expression, description: msg('plan.addSearchIndex', { field: index.field }) };
    case 'phone':
      return { kind: 'addPhoneIndex', object, name: index.name, expression: index.expression, description: msg('plan.addPhoneIndex', { field: index.field }) };
  }
}

function sortActions(actions: SchemaAction[]): SchemaAction[] {
  const rank = (a: SchemaAction) => ORDER.indexOf(a.kind);
  return actions.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
}
