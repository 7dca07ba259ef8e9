import type { FieldInfo } from '../../core/snapshot-types.ts';
import type { Language } from '../../core/messages/message.ts';
import { localizedText } from '../../core/messages/message.ts';
import { DEFAULT_MAX_LENGTH, PHONE } from '../../records/field-values.ts';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

const ID: JsonSchema = { type: 'string', pattern: '^[1-9][0-9]*$' };

/** The value a field of this type holds, as the API sends and takes it (`records/record-shape.ts`, `records/field-values.ts`). */
function valueSchema(field: FieldInfo, type: string): JsonSchema {
  const def = field.definition;
  const lengths = (): JsonSchema => ({
    ...(def?.minLength !== undefined ? { minLength: def.minLength } : {}),
    maxLength: def?.maxLength ?? DEFAULT_MAX_LENGTH[field.type] ?? 1000,
    ...(def?.pattern ? { pattern: def.pattern } : {}),
  });
  const bounds = (): JsonSchema => ({
    ...(def?.min !== undefined ? { minimum: Number(def.min) } : {}),
    ...(def?.max !== undefined ? { maximum: Number(def.max) } : {}),
  });
  switch (type) {
    case 'id':
    case 'lookup':
      return { ...ID, ...(field.target ? { 'x-tessera-target': field.target } : {}) };
    case 'text':
    case 'textarea':
      return { type: 'string', ...lengths() };
    case 'email':
      return { type: 'string', format: 'email', ...lengths() };
    case 'phone':
      return { type: 'string', pattern: PHONE.source, ...lengths() };
    case 'url':
      return { type: 'string', format: 'uri', ...lengths() };
    case 'integer':
      return { type: 'integer', ...bounds() };
    case 'number':
    case 'currency':
    case 'percent':
      return { type: 'number', ...bounds(), ...(def?.currencyCode ? { 'x-tessera-currency': def.currencyCode } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date', ...(typeof def?.min === 'string' ? { 'x-tessera-earliest': def.min } : {}), ...(typeof def?.max === 'string' ? { 'x-tessera-latest': def.max } : {}) };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { type: 'string', enum: [...(field.options ?? [])] };
    case 'multienum':
      return {
        type: 'array',
        items: { type: 'string', enum: [...(field.options ?? [])] },
        uniqueItems: true,
        ...(def?.maxSelections ? { maxItems: def.maxSelections } : {}),
      };
    default:
      // json fields and anything a pack's field type refines hold any JSON value.
      return {};
  }
}

/**
 * One field as a JSON Schema property: its type and limits, its label in the reader's language as
 * `title`, null allowed unless required, `readOnly` for formulas, system fields and fields only
 * defaults, workflows and hooks set.
 */
export function fieldSchema(field: FieldInfo, lang: Language): JsonSchema {
  const def = field.definition;
  const type = field.type === 'formula' ? (field.returns ?? 'text') : field.type;
  const base = valueSchema(field, type);
  const nullable = !def?.required && field.name !== 'id' && field.name !== '_version';
  const description = def?.helpText ? localizedText(def.helpText, lang) : def?.description;
  const schema: JsonSchema = {
    ...(nullable ? withNull(base) : base),
    title: localizedText(field.label, lang),
    ...(description ? { description } : {}),
    ...(field.type === 'formula' || field.system || def?.readOnly ? { readOnly: true } : {}),
    ...(def?.fieldType ? { 'x-tessera-field-type': def.fieldType } : {}),
    ...(def?.options?.some((o) => typeof o !== 'string' && o.label) ? { 'x-tessera-option-labels': optionLabels(def.options, lang) } : {}),
  };
  return schema;
}

function optionLabels(options: NonNullable<FieldInfo['definition']>['options'], lang: Language): Record<string, string> {
  return Object.fromEntries((options ?? []).map((o) => (typeof o === 'string' ? [o, o] : [o.value, o.label ? localizedText(o.label, lang) : o.value])));
}

function withNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') {
    const enumValues = schema.enum as unknown[] | undefined;
    return { ...schema, type: [schema.type, 'null'], ...(enumValues ? { enum: [...enumValues, null] } : {}) };
  }
  return schema;
}
