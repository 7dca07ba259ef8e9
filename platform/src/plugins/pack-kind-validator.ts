import fs from 'node:fs';
import path from 'node:path';
import { definitionValidator, type DefinitionValidator } from '../metadata/schema-validator.ts';
import type { Pack } from './pack-catalog.ts';

/**
 * The validator of a definition kind a pack registers, compiled from the pack's own
 * `schemas/<kind>.schema.json`. A missing or invalid schema stops the start with the reason, as a
 * broken manifest does: a kind whose definitions cannot be validated cannot be stored.
 */
export function packKindValidator(pack: Pack, kind: string): DefinitionValidator<Record<string, unknown>> {
  const file = path.join(pack.dir, 'schemas', `${kind}.schema.json`);
  if (!fs.existsSync(file)) throw new Error(`Pack '${pack.manifest.name}': the definition kind '${kind}' has no JSON Schema; expected ${file}.`);
  let schema: unknown;
  try {
    schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  // Definitions are stored and addressed by their name (/api/meta/<plural>/:name).
  if (!describesNamedObject(schema)) throw new Error(`${file}: the schema of a definition kind must describe an object that requires a "name".`);
  try {
    return definitionValidator(kind, schema);
  } catch (err) {
    throw new Error(`${file} is not a valid JSON Schema: ${(err as Error).message}`, { cause: err });
  }
}

function describesNamedObject(schema: unknown): schema is object {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  const { type, required, properties } = schema as { type?: unknown; required?: unknown; properties?: Record<string, unknown> };
  return type === 'object' && Array.isArray(required) && required.includes('name') && typeof properties === 'object' && properties !== null && 'name' in properties;
}
