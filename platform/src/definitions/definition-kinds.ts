import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError, type ErrorDetail } from '../core/errors.ts';
import { refuseStaleDefinition } from './definition-lock.ts';
import { latestDefinitionVersion, recordDefinitionVersion, storeDefinition } from '../metadata/metadata-store.ts';
import type { DefinitionValidator } from '../metadata/schema-validator.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';
import type { Label } from '../core/messages/message.ts';

/** A definition kind a pack registered (plugins/plugin-host.ts adapts the pack's schema and check to this). */
export interface RegisteredKind {
  /** The kind's name, e.g. `report`. */
  readonly kind: string;
  /** Plural used in /api/meta/<plural>/:name and in a pack's metadata folder. */
  readonly plural: string;
  /** The pack that registered the kind. */
  readonly pack: string;
  /** The kind's name in messages, in both languages (its name when the pack gave none). */
  readonly label?: Label;
  /** Validates against the kind's JSON Schema, the pack's schemas/<kind>.schema.json (VALIDATION_FAILED with JSON-pointer details). */
  readonly validate: DefinitionValidator<Record<string, unknown>>;
  /** Checks beyond the JSON Schema against the candidate snapshot, reading other definitions through `db`. */
  readonly check?: (definition: Record<string, unknown>, snapshot: SchemaSnapshot, db: Knex) => Promise<ErrorDetail[]>;
  /** Where other definitions name a definition of this kind; a named one is not deleted (409 with these details). */
  readonly usesOf?: (name: string, snapshot: SchemaSnapshot) => ErrorDetail[];
}

export interface StoredKindDefinition {
  definition: Record<string, unknown>;
  version: number;
  updatedAt: string;
  /** The user who saved this version; null when the system did (a pack installed at first start). */
  updatedBy: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/** Validates a definition of a pack-registered kind against its JSON Schema and the kind's own checks. */
export async function checkKindDefinition(kind: RegisteredKind, input: unknown, snapshot: SchemaSnapshot, db: Knex): Promise<Record<string, unknown>> {
  const definition = kind.validate(input);
  const problems: ErrorDetail[] = kind.check ? await kind.check(definition, snapshot, db) : [];
  if (problems.length) throw createError('VALIDATION_FAILED', msg('schema.definitionInvalid', { kind: kindLabel(kind) }), problems);
  return definition;
}

export async function readKindDefinition(db: Knex, kind: string, name: string): Promise<StoredKindDefinition | undefined> {
  const row = await db('meta_definitions').where({ kind, name }).first('definition', 'version', 'updated_at', 'updated_by');
  return row ? storedKindDefinition(row) : undefined;
}

export async function listKindDefinitions(db: Knex, kind: string): Promise<StoredKindDefinition[]> {
  const rows = await db('meta_definitions').where({ kind }).orderBy('name').select('definition', 'version', 'updated_at', 'updated_by');
  return rows.map(storedKindDefinition);
}

function storedKindDefinition(row: { definition: Record<string, unknown>; version: number; updated_at: Date | string; updated_by: string | number | null }): StoredKindDefinition {
  return { definition: row.definition, version: row.version, updatedAt: iso(row.updated_at), updatedBy: row.updated_by === null ? null : String(row.updated_by) };
}

/** Stores a new version of a definition; an unchanged definition is left as it is. */
export async function putKindDefinition(kind: RegisteredKind, input: unknown, ctx: Ctx, expectedVersion?: number): Promise<{ definition: Record<string, unknown>; version: number; created: boolean; changed: boolean }> {
  const definition = await checkKindDefinition(kind, input, ctx.schema, ctx.db);
  const name = String(definition.name);
  return ctx.db.transaction(async (trx) => {
    const previous = await trx('meta_definitions').where({ kind: kind.kind, name }).forUpdate().first('definition', 'version');
    refuseStaleDefinition(kind, name, expectedVersion, previous?.version);
    if (previous && sameDefinition(previous.definition, definition)) return { definition, version: previous.version, created: false, changed: false };
    const version = (await latestDefinitionVersion(trx, kind.kind, name)) + 1;
    await storeDefinition(trx, kind.kind, name, version, definition, previous ? 'update' : 'create', ctx.actor.id);
    return { definition, version, created: !previous, changed: true };
  });
}

export async function deleteKindDefinition(kind: RegisteredKind, name: string, ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const previous = await trx('meta_definitions').where({ kind: kind.kind, name }).forUpdate().first('version');
    if (!previous) throw createError('NOT_FOUND', msg('http.noDefinition', { kind: kindLabel(kind), name: name.slice(0, 80) }));
    const uses = kind.usesOf?.(name, ctx.schema) ?? [];
    if (uses.length) throw createError('CONFLICT', msg('definition.inUse', { kind: kindLabel(kind), name }), uses);
    await trx('meta_definitions').where({ kind: kind.kind, name }).delete();
    await recordDefinitionVersion(trx, kind.kind, name, previous.version + 1, null, 'delete', ctx.actor.id);
  });
}

/** Key order does not matter (jsonb reorders keys); everything else does. */
export function sameDefinition(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}
