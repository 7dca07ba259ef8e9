import { detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import type { Field, ObjectDefinition } from '../generated/object.ts';
import { SEARCHABLE_TYPES, uniqueWherePredicate } from '../schema/index.ts';
import { QueryScope, compileFilter, compileFormula } from '../query/index.ts';
import { checkFieldValue } from '../records/field-values.ts';
import { defaultReturnType } from '../records/prepare-values.ts';
import { SYSTEM_FIELD_NAMES } from '../metadata/system-fields.ts';
import type { FieldInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import type { PackRegistry } from '../core/ports.ts';
import { msg } from '../core/messages/message.ts';

const RESERVED_OBJECTS = new Set(['user', 'department', 'meta', 'admin', 'auth', 'records', 'titles']);
const TEXT_LIKE = new Set(['text', 'textarea', 'email', 'phone', 'url', 'enum']);
const NOT_UNIQUE = new Set(['formula', 'json', 'multienum', 'boolean', 'textarea']);
const UNSORTABLE_TITLE = new Set(['json', 'multienum', 'formula']);
const NO_DEFAULT_EXPRESSION = new Set(['formula', 'json', 'multienum', 'lookup']);

function refersToFields(expression: unknown): boolean {
  if (Array.isArray(expression)) return expression.some(refersToFields);
  if (typeof expression !== 'object' || expression === null) return false;
  return Object.entries(expression).some(([key, value]) => key === '$field' || refersToFields(value));
}

/** Re-roots the pointers of errors raised while compiling an embedded expression. */
export function collect(details: ErrorDetail[], at: string, run: () => void) {
  try {
    run();
  } catch (err) {
    if (!isAppError(err)) throw err;
    const inner = err.details?.length ? err.details : [{ path: '', message: err.message }];
    for (const d of inner) details.push({ ...d, path: `${at}${d.path}` });
  }
}

/**
 * The checks a JSON Schema cannot express: references between fields and objects, expressions that
 * must compile against the object's fields, and per-type settings. `candidate` already contains the
 * definition being checked, so self-references and formulas over lookups resolve. Pack field types are
 * looked up in `registry` (the context's); without one, no pack type is known and a field naming one
 * is refused.
 */
export function checkObjectDefinition(def: ObjectDefinition, candidate: SchemaSnapshot, registry?: PackRegistry): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (RESERVED_OBJECTS.has(def.name)) details.push(detail('/name', msg('object.reserved', { name: def.name })));
  const object = candidate.object(def.name);
  const seen = new Set<string>();

  def.fields.forEach((f, i) => {
    const at = `/fields/${i}`;
    if (SYSTEM_FIELD_NAMES.has(f.name) || f.name === 'id') details.push(detail(`${at}/name`, msg('object.systemField', { name: f.name })));
    if (seen.has(f.name)) details.push(detail(`${at}/name`, msg('object.definedTwice', { name: f.name })));
    seen.add(f.name);
    if (f.freeValues !== undefined && f.type !== 'multienum') details.push(detail(`${at}/freeValues`, msg('object.onlyFor', { type: 'multienum' })));
    if ((f.type === 'enum' || (f.type === 'multienum' && !f.freeValues)) && !f.options) details.push(detail(`${at}/options`, msg('object.requiredFor', { type: f.type })));
    if (f.options) {
      const values = f.options.map((o) => (typeof o === 'string' ? o : o.value));
      if (new Set(values).size !== values.length) details.push(detail(`${at}/options`, msg('object.repeatedOption')));
    }
    if (f.type === 'lookup') {
      if (!f.target) details.push(detail(`${at}/target`, msg('object.requiredFor', { type: 'lookup' })));
      else if (!candidate.objects.has(f.target)) details.push(detail(`${at}/target`, msg('object.notAnObject', { name: f.target })));
    }
    if (f.type === 'formula') {
      if (!f.returns) details.push(detail(`${at}/returns`, msg('object.requiredFor', { type: 'formula' })));
      if (f.expression === undefined) details.push(detail(`${at}/expression`, msg('object.requiredFor', { type: 'formula' })));
      else if (f.returns) {
        const returns = f.returns;
        collect(details, `${at}/expression`, () => compileFormula(f.expression, new QueryScope(candidate, object), { returns }));
      }
    }
    if (f.fieldType) {
      const packType = registry?.fieldType(f.fieldType);
      if (!packType) details.push(detail(`${at}/fieldType`, msg('object.noPackType', { name: f.fieldType })));
      else if (!packType.bases.includes(f.type)) details.push(detail(`${at}/type`, msg('object.packTypeBase', { fieldType: f.fieldType, types: packType.bases.join(' or ') })));
    }
    if (f.unique && NOT_UNIQUE.has(f.type)) details.push(detail(`${at}/unique`, msg('object.notUnique', { type: f.type })));
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) {
      details.push(detail(`${at}/minLength`, msg('object.minOverMax', { other: 'maxLength' })));
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) details.push(detail(`${at}/min`, msg('object.minOverMax', { other: 'max' })));
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        details.push(detail(`${at}/pattern`, msg('object.badRegex')));
      }
    }
    const info = object.fields.get(f.name) as FieldInfo;
    if (f.default !== undefined && f.type !== 'formula') {
      const checked = checkFieldValue(info, f.default);
      if (!checked.ok) details.push(detail(`${at}/default`, checked.message));
    }
    if (f.defaultExpression !== undefined) {
      if (NO_DEFAULT_EXPRESSION.has(f.type)) details.push(detail(`${at}/defaultExpression`, msg('object.noDefaultExpression', { type: f.type })));
      else if (refersToFields(f.defaultExpression)) details.push(detail(`${at}/defaultExpression`, msg('object.defaultRefersToFields')));
      else collect(details, `${at}/defaultExpression`, () => compileFormula(f.defaultExpression, new QueryScope(candidate, object), { returns: defaultReturnType(info) }));
    }
  });

  const fieldAt = (name: string) => object.fields.get(name);
  if (def.titleField !== undefined) {
    const title = fieldAt(def.titleField);
    if (!title) details.push(detail('/titleField', msg('object.notAField', { name: def.titleField })));
    else if (UNSORTABLE_TITLE.has(title.type)) details.push(detail('/titleField', msg('object.titleType', { type: title.type })));
  }
  (def.searchFields ?? []).forEach((name, i) => {
    const f = fieldAt(name);
    if (!f || f.system) details.push(detail(`/searchFields/${i}`, msg('object.notAField', { name })));
    else if (!SEARCHABLE_TYPES.has(f.type as Field['type'])) details.push(detail(`/searchFields/${i}`, msg('object.searchText', { type: f.type })));
  });
  (def.history ?? []).forEach((name, i) => {
    const f = fieldAt(name);
    if (!f || f.system) details.push(detail(`/history/${i}`, msg('object.notAField', { name })));
    else if (f.type === 'formula') details.push(detail(`/history/${i}`, msg('object.formulaNoHistory')));
  });
  // Roles and the workflow are checked when an edit is gated: they are defined after the object.
  (def.gatedEdits ?? []).forEach((gate, i) => {
    gate.fields.forEach((name, j) => {
      const f = fieldAt(name);
      if (!f || f.system || f.type === 'formula') details.push(detail(`/gatedEdits/${i}/fields/${j}`, msg('object.notEditable', { name })));
    });
  });
  (def.validationRules ?? []).forEach((rule, i) => {
    collect(details, `/validationRules/${i}/errorWhen`, () => compileFilter(rule.errorWhen, new QueryScope(candidate, object)));
    if (rule.field !== undefined && !fieldAt(rule.field)) details.push(detail(`/validationRules/${i}/field`, msg('object.notAField', { name: rule.field })));
  });
  (def.unique ?? []).forEach((group, i) => {
    group.forEach((name, j) => {
      const f = fieldAt(name);
      if (!f || f.system) details.push(detail(`/unique/${i}/${j}`, msg('object.notAField', { name })));
      else if (NOT_UNIQUE.has(f.type)) details.push(detail(`/unique/${i}/${j}`, msg('object.notUnique', { type: f.type })));
    });
  });
  const ruleNames = new Set<string>();
  (def.uniqueWhere ?? []).forEach((rule, i) => {
    if (ruleNames.has(rule.name)) details.push(detail(`/uniqueWhere/${i}/name`, msg('object.definedTwice', { name: rule.name })));
    ruleNames.add(rule.name);
    rule.fields.forEach((name, j) => {
      const f = fieldAt(name);
      if (!f || f.system) details.push(detail(`/uniqueWhere/${i}/fields/${j}`, msg('object.notAField', { name })));
      else if (NOT_UNIQUE.has(f.type)) details.push(detail(`/uniqueWhere/${i}/fields/${j}`, msg('object.notUnique', { type: f.type })));
    });
    details.push(...uniqueWherePredicate(rule.where, def, `/uniqueWhere/${i}/where`).problems);
  });
  (def.dedup ?? []).forEach((rule, i) => {
    rule.fields.forEach((entry, j) => {
      const f = fieldAt(entry.field);
      if (!f || f.system) details.push(detail(`/dedup/${i}/fields/${j}/field`, msg('object.notAField', { name: entry.field })));
      else if (!TEXT_LIKE.has(f.type)) details.push(detail(`/dedup/${i}/fields/${j}/field`, msg('object.dedupText')));
    });
  });
  (def.indexes ?? []).forEach((index, i) => {
    index.fields.forEach((key, j) => {
      const f = fieldAt(key.replace(/^-/, ''));
      if (!f) details.push(detail(`/indexes/${i}/fields/${j}`, msg('object.notAField', { name: key })));
      else if (f.type === 'formula' || f.type === 'json') details.push(detail(`/indexes/${i}/fields/${j}`, msg('object.notIndexable', { type: f.type })));
    });
  });
  return details;
}
