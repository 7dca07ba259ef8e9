import { detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import { QueryScope, compileFilter, compileFormula } from '../query/index.ts';
import { checkFieldValue } from '../records/field-values.ts';
import { defaultReturnType } from '../records/prepare-values.ts';
import { SYSTEM_FIELD_NAMES } from './system-fields.ts';
import type { FieldInfo, SchemaSnapshot } from './snapshot-types.ts';
import { packFieldType } from '../records/field-type-registry.ts';

const RESERVED_OBJECTS = new Set(['user', 'department', 'meta', 'admin', 'auth', 'records']);
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
    for (const d of inner) details.push({ path: `${at}${d.path}`, message: d.message });
  }
}

/**
 * The checks a JSON Schema cannot express: references between fields and objects, expressions that
 * must compile against the object's fields, and per-type settings. `candidate` already contains the
 * definition being checked, so self-references and formulas over lookups resolve.
 */
export function checkObjectDefinition(def: ObjectDefinition, candidate: SchemaSnapshot): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (RESERVED_OBJECTS.has(def.name)) details.push({ path: '/name', message: `'${def.name}' is reserved` });
  const object = candidate.object(def.name);
  const seen = new Set<string>();

  def.fields.forEach((f, i) => {
    const at = `/fields/${i}`;
    if (SYSTEM_FIELD_NAMES.has(f.name) || f.name === 'id') details.push({ path: `${at}/name`, message: `'${f.name}' is a system field` });
    if (seen.has(f.name)) details.push({ path: `${at}/name`, message: `'${f.name}' is defined twice` });
    seen.add(f.name);
    if ((f.type === 'enum' || f.type === 'multienum') && !f.options) details.push({ path: `${at}/options`, message: `is required for ${f.type} fields` });
    if (f.options) {
      const values = f.options.map((o) => (typeof o === 'string' ? o : o.value));
      if (new Set(values).size !== values.length) details.push({ path: `${at}/options`, message: 'must not repeat a value' });
    }
    if (f.type === 'lookup') {
      if (!f.target) details.push({ path: `${at}/target`, message: 'is required for lookup fields' });
      else if (!candidate.objects.has(f.target)) details.push({ path: `${at}/target`, message: `'${f.target}' is not an object` });
    }
    if (f.type === 'formula') {
      if (!f.returns) details.push({ path: `${at}/returns`, message: 'is required for formula fields' });
      if (f.expression === undefined) details.push({ path: `${at}/expression`, message: 'is required for formula fields' });
      else if (f.returns) {
        const returns = f.returns;
        collect(details, `${at}/expression`, () => compileFormula(f.expression, new QueryScope(candidate, object), { returns }));
      }
    }
    if (f.fieldType) {
      const packType = packFieldType(f.fieldType);
      if (!packType) details.push({ path: `${at}/fieldType`, message: `'${f.fieldType}' is not a field type any pack provides` });
      else if (!packType.bases.includes(f.type)) details.push({ path: `${at}/type`, message: `a ${f.fieldType} field must be of type ${packType.bases.join(' or ')}` });
    }
    if (f.unique && NOT_UNIQUE.has(f.type)) details.push({ path: `${at}/unique`, message: `${f.type} fields cannot be unique` });
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) {
      details.push({ path: `${at}/minLength`, message: 'must not exceed maxLength' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) details.push({ path: `${at}/min`, message: 'must not exceed max' });
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        details.push({ path: `${at}/pattern`, message: 'is not a valid regular expression' });
      }
    }
    const info = object.fields.get(f.name) as FieldInfo;
    if (f.default !== undefined && f.type !== 'formula') {
      const checked = checkFieldValue(info, f.default);
      if (!checked.ok) details.push(detail(`${at}/default`, checked.message));
    }
    if (f.defaultExpression !== undefined) {
      if (NO_DEFAULT_EXPRESSION.has(f.type)) details.push({ path: `${at}/defaultExpression`, message: `${f.type} fields cannot have a default expression` });
      else if (refersToFields(f.defaultExpression)) details.push({ path: `${at}/defaultExpression`, message: 'a default expression cannot refer to fields' });
      else collect(details, `${at}/defaultExpression`, () => compileFormula(f.defaultExpression, new QueryScope(candidate, object), { returns: defaultReturnType(info) }));
    }
  });

  const fieldAt = (name: string) => object.fields.get(name);
  if (def.titleField !== undefined) {
    const title = fieldAt(def.titleField);
    if (!title) details.push({ path: '/titleField', message: `'${def.titleField}' is not a field` });
    else if (UNSORTABLE_TITLE.has(title.type)) details.push({ path: '/titleField', message: `a ${title.type} field cannot be the title` });
  }
  (def.history ?? []).forEach((name, i) => {
    const f = fieldAt(name);
    if (!f || f.system) details.push({ path: `/history/${i}`, message: `'${name}' is not a field` });
    else if (f.type === 'formula') details.push({ path: `/history/${i}`, message: 'formula fields have no history' });
  });
  // Roles and the workflow are checked when an edit is gated: they are defined after the object.
  (def.gatedEdits ?? []).forEach((gate, i) => {
    gate.fields.forEach((name, j) => {
      const f = fieldAt(name);
      if (!f || f.system || f.type === 'formula') details.push({ path: `/gatedEdits/${i}/fields/${j}`, message: `'${name}' is not a field that can be edited` });
    });
  });
  (def.validationRules ?? []).forEach((rule, i) => {
    collect(details, `/validationRules/${i}/errorWhen`, () => compileFilter(rule.errorWhen, new QueryScope(candidate, object)));
    if (rule.field !== undefined && !fieldAt(rule.field)) details.push({ path: `/validationRules/${i}/field`, message: `'${rule.field}' is not a field` });
  });
  (def.unique ?? []).forEach((group, i) => {
    group.forEach((name, j) => {
      const f = fieldAt(name);
      if (!f || f.system) details.push({ path: `/unique/${i}/${j}`, message: `'${name}' is not a field` });
      else if (NOT_UNIQUE.has(f.type)) details.push({ path: `/unique/${i}/${j}`, message: `${f.type} fields cannot be unique` });
    });
  });
  (def.dedup ?? []).forEach((rule, i) => {
    rule.fields.forEach((entry, j) => {
      const f = fieldAt(entry.field);
      if (!f || f.system) details.push({ path: `/dedup/${i}/fields/${j}/field`, message: `'${entry.field}' is not a field` });
      else if (!TEXT_LIKE.has(f.type)) details.push({ path: `/dedup/${i}/fields/${j}/field`, message: 'dedup rules compare text fields' });
    });
  });
  (def.indexes ?? []).forEach((index, i) => {
    index.fields.forEach((key, j) => {
      const f = fieldAt(key.replace(/^-/, ''));
      if (!f) details.push({ path: `/indexes/${i}/fields/${j}`, message: `'${key}' is not a field` });
      else if (f.type === 'formula' || f.type === 'json') details.push({ path: `/indexes/${i}/fields/${j}`, message: `${f.type} fields cannot be indexed` });
    });
  });
  return details;
}
