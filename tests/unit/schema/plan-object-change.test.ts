import { renderMessage } from '../../../platform/src/core/messages/message.ts';
import { describe, expect, it } from 'vitest';
import type { Field, ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { phoneKeySql } from '../../../platform/src/query/phone-key.ts';
import { actionSql, constraintName, planObjectChange, planObjectDrop, type SchemaAction, type SchemaActionOf } from '../../../platform/src/schema/index.ts';

const deal = (fields: Field[], extra: Partial<ObjectDefinition> = {}): ObjectDefinition => ({ name: 'deal', fields, ...extra });
const kinds = (actions: SchemaAction[]) => actions.map((a) => a.kind);
const only = <K extends SchemaAction['kind']>(actions: SchemaAction[], kind: K) => actions.filter((a): a is SchemaActionOf<K> => a.kind === kind);

const base: Field[] = [
  { name: 'title', type: 'text', required: true, maxLength: 200 },
  { name: 'amount', type: 'number' },
];

describe('planObjectChange: a new object', () => {
  const next = deal(
    [
      { name: 'title', type: 'text', unique: true },
      { name: 'stage', type: 'enum', options: ['new', 'won'] },
      { name: 'account', type: 'lookup', target: 'account', onTargetDelete: 'restrict' },
      { name: 'owner_user', type: 'lookup', target: 'user' },
      { name: 'margin', type: 'formula', returns: 'number', expression: 1 },
      { name: 'phone', type: 'phone' },
    ],
    { unique: [['title', 'stage']], indexes: [{ fields: ['stage', '-_created_at'] }], dedup: [{ name: 'by_phone', fields: [{ field: 'phone', normalize: 'phone' }] }] },
  );
  const actions = planObjectChange(null, next);

  it('creates the table with every stored column, formulas excluded', () => {
    expect(actions[0].kind).toBe('createTable');
    const create = actions[0] as SchemaActionOf<'createTable'>;
    expect(create.columns.map((c) => [c.field, c.columnType])).toEqual([
      ['title', 'text'],
      ['stage', 'text'],
      ['account', 'bigint'],
      ['owner_user', 'bigint'],
      ['phone', 'text'],
    ]);
  });

  it('adds foreign keys, unique, plain and dedup indexes with the names the snapshot expects', () => {
    const fks = only(actions, 'addForeignKey');
    expect(fks.map((f) => [f.name, f.target, f.onDelete, f.notValid])).toEqual([
      [constraintName('fk', 'deal', ['account']), 'account', 'RESTRICT', false],
      [constraintName('fk', 'deal', ['owner_user']), 'user', 'SET NULL', false],
    ]);
    expect(only(actions, 'addUniqueIndex').map((u) => u.name)).toEqual([constraintName('uq', 'deal', ['title']), constraintName('uq', 'deal', ['title', 'stage'])]);
    expect(only(actions, 'addIndex').map((i) => i.name)).toEqual([
      constraintName('ix', 'deal', ['_owner']),
      constraintName('ix', 'deal', ['_department']),
      constraintName('ix', 'deal', ['account']),
      constraintName('ix', 'deal', ['owner_user']),
      constraintName('ix', 'deal', ['stage', '_created_at_desc']),
    ]);
    expect(only(actions, 'addIndex').at(-1)!.keys).toEqual([
      { field: 'stage', descending: false },
      { field: '_created_at', descending: true },
      { field: 'id', descending: false },
    ]);
    expect(only(actions, 'addDedupIndex').map((d) => [d.name, d.rule])).toEqual([[constraintName('dd', 'deal', ['by_phone']), 'by_phone']]);
  });

  it('orders the steps so that they apply and uses no placeholder characters', () => {
    expect(kinds(actions).indexOf('createTable')).toBe(0);
    expect(kinds(actions).lastIndexOf('addForeignKey')).toBeLessThan(kinds(actions).indexOf('addUniqueIndex'));
    for (const a of actions) for (const s of actionSql(a)) expect(s.sql).not.toMatch(/\?(?!::text\[\])/);
  });
});

describe('planObjectChange: changes', () => {
  it('indexes the title and each search field for global search, rebuilding an index when its field changes', () => {
    const person: Field[] = [base[0], { name: 'phone', type: 'phone' }, { name: 'email', type: 'email' }, { name: 'age', type: 'integer' }];
    const created = only(planObjectChange(null, deal(person, { searchFields: ['phone'] })), 'addSearchIndex');
    expect(created.map((a) => [a.name, a.expression])).toEqual([
      [constraintName('sx', 'deal', ['title']), 'search_grams(lower("title"))'],
      [constraintName('sx', 'deal', ['phone']), `search_grams(lower("phone") || ' ' || regexp_replace("phone", '[^0-9]', '', 'g'))`],
    ]);
    expect(actionSql(created[0])[0].sql).toBe('CREATE INDEX "sx_deal_title" ON "records"."deal" USING gin ((search_grams(lower("title")))) WHERE "_deleted_at" IS NULL');
    const added = planObjectChange(deal(person, { searchFields: ['phone'] }), deal(person, { searchFields: ['phone', 'email'] }));
    expect(added.map((a) => [a.kind, 'name' in a ? a.name : null])).toEqual([['addSearchIndex', constraintName('sx', 'deal', ['email'])]]);
    expect(planObjectChange(deal(person, { searchFields: ['phone'] }), deal(person, { searchFields: ['phone'] }))).toEqual([]);
    // A field whose type changes to one that is not searched loses its index.
    const retyped = person.map((f) => (f.name === 'phone' ? { ...f, type: 'text' as const } : f));
    expect(kinds(planObjectChange(deal(person, { searchFields: ['phone'] }), deal(retyped, { searchFields: ['phone'] })))).toEqual(['dropSearchIndex', 'dropPhoneIndex', 'addSearchIndex']);
    // Nothing to search: no text title and no search fields.
    expect(only(planObjectChange(null, deal([{ name: 'age', type: 'integer' }])), 'addSearchIndex')).toEqual([]);
    expect(kinds(planObjectChange(deal(person), deal(person.slice(1))))).toEqual(['dropSearchIndex', 'dropColumn']);
  });

  it('indexes the phone key of each phone field for the $phone operator, over every row', () => {
    const person: Field[] = [base[0], { name: 'mobile', type: 'phone' }, { name: 'email', type: 'email' }];
    const created = only(planObjectChange(null, deal(person)), 'addPhoneIndex');
    expect(created.map((a) => a.name)).toEqual([constraintName('px', 'deal', ['mobile'])]);
    expect(actionSql(created[0])[0].sql).toBe(`CREATE INDEX "px_deal_mobile" ON "records"."deal" ((${phoneKeySql('"mobile"')}))`);
    expect(planObjectChange(deal(person), deal(person))).toEqual([]);
    const retyped = person.map((f) => (f.name === 'mobile' ? { ...f, type: 'text' as const } : f));
    expect(kinds(planObjectChange(deal(person), deal(retyped)))).toContain('dropPhoneIndex');
    expect(kinds(planObjectChange(deal(retyped), deal(person)))).toContain('addPhoneIndex');
  });

  it('produces nothing when only labels, validation and defaults change', () => {
    const next = deal([{ ...base[0], label: { en: 'Name' }, required: false, maxLength: 20, default: 'x' }, { ...base[1], min: 0 }]);
    expect(planObjectChange(deal(base), next)).toEqual([]);
  });

  it('adds and drops columns', () => {
    const actions = planObjectChange(deal(base), deal([base[0], { name: 'closed_on', type: 'date' }]));
    expect(actions.map((a) => [a.kind, 'field' in a ? a.field : null])).toEqual([
      ['dropColumn', 'amount'],
      ['addColumn', 'closed_on'],
    ]);
    expect(only(actions, 'addColumn')[0].columnType).toBe('date');
  });

  it('turns a stored field into a formula and back', () => {
    const formula = deal([base[0], { name: 'amount', type: 'formula', returns: 'number', expression: 1 }]);
    const toFormula = planObjectChange(deal(base), formula);
    expect(toFormula).toMatchObject([{ kind: 'dropColumn', field: 'amount', toFormula: true }]);
    expect(planObjectChange(formula, deal(base))).toMatchObject([{ kind: 'addColumn', field: 'amount', columnType: 'numeric' }]);
  });

  it('classifies type changes as safe or lossy', () => {
    const retype = (from: Field['type'], to: Field['type']) => {
      const actions = planObjectChange(deal([{ name: 'v', type: from }]), deal([{ name: 'v', type: to }]));
      return actions.find((a) => a.kind === 'alterColumnType') as SchemaActionOf<'alterColumnType'> | undefined;
    };
    for (const [from, to] of [['text', 'email'], ['enum', 'textarea'], ['number', 'currency'], ['percent', 'number']] as const) {
      expect(retype(from, to), `${from}->${to}`).toBeUndefined();
    }
    for (const [from, to] of [['integer', 'number'], ['number', 'text'], ['multienum', 'text'], ['json', 'text'], ['enum', 'multienum'], ['date', 'datetime'], ['boolean', 'json'], ['date', 'text']] as const) {
      expect(retype(from, to)?.lossy, `${from}->${to}`).toBe(false);
    }
    for (const [from, to] of [['text', 'number'], ['text', 'integer'], ['text', 'date'], ['text', 'datetime'], ['text', 'boolean'], ['number', 'integer'], ['multienum', 'enum'], ['datetime', 'date'], ['json', 'number'], ['boolean', 'number'], ['text', 'lookup'], ['date', 'number']] as const) {
      const action = retype(from, to);
      expect(action?.lossy, `${from}->${to}`).toBe(true);
      expect(action?.lossSql, `${from}->${to}`).toBeTruthy();
    }
    expect(retype('multienum', 'text')!.usingSql).toBe(`array_to_string("v", ';')`);
  });

  it('rebuilds indexes and unique constraints over a column whose type changes', () => {
    const prev = deal([base[0], { name: 'code', type: 'text', unique: true }], { indexes: [{ fields: ['code'] }] });
    const next = deal([base[0], { name: 'code', type: 'integer', unique: true }], { indexes: [{ fields: ['code'] }] });
    expect(kinds(planObjectChange(prev, next))).toEqual(['dropIndex', 'dropUniqueIndex', 'alterColumnType', 'addUniqueIndex', 'addIndex']);
  });

  it('keeps unique indexes when the column type stays the same', () => {
    const prev = deal([base[0], { name: 'code', type: 'text', unique: true }]);
    expect(planObjectChange(prev, deal([base[0], { name: 'code', type: 'enum', options: ['a'], unique: true }]))).toEqual([]);
  });

  it('clears removed enum and multienum options', () => {
    const prev = deal([
      { name: 'stage', type: 'enum', options: ['new', { value: 'lost' }, 'won'] },
      { name: 'tags', type: 'multienum', options: ['a', 'b', 'c'] },
    ]);
    const next = deal([
      { name: 'stage', type: 'enum', options: ['new', 'won'] },
      { name: 'tags', type: 'multienum', options: ['a', 'd'] },
    ]);
    expect(only(planObjectChange(prev, next), 'clearRemovedOptions').map((a) => [a.field, a.values, a.multiple])).toEqual([
      ['stage', ['lost'], false],
      ['tags', ['b', 'c'], true],
    ]);
  });

  it('retargets a lookup: drop the link, clear the column, link again', () => {
    const prev = deal([{ name: 'account', type: 'lookup', target: 'account' }]);
    const actions = planObjectChange(prev, deal([{ name: 'account', type: 'lookup', target: 'contact' }]));
    expect(kinds(actions)).toEqual(['dropForeignKey', 'clearColumn', 'addForeignKey']);
    expect(only(actions, 'addForeignKey')[0]).toMatchObject({ target: 'contact', notValid: true, name: constraintName('fk', 'deal', ['account']) });
  });

  it('replaces the link when only the delete behaviour changes, keeping the values', () => {
    const prev = deal([{ name: 'account', type: 'lookup', target: 'account' }]);
    const actions = planObjectChange(prev, deal([{ name: 'account', type: 'lookup', target: 'account', onTargetDelete: 'restrict' }]));
    expect(kinds(actions)).toEqual(['dropForeignKey', 'addForeignKey']);
  });

  it('turns a lookup into an integer without touching its values, and back by clearing them', () => {
    const lookup = deal([{ name: 'ref', type: 'lookup', target: 'account' }]);
    const integer = deal([{ name: 'ref', type: 'integer' }]);
    expect(kinds(planObjectChange(lookup, integer))).toEqual(['dropIndex', 'dropForeignKey']);
    expect(kinds(planObjectChange(integer, lookup))).toEqual(['clearColumn', 'addForeignKey', 'addIndex']);
  });

  it('adds and removes unique groups, indexes and dedup rules', () => {
    const prev = deal(base, { unique: [['title', 'amount']], dedup: [{ name: 'by_title', fields: [{ field: 'title' }] }] });
    const next = deal(base, { indexes: [{ fields: ['-amount'] }], dedup: [{ name: 'by_title', fields: [{ field: 'title', normalize: 'name' }] }] });
    const actions = planObjectChange(prev, next);
    expect(kinds(actions)).toEqual(['dropDedupIndex', 'dropUniqueIndex', 'addIndex', 'addDedupIndex']);
    expect(only(actions, 'addIndex')[0].keys).toEqual([{ field: 'amount', descending: true }, { field: 'id', descending: false }]);
  });

  it('drops indexes and links before the columns they use', () => {
    const prev = deal([base[0], { name: 'account', type: 'lookup', target: 'account', unique: true }]);
    expect(kinds(planObjectChange(prev, deal([base[0]])))).toEqual(['dropIndex', 'dropUniqueIndex', 'dropForeignKey', 'dropColumn']);
  });

  it('every step explains itself, in English and in Chinese', () => {
    const prev = deal([...base, { name: 'stage', type: 'enum', options: ['a', 'b'] }]);
    const next = deal([{ name: 'title', type: 'number' }, { name: 'stage', type: 'enum', options: ['a'] }, { name: 'x', type: 'url' }]);
    const actions = planObjectChange(prev, next);
    for (const a of actions) {
      expect(renderMessage(a.description, 'en').length).toBeGreaterThan(10);
      expect(renderMessage(a.description, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(actions.map((a) => renderMessage(a.description, 'en'))).toContain("Remove option(s) 'b' from the values of 'stage'");
  });
});

describe('planObjectDrop', () => {
  it('drops the table', () => {
    expect(planObjectDrop(deal(base))).toMatchObject([{ kind: 'dropTable', object: 'deal' }]);
  });
});
