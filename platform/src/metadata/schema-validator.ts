import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { createError, detail, type ErrorDetail } from '../core/errors.ts';
import { pointerToken, quoted } from '../query/invalid-filter.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../metadata/schemas');
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** The platform's own kinds, whose schemas are metadata/schemas/<kind>.schema.json (a pack's kinds come with the pack). */
export type DefinitionKind = 'object' | 'role' | 'workflow' | 'pack' | 'calendar';

/** Returns the definition when it is valid against its kind's schema, else throws VALIDATION_FAILED with JSON-pointer details. */
export type DefinitionValidator<T> = (definition: unknown) => T;

/**
 * Compiles a kind's JSON Schema; an invalid schema throws (ajv's strict mode names the problem).
 * Each schema gets its own ajv: a pack's schema is compiled once per plugin host, and two hosts in one
 * process would otherwise collide on the schema's `$id`.
 */
export function definitionValidator<T>(kind: string, schema: object): DefinitionValidator<T> {
  // verbose: errors carry the offending value, which the details quote back.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: false, verbose: true });
  ajv.addKeyword('tsType');
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (definition) => {
    if (validate(definition)) return definition as T;
    throw createError('VALIDATION_FAILED', msg('schema.definitionInvalid', { kind: kindLabel(kind) }), problemsOf(validate.errors ?? []));
  };
}

const platformValidators = new Map<DefinitionKind, DefinitionValidator<unknown>>();

function platformValidator(kind: DefinitionKind): DefinitionValidator<unknown> {
  let validate = platformValidators.get(kind);
  if (!validate) {
    const file = path.join(schemaDir, `${kind}.schema.json`);
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(kind) || !fs.existsSync(file)) throw new Error(`There is no JSON Schema for the definition kind '${kind}'.`);
    validate = definitionValidator(kind, JSON.parse(fs.readFileSync(file, 'utf8')));
    platformValidators.set(kind, validate);
  }
  return validate;
}

function detailOf(e: ErrorObject): ErrorDetail {
  const base = e.instancePath || '';
  // A map key that breaks its propertyNames rule: point at the key itself.
  if (e.propertyName !== undefined) return detail(`${base}/${pointerToken(e.propertyName)}`, msg('schema.invalidKey', { problem: keywordMessage(e) }));
  switch (e.keyword) {
    case 'required':
      return detail(`${base}/${(e.params as { missingProperty: string }).missingProperty}`, msg('schema.required'));
    case 'additionalProperties':
      return detail(`${base}/${(e.params as { additionalProperty: string }).additionalProperty}`, msg('schema.additional'));
    case 'enum':
      return detail(base, withGot(msg('schema.enum', { options: (e.params as { allowedValues: unknown[] }).allowedValues.join(', ') }), e));
    default:
      return detail(base, VALUE_KEYWORDS.has(e.keyword) ? withGot(keywordMessage(e), e) : keywordMessage(e));
  }
}

/**
 * Ajv's keyword messages through the catalogue (ajv-i18n would add a dependency for these few
 * sentences); the English templates are ajv's own, so English details read as before.
 */
function keywordMessage(e: ErrorObject): Message {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return msg('schema.type', { type: String(p.type) });
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return msg(`schema.${e.keyword}`, { limit: Number(p.limit) });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return msg('schema.limit', { comparison: String(p.comparison), limit: Number(p.limit) });
    case 'pattern':
      return msg('schema.pattern', { pattern: String(p.pattern) });
    case 'format':
      return msg('schema.format', { format: String(p.format) });
    case 'const':
      return msg('schema.const');
    case 'uniqueItems':
      return msg('schema.uniqueItems', { i: Number(p.i), j: Number(p.j) });
    default:
      return msg('schema.other', { problem: e.message ?? 'is not valid' });
  }
}

const withGot = (problem: Message, e: ErrorObject): Message => (e.data === undefined ? problem : msg('schema.got', { problem, value: typeof e.data === 'string' ? `"${quoted(e.data)}"` : quoted(e.data) }));

/** Keywords about a value (not about an object's shape), whose errors quote the value back. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['type', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf', 'const']);

/** Validates a definition of one of the platform's kinds; every problem is reported with its JSON pointer. */
export function validateAgainstSchema<T>(kind: DefinitionKind, definition: unknown): T {
  return platformValidator(kind)(definition) as T;
}

function problemsOf(errors: readonly ErrorObject[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of errors) {
    // oneOf branches repeat the same complaint; keep the first per path and message.
    if (e.keyword === 'oneOf' || e.keyword === 'propertyNames') continue;
    const d = detailOf(e);
    const key = `${d.path} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(d);
    }
  }
  return details;
}
