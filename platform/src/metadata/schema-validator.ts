import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { createError, type ErrorDetail } from '../core/errors.ts';
import { pointerToken, quoted } from '../query/invalid-filter.ts';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../metadata/schemas');
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** The platform's own kinds, plus kinds packs register (their schema is metadata/schemas/<kind>.schema.json). */
export type DefinitionKind = 'object' | 'role' | 'workflow' | 'pack' | (string & {});

// verbose: errors carry the offending value, which the details quote back.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: false, verbose: true });
ajv.addKeyword('tsType');
addFormats(ajv);

const validators = new Map<DefinitionKind, ValidateFunction>();

function validatorFor(kind: DefinitionKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    const file = path.join(schemaDir, `${kind}.schema.json`);
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(kind) || !fs.existsSync(file)) throw new Error(`There is no JSON Schema for the definition kind '${kind}'.`);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    validate = ajv.compile(schema);
    validators.set(kind, validate);
  }
  return validate;
}

function detailOf(e: ErrorObject): ErrorDetail {
  const base = e.instancePath || '';
  // A map key that breaks its propertyNames rule: point at the key itself.
  if (e.propertyName !== undefined) return { path: `${base}/${pointerToken(e.propertyName)}`, message: `is not a valid key: ${e.message ?? 'invalid'}` };
  switch (e.keyword) {
    case 'required':
      return { path: `${base}/${(e.params as { missingProperty: string }).missingProperty}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${base}/${(e.params as { additionalProperty: string }).additionalProperty}`, message: 'is not a known property' };
    case 'enum':
      return { path: base, message: `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}${got(e)}` };
    default:
      return { path: base, message: `${e.message ?? 'is not valid'}${VALUE_KEYWORDS.has(e.keyword) ? got(e) : ''}` };
  }
}

/** Keywords about a value (not about an object's shape), whose errors quote the value back. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['type', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf', 'const']);

const got = (e: ErrorObject) => (e.data === undefined ? '' : typeof e.data === 'string' ? ` (got "${quoted(e.data)}")` : ` (got ${quoted(e.data)})`);

/** Validates a definition against its JSON Schema; every problem is reported with its JSON pointer. */
export function validateAgainstSchema<T>(kind: DefinitionKind, definition: unknown): T {
  const validate = validatorFor(kind);
  if (validate(definition)) return definition as T;
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of validate.errors ?? []) {
    // oneOf branches repeat the same complaint; keep the first per path and message.
    if (e.keyword === 'oneOf' || e.keyword === 'propertyNames') continue;
    const d = detailOf(e);
    const key = `${d.path} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(d);
    }
  }
  throw createError('VALIDATION_FAILED', `The ${kind} definition is not valid.`, details);
}
