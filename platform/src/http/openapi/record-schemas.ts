import type { ObjectInfo } from '../../core/snapshot-types.ts';
import { localizedText, type Language } from '../../core/messages/message.ts';
import type { ObjectAccess } from '../../permissions/caller-access.ts';
import { fieldSchema, type JsonSchema } from './field-schema.ts';

/** The names under `#/components/schemas` of an object's record and its create and update bodies. */
export const schemaNames = (object: string) => ({ record: object, create: `${object}.create`, update: `${object}.update`, values: `${object}.values` });

/**
 * An object's record as the caller reads it (system fields and the fields they may read) and the
 * bodies they may send: create takes the fields they may write (required ones required), update
 * the same fields, none required, with `_version`.
 */
export function recordSchemas(object: ObjectInfo, access: ObjectAccess, lang: Language): Record<string, JsonSchema> {
  const title = localizedText(object.label, lang);
  const readable = [...object.fields.values()].filter((f) => f.system || (access.fields[f.name] ?? 'none') !== 'none');
  const writable = object.customFields.filter((f) => access.fields[f.name] === 'write' && f.type !== 'formula' && !f.definition?.readOnly);
  const properties = (fields: typeof readable) => Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, lang)]));
  const names = schemaNames(object.name);
  const out: Record<string, JsonSchema> = {
    [names.record]: {
      type: 'object',
      title,
      ...(object.definition.description ? { description: object.definition.description } : {}),
      required: ['id', '_version'],
      properties: properties(readable),
    },
  };
  if (access.operations.create) {
    const required = writable.filter((f) => f.definition?.required && f.definition.default === undefined && f.definition.defaultExpression === undefined).map((f) => f.name);
    out[names.create] = { type: 'object', title, ...(required.length ? { required } : {}), properties: properties(writable) };
  }
  if (access.operations.update) {
    out[names.update] = {
      type: 'object',
      title,
      required: ['_version'],
      properties: { _version: { type: 'integer', minimum: 1, description: 'The version read; 409 STALE_VERSION when the record changed since.' }, ...properties(writable) },
    };
    out[names.values] = { type: 'object', title, properties: properties(writable) };
  }
  return out;
}
